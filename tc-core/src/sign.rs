//! TC3-HMAC-SHA256 request signing, as a pure function: no clock, no I/O.
//!
//! The caller hands in everything that is signed (including the timestamp), and
//! gets back the `Authorization` value together with every intermediate value,
//! so that tests can compare each step with a published worked example and a
//! server can verify a request by signing it again.
//!
//! Senders take the fast path: [`write_authorization`] streams the canonical
//! request and the string to sign straight into the hashes, writing only the
//! `Authorization` value (into a buffer the caller may reuse), and a
//! [`SigningKeyCache`] derives each key once per secret, UTC day and service.
//!
//! The client uses only the fast path. The full signer (`sign`,
//! `sign_with_key`, `Signature`) and the parser a server verifies with
//! (`parse_authorization`) are compiled for tests and, with the `test-util`
//! feature, for the workspace's tools (`tc_core::test_util::sign`).

mod cache;
mod canonical;
mod hex_digest;

use std::sync::LazyLock;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

#[cfg(any(test, feature = "test-util"))]
pub use cache::DatedKey;
pub use cache::SigningKeyCache;
use canonical::PayloadHash;
pub use canonical::{ALGORITHM, Payload, SigningInput};
use hex_digest::HexDigest;

/// The `Authorization` value of an unsigned request, sent for an
/// [anonymous](crate::Credential::anonymous) credential. The service accepts
/// it only for the few actions that authenticate otherwise, such as STS
/// `AssumeRoleWithWebIdentity` (the web identity token is the proof).
pub const SKIP_AUTHORIZATION: &str = "SKIP";

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
    fn mac(&self) -> Hmac<Sha256> {
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

#[cfg(any(test, feature = "test-util"))]
/// A finished signature with every intermediate value of the TC3 algorithm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request that was hashed.
    pub canonical_request: String,
    /// Lower-case hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// `TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{hash}`.
    pub string_to_sign: String,
    /// The UTC date of the timestamp, `YYYY-MM-DD`.
    pub date: String,
    /// The signed header names, `;`-joined (`content-type;host`).
    pub signed_headers: String,
    /// Lower-case hex HMAC-SHA256 of the string to sign.
    pub signature: String,
    /// The full `Authorization` header value.
    pub authorization: String,
}

#[cfg(any(test, feature = "test-util"))]
/// Signs `input` for `secret_id` with a key derived from `secret_key`.
pub fn sign(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> Signature {
    let date = crate::time::utc_date(input.timestamp);
    let key = SigningKey::derive(secret_key, &date, input.service);
    sign_with_key(input, secret_id, &key, date)
}

#[cfg(any(test, feature = "test-util"))]
/// Signs with an already derived key; `date` must be the UTC date of
/// `input.timestamp` that the key was derived for.
pub fn sign_with_key(
    input: &SigningInput<'_>,
    secret_id: &str,
    key: &SigningKey,
    date: String,
) -> Signature {
    let payload = PayloadHash::of(input.payload);
    let mut canonical_request = Vec::with_capacity(256 + input.query.len());
    canonical::canonical_request(&mut canonical_request, input, &payload);
    let hashed_canonical_request = HexDigest::new(&Sha256::digest(&canonical_request).into());

    let mut string_to_sign = Vec::with_capacity(128);
    canonical::string_to_sign(
        &mut string_to_sign,
        input.timestamp,
        &date,
        input.service,
        &hashed_canonical_request,
    );
    let mut mac = key.mac();
    mac.update(&string_to_sign);
    let signature = HexDigest::new(&mac.finalize().into_bytes().into());

    let mut signed_headers = Vec::with_capacity(32);
    canonical::signed_headers(&mut signed_headers, input.headers);
    let mut authorization = String::new();
    authorization_value(&mut authorization, input, secret_id, &date, &signature);

    Signature {
        canonical_request: into_text(canonical_request),
        hashed_canonical_request: hashed_canonical_request.as_str().to_owned(),
        string_to_sign: into_text(string_to_sign),
        date,
        signed_headers: into_text(signed_headers),
        signature: signature.as_str().to_owned(),
        authorization,
    }
}

/// Writes the `Authorization` value of `input` into `out`, replacing what it
/// held: the same text as `sign_with_key(..).authorization`, but the
/// canonical request and the string to sign are fed to the hashes piece by
/// piece instead of being built as strings, so nothing is allocated once `out`
/// has room. `date` must be the UTC date of `input.timestamp` that the key was
/// derived for.
pub fn write_authorization(
    out: &mut String,
    input: &SigningInput<'_>,
    secret_id: &str,
    key: &SigningKey,
    date: &str,
) {
    let payload = PayloadHash::of(input.payload);
    let mut hasher = Sha256::new();
    canonical::canonical_request(&mut hasher, input, &payload);
    let hashed_canonical_request = HexDigest::new(&hasher.finalize().into());

    let mut mac = key.mac();
    canonical::string_to_sign(
        &mut mac,
        input.timestamp,
        date,
        input.service,
        &hashed_canonical_request,
    );
    let signature = HexDigest::new(&mac.finalize().into_bytes().into());
    out.clear();
    authorization_value(out, input, secret_id, date, &signature);
}

/// `TC3-HMAC-SHA256 Credential={id}/{scope}, SignedHeaders={names}, Signature={hex}`.
fn authorization_value(
    out: &mut String,
    input: &SigningInput<'_>,
    secret_id: &str,
    date: &str,
    signature: &HexDigest,
) {
    let names: usize = input.headers.iter().map(|(name, _)| name.len() + 1).sum();
    out.reserve(ALGORITHM.len() + secret_id.len() + input.service.len() + names + 128);
    out.push_str(ALGORITHM);
    out.push_str(" Credential=");
    out.push_str(secret_id);
    out.push('/');
    out.push_str(date);
    out.push('/');
    out.push_str(input.service);
    out.push_str("/tc3_request, SignedHeaders=");
    for (i, (name, _)) in input.headers.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        out.push_str(name);
    }
    out.push_str(", Signature=");
    out.push_str(signature.as_str());
}

