//! Derived signing keys kept for reuse: a TC3 key depends only on the secret
//! key, the UTC date and the service, so a client signing many requests
//! derives it once a day per service instead of once per request.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use zeroize::Zeroizing;

use super::{SigningInput, SigningKey, write_authorization};
use crate::time::utc_date;

/// How many (secret key, service) pairs a cache remembers.
const CAPACITY: usize = 8;

/// A derived key with the `YYYY-MM-DD` date it was derived for.
#[derive(Clone)]
pub struct DatedKey {
    key: SigningKey,
    date: [u8; 10],
}

impl DatedKey {
    /// Derives the key for `secret_key`, the UTC date of `timestamp` and `service`.
    pub fn derive(secret_key: &str, timestamp: u64, service: &str) -> Self {
        let date = utc_date(timestamp);
        let key = SigningKey::derive(secret_key, &date, service);
        let mut bytes = [b'0'; 10];
        // A date before year 10000 is exactly ten bytes.
        if date.len() == bytes.len() {
            bytes.copy_from_slice(date.as_bytes());
        }
        DatedKey { key, date: bytes }
    }

    /// The key.
    pub fn key(&self) -> &SigningKey {
        &self.key
    }

    /// The UTC date of the key's scope, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        std::str::from_utf8(&self.date).unwrap_or_else(|_| unreachable!("the date is ASCII"))
    }
}

impl fmt::Debug for DatedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatedKey")
            .field("key", &self.key)
            .field("date", &self.date())
            .finish()
    }
}

struct Entry {
    secret_key: Zeroizing<String>,
    service: String,
    day: u64,
    key: Arc<DatedKey>,
}

/// Signing keys by (secret key, UTC day, service), safe to share between
/// threads. Holds copies of the secret keys it has seen (wiped when replaced
/// or dropped), at most eight at a time.
///
/// ```
/// use tc_sign::{Payload, SigningInput, SigningKeyCache, sign};
///
/// let headers = [("content-type", "application/json"), ("host", "cvm.tencentcloudapi.com")];
/// let input = SigningInput {
///     method: "POST", path: "/", query: "", headers: &headers,
///     payload: Payload::Bytes(b"{}"), timestamp: 1_551_113_065, service: "cvm",
/// };
/// let cache = SigningKeyCache::new();
/// let mut authorization = String::new();
/// cache.write_authorization(&mut authorization, &input, "AKIDtest", "secret");
/// assert_eq!(authorization, sign(&input, "AKIDtest", "secret").authorization);
/// ```
#[derive(Default)]
pub struct SigningKeyCache {
    entries: Mutex<Vec<Entry>>,
}

impl SigningKeyCache {
    /// An empty cache.
    pub fn new() -> Self {
        SigningKeyCache::default()
    }

    /// The key for `secret_key`, the UTC day of `timestamp` and `service`,
    /// derived on first use.
    pub fn key(&self, secret_key: &str, timestamp: u64, service: &str) -> Arc<DatedKey> {
        let day = timestamp / 86_400;
        let found = self
            .lock()
            .iter()
            .find(|e| e.day == day && e.service == service && *e.secret_key == secret_key)
            .map(|e| Arc::clone(&e.key));
        if let Some(key) = found {
            return key;
        }
        // Derived without the lock held; two threads may both derive it once.
        let key = Arc::new(DatedKey::derive(secret_key, timestamp, service));
        let mut entries = self.lock();
        let same_pair = entries
            .iter()
            .position(|e| e.service == service && *e.secret_key == secret_key);
        let entry = Entry {
            secret_key: Zeroizing::new(secret_key.to_owned()),
            service: service.to_owned(),
            day,
            key: Arc::clone(&key),
        };
        match same_pair {
            Some(i) if entries[i].day <= day => entries[i] = entry,
            Some(_) => {}
            None => {
                if entries.len() == CAPACITY {
                    entries.remove(0);
                }
                entries.push(entry);
            }
        }
        key
    }

    /// Writes the `Authorization` value of `input` into `out`, as
    /// [`write_authorization`] does, with the key from this cache.
    pub fn write_authorization(
        &self,
        out: &mut String,
        input: &SigningInput<'_>,
        secret_id: &str,
        secret_key: &str,
    ) {
        let key = self.key(secret_key, input.timestamp, input.service);
        write_authorization(out, input, secret_id, key.key(), key.date());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for SigningKeyCache {
    // Never the keys: how many there are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyCache")
            .field("entries", &self.lock().len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Payload, sign};

    fn input(timestamp: u64, service: &str) -> SigningInput<'_> {
        SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &[("content-type", "application/json"), ("host", "h")],
            payload: Payload::Bytes(b"{}"),
            timestamp,
            service,
        }
    }

    #[test]
    fn cached_signatures_equal_fresh_ones() {
        let cache = SigningKeyCache::new();
        let mut out = String::new();
        // Two days, two services, two secrets, each signed twice.
        for timestamp in [1_551_113_065, 1_551_113_065 + 86_400] {
            for service in ["cvm", "cbs"] {
                for secret in ["key-a", "key-b"] {
                    for _ in 0..2 {
                        let input = input(timestamp, service);
                        cache.write_authorization(&mut out, &input, "id", secret);
                        assert_eq!(out, sign(&input, "id", secret).authorization);
                    }
                }
            }
        }
        // A new day replaced the old day's keys.
        assert_eq!(cache.lock().len(), 4);
    }

    #[test]
    fn stays_bounded_and_hides_keys() {
        let cache = SigningKeyCache::new();
        for i in 0..20 {
            let _ = cache.key(&format!("secret-{i}"), 0, "cvm");
        }
        assert_eq!(cache.lock().len(), CAPACITY);
        let shown = format!("{cache:?} {:?}", cache.key("secret-19", 0, "cvm"));
        assert!(!shown.contains("secret-19"), "{shown}");
        assert!(shown.contains("1970-01-01"), "{shown}");
    }
}
