//! TC3-HMAC-SHA256 request signing, as a pure function: no clock, no I/O.
//!
//! The caller hands in everything that is signed (including the timestamp), and
//! gets back the `Authorization` value together with every intermediate value,
//! so that tests can compare each step with a published worked example and a
//! server can verify a request by signing it again.

use std::fmt::Write as _;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::time::utc_date;

/// The algorithm name that opens every TC3 `Authorization` value.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// What the request body contributes to the signature.
#[derive(Clone, Copy, Debug)]
pub enum Payload<'a> {
    /// The exact body bytes (empty for GET).
    Bytes(&'a [u8]),
    /// The body is not signed; the literal `UNSIGNED-PAYLOAD` stands in its hash.
    Unsigned,
}

/// Everything a TC3 signature covers.
#[derive(Clone, Copy, Debug)]
pub struct SigningInput<'a> {
    /// HTTP method, upper case (`POST`).
    pub method: &'a str,
    /// URI path, `/` for Tencent Cloud APIs.
    pub path: &'a str,
    /// Canonical query string: the URL's query as sent, empty for POST.
    pub query: &'a str,
    /// Signed headers as `(name, value)` pairs, names lower case and sorted; they
    /// must include `content-type` and `host`. Values are lower-cased and trimmed
    /// here, as the TC3 rules ask.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body.
    pub payload: Payload<'a>,
    /// Request time, seconds since the Unix epoch (`X-TC-Timestamp`).
    pub timestamp: u64,
    /// Service name (`cvm`), part of the credential scope.
    pub service: &'a str,
}

/// A derived TC3 signing key: valid for one secret key, UTC date and service.
#[derive(Clone)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    /// Derives the key: `HMAC(HMAC(HMAC("TC3" + secret, date), service), "tc3_request")`.
    pub fn derive(secret_key: &str, date: &str, service: &str) -> Self {
        let mut prefixed = zeroize::Zeroizing::new(String::with_capacity(3 + secret_key.len()));
        prefixed.push_str("TC3");
        prefixed.push_str(secret_key);
        let k_date = hmac_sha256(prefixed.as_bytes(), date.as_bytes());
        let k_service = hmac_sha256(&k_date, service.as_bytes());
        SigningKey(hmac_sha256(&k_service, b"tc3_request"))
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(** redacted **)")
    }
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

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
    let date = utc_date(input.timestamp);
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
    let mut signed_headers = String::with_capacity(32);
    for (i, (name, _)) in input.headers.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
    }

    let canonical_request = canonical_request(input, &signed_headers);
    let hashed_canonical_request = hex::encode(Sha256::digest(canonical_request.as_bytes()));

    let mut string_to_sign = String::with_capacity(128);
    let _ = write!(
        string_to_sign,
        "{ALGORITHM}\n{}\n{date}/{}/tc3_request\n{hashed_canonical_request}",
        input.timestamp, input.service
    );
    let signature = hex::encode(hmac_sha256(&key.0, string_to_sign.as_bytes()));

    let mut authorization = String::with_capacity(200);
    let _ = write!(
        authorization,
        "{ALGORITHM} Credential={secret_id}/{date}/{}/tc3_request, SignedHeaders={signed_headers}, Signature={signature}",
        input.service
    );

    Signature {
        canonical_request,
        hashed_canonical_request,
        string_to_sign,
        date,
        signed_headers,
        signature,
        authorization,
    }
}

fn canonical_request(input: &SigningInput<'_>, signed_headers: &str) -> String {
    let payload_hash = match input.payload {
        Payload::Bytes(body) => hex::encode(Sha256::digest(body)),
        Payload::Unsigned => "UNSIGNED-PAYLOAD".to_owned(),
    };
    let mut out = String::with_capacity(256 + input.query.len());
    out.push_str(input.method);
    out.push('\n');
    out.push_str(input.path);
    out.push('\n');
    out.push_str(input.query);
    out.push('\n');
    for (name, value) in input.headers {
        out.push_str(name);
        out.push(':');
        for c in value.trim().chars() {
            out.push(c.to_ascii_lowercase());
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(signed_headers);
    out.push('\n');
    out.push_str(&payload_hash);
    out
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(data);
    mac.finalize().into_bytes().into()
}

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
        let headers = [("content-type", "application/json"), ("host", "cvm.example")];
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
    fn unsigned_payload_uses_the_literal() {
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
        assert!(sig.canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
        assert_eq!(sig.date, "1970-01-01");
    }
}
