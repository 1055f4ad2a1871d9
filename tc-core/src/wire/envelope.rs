//! Decoding of the API 3.0 response envelope:
//! `{"Response": {..., "RequestId": "..."}}` on success and
//! `{"Response": {"Error": {"Code": "...", "Message": "..."}, "RequestId": "..."}}`
//! on failure.

mod shape;
mod single_pass;

use serde::de::DeserializeOwned;

use shape::{Envelope, Probe};

use crate::wire::action::ErrorCode;
use crate::wire::error::{Error, Name};

/// Decodes a response body for an action whose documented codes are `E`, into
/// the output and the RequestId.
///
/// `status` is the HTTP status; the service answers errors with 200, so any
/// other status whose body is not an envelope becomes [`Error::HttpStatus`].
///
/// # Errors
/// [`Error::Service`] for an error envelope, [`Error::HttpStatus`] for a non-2xx
/// status without an envelope, [`Error::Decode`] for anything else that does not
/// decode into `T` (the message names the JSON path of a mistyped value).
pub fn decode<T: DeserializeOwned, E: ErrorCode>(
    action: impl Into<Name>,
    status: u16,
    body: &[u8],
) -> Result<(T, String), Error> {
    let success = (200..300).contains(&status);
    if success && let Some(decoded) = single_pass::decode::<T>(body) {
        let request_id = decoded.request_id.unwrap_or_default();
        return match decoded.error {
            None => Ok((decoded.output, request_id)),
            Some(error) => Err(Error::service::<E>(error.code, error.message, request_id)),
        };
    }
    let action = action.into();
    // The careful way, for error statuses and for bodies that do not decode in
    // one pass. First pass: is this an envelope, and is it an error? Unknown
    // members are skipped without being built.
    let probe = match serde_json::from_slice::<Probe>(body) {
        Ok(probe) => probe,
        Err(_) if !success => return Err(Error::http_status(status, action, body)),
        Err(e) => return Err(decode_error(action, None, e, body)),
    };
    let Some(response) = probe.response else {
        if !success {
            return Err(Error::http_status(status, action, body));
        }
        return Err(Error::decode(
            action,
            None,
            "the body has no `Response` object",
            body,
            None,
        ));
    };
    let request_id = response.request_id.unwrap_or_default();
    if let Some(error) = response.error {
        return Err(Error::service::<E>(error.code, error.message, request_id));
    }
    if !success {
        return Err(Error::http_status(status, action, body));
    }

    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let envelope: Envelope<T> =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            decode_error(action, Some(path), e.into_inner(), body)
        })?;
    Ok((envelope.response, request_id))
}

/// A body that serde could not read as the answer, with serde's reason in
/// the service's terms.
fn decode_error(
    action: Name,
    path: Option<String>,
    error: serde_json::Error,
    body: &[u8],
) -> Error {
    let message = if body.is_empty() {
        "the body is empty".to_owned()
    } else if error.is_eof() {
        format!("the body ends too early ({error})")
    } else {
        error.to_string()
    };
    Error::decode(action, path, message, body, None)
}
