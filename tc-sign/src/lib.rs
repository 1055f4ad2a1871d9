//! TC3-HMAC-SHA256, the request signature of Tencent Cloud API 3.0, as pure
//! functions: no clock, no I/O, no HTTP client.
//!
//! The caller hands in everything that is signed, the timestamp included, as a
//! [`SigningInput`], and gets back the `Authorization` header value. Three
//! ways to get it:
//!
//! - [`sign`] returns a [`Signature`] with every intermediate value (the
//!   canonical request, its hash, the string to sign), so that a test can
//!   compare each step with a published worked example, or a server can
//!   verify a request by signing it again ([`parse_authorization`] reads the
//!   header it received);
//! - [`write_authorization`] is the senders' fast path: it streams the
//!   canonical request and the string to sign straight into the hashes and
//!   writes only the header value, into a buffer the caller may reuse;
//! - a [`SigningKeyCache`] derives each [`SigningKey`] once per secret, UTC
//!   day and service and signs with it.
//!
//! ```
//! use tc_sign::{Payload, SigningInput, sign};
//!
//! let headers = [
//!     ("content-type", "application/json; charset=utf-8"),
//!     ("host", "cvm.tencentcloudapi.com"),
//! ];
//! let input = SigningInput {
//!     method: "POST",
//!     path: "/",
//!     query: "",
//!     headers: &headers,
//!     payload: Payload::Bytes(br#"{"Limit":1}"#),
//!     timestamp: 1_551_113_065,
//!     service: "cvm",
//! };
//! let signature = sign(&input, "AKIDEXAMPLE", "secret-key");
//! assert_eq!(signature.date, "2019-02-25");
//! assert!(signature.authorization.starts_with(
//!     "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, \
//!      SignedHeaders=content-type;host, Signature="
//! ));
//!
//! // A server reads the header back and signs the request again to verify it.
//! let parsed = tc_sign::parse_authorization(&signature.authorization).unwrap();
//! assert_eq!(parsed.secret_id, "AKIDEXAMPLE");
//! assert_eq!(parsed.signature, signature.signature);
//! ```
//!
//! The [`time`] module has the clock and the UTC date forms the protocol uses
//! around a signature: the `X-TC-Timestamp` seconds, the credential scope's
//! date, the ISO 8601 expiry of a temporary credential and the HTTP `Date` a
//! server answers with (by which a client corrects its clock).
//!
//! The tests check every intermediate value against the worked examples of
//! the signature documentation and a vector made with the official Python
//! SDK for an unsigned payload (`tests/data/tc3.json`).

mod cache;
mod canonical;
mod hex_digest;
mod key;
mod parse;
pub mod time;

use hmac::Mac;
use sha2::{Digest, Sha256};

pub use cache::{DatedKey, SigningKeyCache};
use canonical::PayloadHash;
pub use canonical::{ALGORITHM, Payload, SigningInput};
use hex_digest::HexDigest;
pub use key::SigningKey;
pub use parse::{ParsedAuthorization, parse_authorization};

/// The `Authorization` value of an unsigned request, sent by a client whose
/// credential is anonymous. The service accepts it only for the few actions
/// that authenticate otherwise, such as STS `AssumeRoleWithWebIdentity` (the
/// web identity token is the proof).
pub const SKIP_AUTHORIZATION: &str = "SKIP";

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

/// Signs `input` for `secret_id` with a key derived from `secret_key`.
pub fn sign(input: &SigningInput<'_>, secret_id: &str, secret_key: &str) -> Signature {
    let date = time::utc_date(input.timestamp);
    let key = SigningKey::derive(secret_key, &date, input.service);
    sign_with_key(input, secret_id, &key, date)
}

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

/// The canonical texts are made of `&str` pieces (lower-casing keeps UTF-8
/// valid), so they are text.
fn into_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

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
