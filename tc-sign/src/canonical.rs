//! The texts TC3 hashes, the canonical request and the string to sign, written
//! piece by piece into a [`Sink`]: a buffer when the caller wants the text, or
//! the hash itself when only the digest is needed, so that the fast path never
//! builds them.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::hex_digest::HexDigest;

/// The algorithm name that opens every TC3 `Authorization` value.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// What the request body contributes to the signature.
#[derive(Clone, Copy, Debug)]
pub enum Payload<'a> {
    /// The exact body bytes (empty for GET).
    Bytes(&'a [u8]),
    /// The body is not signed (the request carries
    /// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD`): the SHA-256 of the literal
    /// `UNSIGNED-PAYLOAD` stands in the body's hash.
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

/// Where the pieces of a canonical text go.
pub(crate) trait Sink {
    /// Appends `bytes`.
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl Sink for Sha256 {
    fn put(&mut self, bytes: &[u8]) {
        Digest::update(self, bytes);
    }
}

impl Sink for Hmac<Sha256> {
    fn put(&mut self, bytes: &[u8]) {
        Mac::update(self, bytes);
    }
}

/// The hex SHA-256 that stands for the body in the canonical request.
pub(crate) struct PayloadHash(HexDigest);

/// What an unsigned body hashes: the service, like the official SDKs, takes the
/// SHA-256 of this literal, not the literal itself.
const UNSIGNED_PAYLOAD: &[u8] = b"UNSIGNED-PAYLOAD";

impl PayloadHash {
    pub(crate) fn of(payload: Payload<'_>) -> Self {
        let hashed = match payload {
            Payload::Bytes(body) => body,
            Payload::Unsigned => UNSIGNED_PAYLOAD,
        };
        PayloadHash(HexDigest::new(&Sha256::digest(hashed).into()))
    }

    fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// `method\npath\nquery\nname:value\n...\n\nsigned;headers\npayload-hash`,
/// header values trimmed and lower-cased.
pub(crate) fn canonical_request(
    sink: &mut impl Sink,
    input: &SigningInput<'_>,
    payload: &PayloadHash,
) {
    for part in [input.method, input.path, input.query] {
        sink.put(part.as_bytes());
        sink.put(b"\n");
    }
    for (name, value) in input.headers {
        sink.put(name.as_bytes());
        sink.put(b":");
        put_lowercase(sink, value.trim().as_bytes());
        sink.put(b"\n");
    }
    sink.put(b"\n");
    signed_headers(sink, input.headers);
    sink.put(b"\n");
    sink.put(payload.as_bytes());
}

/// The header names, `;`-joined.
pub(crate) fn signed_headers(sink: &mut impl Sink, headers: &[(&str, &str)]) {
    for (i, (name, _)) in headers.iter().enumerate() {
        if i > 0 {
            sink.put(b";");
        }
        sink.put(name.as_bytes());
    }
}

/// `TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{hash}`.
pub(crate) fn string_to_sign(
    sink: &mut impl Sink,
    timestamp: u64,
    date: &str,
    service: &str,
    hashed_canonical_request: &HexDigest,
) {
    sink.put(ALGORITHM.as_bytes());
    sink.put(b"\n");
    put_decimal(sink, timestamp);
    sink.put(b"\n");
    credential_scope(sink, date, service);
    sink.put(b"\n");
    sink.put(hashed_canonical_request.as_bytes());
}

/// `{date}/{service}/tc3_request`.
pub(crate) fn credential_scope(sink: &mut impl Sink, date: &str, service: &str) {
    sink.put(date.as_bytes());
    sink.put(b"/");
    sink.put(service.as_bytes());
    sink.put(b"/tc3_request");
}

/// ASCII upper case folded to lower case, other bytes as they are (which is
/// what lower-casing each `char` with `to_ascii_lowercase` does to UTF-8).
fn put_lowercase(sink: &mut impl Sink, bytes: &[u8]) {
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        sink.put(bytes);
        return;
    }
    let mut buffer = [0u8; 64];
    for chunk in bytes.chunks(buffer.len()) {
        let lowered = &mut buffer[..chunk.len()];
        lowered.copy_from_slice(chunk);
        lowered.make_ascii_lowercase();
        sink.put(lowered);
    }
}

fn put_decimal(sink: &mut impl Sink, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // `value % 10` is below 10, so the cast cannot truncate.
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    sink.put(&digits[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        write(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals() {
        for value in [0, 7, 10, 1_551_113_065, u64::MAX] {
            assert_eq!(text(|s| put_decimal(s, value)), value.to_string());
        }
    }

    #[test]
    fn lowercases_ascii_only_across_chunk_boundaries() {
        let value = format!("{}ÀÉ-MiXeD", "AbC".repeat(30));
        let expected: String = value.chars().map(|c| c.to_ascii_lowercase()).collect();
        assert_eq!(text(|s| put_lowercase(s, value.as_bytes())), expected);
    }
}