#[cfg(any(test, feature = "test-util"))]
/// The canonical texts are made of `&str` pieces (lower-casing keeps UTF-8
/// valid), so they are text.
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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

#[cfg(any(test, feature = "test-util"))]
/// Parsed parts of a TC3 `Authorization` header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAuthorization<'a> {
    /// The key id that signed.
    pub secret_id: &'a str,
    /// The credential scope's date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The credential scope's service.
    pub service: &'a str,
    /// Signed header names, in the order given.
    pub signed_headers: Vec<&'a str>,
    /// Hex signature.
    pub signature: &'a str,
}

#[cfg(any(test, feature = "test-util"))]
/// Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request,
/// SignedHeaders=a;b, Signature=HEX`; `None` when it is not of that form.
pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization<'_>> {
    let rest = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part.trim().split_once('=')?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return None,
        };
        if slot.replace(val).is_some() {
            return None;
        }
    }
    let mut scope = credential?.split('/');
    let (secret_id, date, service) = (scope.next()?, scope.next()?, scope.next()?);
    if scope.next()? != "tc3_request" || scope.next().is_some() {
        return None;
    }
    let signature = signature?;
    let signed_headers: Vec<&str> = signed?.split(';').collect();
    let well_formed = !secret_id.is_empty()
        && !service.is_empty()
        && signature.len() == 64
        && signature.bytes().all(|b| b.is_ascii_hexdigit())
        && signed_headers.iter().all(|h| !h.is_empty());
    well_formed.then_some(ParsedAuthorization {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_its_own_authorization() {
        let headers = [
            ("content-type", "application/json"),
            ("host", "cvm.example"),
        ];
        let input = SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            payload: Payload::Bytes(b"{}"),
            timestamp: 1_551_113_065,
            service: "cvm",
        };
        let sig = sign(&input, "AKIDtest", "secret");
        let parsed = parse_authorization(&sig.authorization).expect("well formed");
        assert_eq!(parsed.secret_id, "AKIDtest");
        assert_eq!(parsed.date, "2019-02-25");
        assert_eq!(parsed.service, "cvm");
        assert_eq!(parsed.signed_headers, ["content-type", "host"]);
        assert_eq!(parsed.signature, sig.signature);
    }

    #[test]
    fn rejects_malformed_authorization() {
        for bad in [
            "",
            "TC3-HMAC-SHA256",
            "HMAC Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=zz",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host",
        ] {
            assert_eq!(parse_authorization(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_fast_path_writes_the_same_authorization() {
        let key = SigningKey::derive("secret", "2019-02-25", "cvm");
        let mixed = "  Application/JSON; Charset=UTF-8 ".to_owned() + &"X".repeat(100);
        let header_sets: [&[(&str, &str)]; 3] = [
            &[
                ("content-type", "application/json"),
                ("host", "cvm.example"),
            ],
            &[
                ("content-type", &mixed),
                ("host", "CVM.Example:8080"),
                ("x-tc-action", "describeimages"),
            ],
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("host", "h"),
            ],
        ];
        let mut out = String::from("stale content");
        for headers in header_sets {
            for (method, query, payload) in [
                ("POST", "", Payload::Bytes(br#"{"ImageId":"img-6pb6lrmy"}"#)),
                ("GET", "Limit=1&Filters.0.Name=zone", Payload::Bytes(b"")),
                ("POST", "", Payload::Unsigned),
            ] {
                let input = SigningInput {
                    method,
                    path: "/",
                    query,
                    headers,
                    payload,
                    timestamp: 1_551_113_065,
                    service: "cvm",
                };
                let full = sign_with_key(&input, "AKIDtest", &key, "2019-02-25".to_owned());
                write_authorization(&mut out, &input, "AKIDtest", &key, "2019-02-25");
                assert_eq!(out, full.authorization);
                assert_eq!(full, sign(&input, "AKIDtest", "secret"));
            }
        }
    }

    #[test]
    fn unsigned_payload_hashes_the_literal() {
        let headers = [("content-type", "application/json"), ("host", "h")];
        let input = SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            payload: Payload::Unsigned,
            timestamp: 0,
            service: "cvm",
        };
        let sig = sign(&input, "id", "key");
        // SHA-256 of `UNSIGNED-PAYLOAD`, as the service and the official SDKs hash it.
        assert!(
            sig.canonical_request
                .ends_with("\n438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96")
        );
        assert_eq!(sig.date, "1970-01-01");
    }
}
