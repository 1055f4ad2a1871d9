//! Checks a request's TC3 signature the way the service does, by signing the
//! received request again with the key the SecretId names.

use std::collections::HashMap;

use hyper::HeaderMap;
use tc_core::sign::{self, Payload, SigningInput, parse_authorization};
use zeroize::Zeroizing;

use crate::reply::MockError;

/// How far a request's timestamp may be from the server's clock, in seconds.
pub const MAX_CLOCK_SKEW_SECS: u64 = 300;

/// The parts of a request the signature covers.
pub(crate) struct SignedRequest<'a> {
    pub method: &'a str,
    pub query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

/// What a verified signature tells about the caller.
#[derive(Debug)]
pub(crate) struct Verified {
    pub secret_id: String,
    pub service: String,
}

/// Known key pairs, by SecretId.
#[derive(Default)]
pub(crate) struct Keys(HashMap<String, Zeroizing<String>>);

impl Keys {
    pub(crate) fn insert(&mut self, secret_id: String, secret_key: String) {
        self.0.insert(secret_id, Zeroizing::new(secret_key));
    }

    /// Verifies `request`, signed at `timestamp` (the `X-TC-Timestamp` value),
    /// against the server's clock `now`.
    pub(crate) fn verify(
        &self,
        request: &SignedRequest<'_>,
        timestamp: u64,
        now: u64,
    ) -> Result<Verified, MockError> {
        let invalid = |why: &str| MockError::new("AuthFailure.InvalidAuthorization", why);
        let authorization = request
            .headers
            .get("authorization")
            .ok_or_else(|| invalid("The Authorization header is missing."))?
            .to_str()
            .map_err(|_| invalid("The Authorization header is not text."))?;
        let parsed = parse_authorization(authorization).ok_or_else(|| {
            invalid("The Authorization header is not of the form `TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.")
        })?;
        let signed = &parsed.signed_headers;
        if !signed.contains(&"content-type") || !signed.contains(&"host") {
            return Err(invalid("SignedHeaders must include content-type and host."));
        }
        if signed.windows(2).any(|w| w[0] >= w[1])
            || signed.iter().any(|h| h.bytes().any(|b| b.is_ascii_uppercase()))
        {
            return Err(invalid("SignedHeaders must be lower case, sorted and unique."));
        }

        if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
            return Err(MockError::new(
                "AuthFailure.SignatureExpire",
                format!(
                    "The request timestamp {timestamp} is more than {MAX_CLOCK_SKEW_SECS} seconds away from the server time {now}."
                ),
            ));
        }
        let Some(secret_key) = self.0.get(parsed.secret_id) else {
            return Err(MockError::new(
                "AuthFailure.SecretIdNotFound",
                format!("The SecretId `{}` is not known here.", parsed.secret_id),
            ));
        };

        let mut headers = Vec::with_capacity(signed.len());
        for name in signed {
            let value = request
                .headers
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| invalid(&format!("The signed header `{name}` is missing.")))?;
            headers.push((*name, value));
        }
        let input = SigningInput {
            method: request.method,
            path: "/",
            query: request.query,
            headers: &headers,
            payload: Payload::Bytes(request.body),
            timestamp,
            service: parsed.service,
        };
        let expected = sign::sign(&input, parsed.secret_id, secret_key);
        // The scope's date must be the timestamp's date: otherwise the key
        // derivation differs and so would the signature, but say why.
        if parsed.date != expected.date
            || !constant_time_eq(parsed.signature.as_bytes(), expected.signature.as_bytes())
        {
            return Err(MockError::new(
                "AuthFailure.SignatureFailure",
                "The request signature does not match. Check the SecretKey and the signing steps.",
            ));
        }
        Ok(Verified {
            secret_id: parsed.secret_id.to_owned(),
            service: parsed.service.to_owned(),
        })
    }
}

/// Compares without stopping at the first difference, so timing does not tell
/// how much of a forged signature was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
