//! The derived TC3 signing key, and the HMAC-SHA256 it is made with.

use std::sync::LazyLock;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// A derived TC3 signing key: valid for one secret key, UTC date and service.
///
/// It keeps the HMAC state already keyed with it, so that each signature
/// skips the two hash blocks of HMAC's key schedule. Both are overwritten
/// when the key is dropped (the copies a signature makes on the stack, as any
/// HMAC computation does, are not).
#[derive(Clone)]
pub struct SigningKey {
    bytes: [u8; 32],
    mac: Hmac<Sha256>,
}

impl SigningKey {
    /// Derives the key: `HMAC(HMAC(HMAC("TC3" + secret, date), service), "tc3_request")`.
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        let mut prefixed = zeroize::Zeroizing::new(String::with_capacity(3 + secret_key.len()));
        prefixed.push_str("TC3");
        prefixed.push_str(secret_key);
        let k_date = zeroize::Zeroizing::new(hmac_sha256(prefixed.as_bytes(), date.as_bytes()));
        let k_service = zeroize::Zeroizing::new(hmac_sha256(&*k_date, service.as_bytes()));
        let bytes = hmac_sha256(&*k_service, b"tc3_request");
        SigningKey {
            mac: hmac_with_key(&bytes),
            bytes,
        }
    }

    /// An HMAC-SHA256 keyed with this key, ready for the string to sign.
    pub(crate) fn mac(&self) -> Hmac<Sha256> {
        self.mac.clone()
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(** redacted **)")
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.bytes);
        // The keyed state has no `Zeroize`: replace it in place with the state
        // of an all-zero key; `black_box` keeps the store from being elided.
        static BLANK: LazyLock<Hmac<Sha256>> = LazyLock::new(|| hmac_with_key(&[0; 32]));
        self.mac = BLANK.clone();
        std::hint::black_box(&self.mac);
    }
}

fn hmac_with_key(key: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = hmac_with_key(key);
    mac.update(data);
    mac.finalize().into_bytes().into()
}
