//! Checks a request's TC3 signature the way the service does, by signing the
//! received request again with the key the SecretId names.

use std::collections::HashMap;

use hyper::HeaderMap;
use tc_sign::{self as sign, Payload, SigningInput, parse_authorization};
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

/// Actions the service accepts unsigned (`Authorization: SKIP`), by service:
/// the request carries its own proof of identity.
const UNSIGNED_ACTIONS: &[(&str, &str)] = &[("sts", "AssumeRoleWithWebIdentity")];

/// A known key.
struct Key {
    secret: Zeroizing<String>,
    /// The session token temporary credentials must come with.
    token: Option<Zeroizing<String>>,
    /// When temporary credentials stop being accepted (Unix seconds).
    expires_at: Option<u64>,
}

/// Known key pairs, by SecretId.
#[derive(Default)]
pub(crate) struct Keys(HashMap<String, Key>);

impl Keys {
    pub(crate) fn insert(&mut self, secret_id: String, secret_key: String) {
        let key = Key {
            secret: Zeroizing::new(secret_key),
            token: None,
            expires_at: None,
        };
        self.0.insert(secret_id, key);
    }

    /// Accepts temporary credentials: signed with `secret_key`, sent with
    /// `token`, until `expires_at` (Unix seconds).
    pub(crate) fn insert_temporary(
        &mut self,
        secret_id: String,
        secret_key: String,
        token: String,
        expires_at: u64,
    ) {
        let key = Key {
            secret: Zeroizing::new(secret_key),
            token: Some(Zeroizing::new(token)),
            expires_at: Some(expires_at),
        };
        self.0.insert(secret_id, key);
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
        if authorization == sign::SKIP_AUTHORIZATION {
            return unsigned(request.headers);
        }
        let parsed = parse_authorization(authorization).ok_or_else(|| {
            invalid("The Authorization header is not of the form `TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`.")
        })?;
        let signed = &parsed.signed_headers;
        if !signed.contains(&"content-type") || !signed.contains(&"host") {
            return Err(invalid("SignedHeaders must include content-type and host."));
        }
        if signed.windows(2).any(|w| w[0] >= w[1])
            || signed
                .iter()
                .any(|h| h.bytes().any(|b| b.is_ascii_uppercase()))
        {
            return Err(invalid(
                "SignedHeaders must be lower case, sorted and unique.",
            ));
        }

        if timestamp.abs_diff(now) > MAX_CLOCK_SKEW_SECS {
            return Err(MockError::new(
                "AuthFailure.SignatureExpire",
                format!(
                    "The request timestamp {timestamp} is more than {MAX_CLOCK_SKEW_SECS} seconds away from the server time {now}."
                ),
            ));
        }
        let Some(key) = self.0.get(parsed.secret_id) else {
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
            payload: payload(request),
            timestamp,
            service: parsed.service,
        };
        let expected = sign::sign(&input, parsed.secret_id, &key.secret);
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
        check_temporary(key, request.headers, now)?;
        Ok(Verified {
            secret_id: parsed.secret_id.to_owned(),
            service: parsed.service.to_owned(),
        })
    }
}

/// What the signature covers of the body: the bytes, unless the caller sent
/// `X-TC-Content-SHA256: UNSIGNED-PAYLOAD` (as the official SDKs do when told
/// not to sign the body).
fn payload<'a>(request: &SignedRequest<'a>) -> Payload<'a> {
    let unsigned = request
        .headers
        .get("x-tc-content-sha256")
        .is_some_and(|v| v.as_bytes() == b"UNSIGNED-PAYLOAD");
    if unsigned {
        Payload::Unsigned
    } else {
        Payload::Bytes(request.body)
    }
}

/// An unsigned request, accepted only for the actions in [`UNSIGNED_ACTIONS`].
fn unsigned(headers: &HeaderMap) -> Result<Verified, MockError> {
    let action = headers
        .get("x-tc-action")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match UNSIGNED_ACTIONS.iter().find(|(_, name)| *name == action) {
        Some((service, _)) => Ok(Verified {
            secret_id: String::new(),
            service: (*service).to_owned(),
        }),
        None => Err(MockError::new(
            "AuthFailure.InvalidAuthorization",
            format!("Unsigned requests (Authorization: SKIP) are not accepted for `{action}`."),
        )),
    }
}

/// Temporary credentials must be unexpired and come with their token.
fn check_temporary(key: &Key, headers: &HeaderMap, now: u64) -> Result<(), MockError> {
    if key.expires_at.is_some_and(|expires| now >= expires) {
        return Err(MockError::new(
            "AuthFailure.TokenFailure",
            "The temporary credentials have expired.",
        ));
    }
    if let Some(token) = &key.token {
        let sent = headers
            .get("x-tc-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !constant_time_eq(sent.as_bytes(), token.as_bytes()) {
            return Err(MockError::new(
                "AuthFailure.TokenFailure",
                "The X-TC-Token is missing or does not belong to these temporary credentials.",
            ));
        }
    }
    Ok(())
}

/// Compares without stopping at the first difference, so timing does not tell
/// how much of a forged signature was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
