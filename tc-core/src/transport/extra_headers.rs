//! Headers a user adds, to every request of a client or to one call: checked
//! when given, so that sending never fails on them, and kept away from what
//! the signature and the protocol own.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

/// `X-TC-TraceId`: one id per call, on each of its attempts.
pub(crate) const X_TC_TRACE_ID: HeaderName = HeaderName::from_static("x-tc-traceid");

/// Names a user may not set: signed, owned by the protocol, or set by the
/// HTTP stack. Every other `X-TC-*` header is the SDK's too, except the
/// trace id, which a caller may choose.
const RESERVED: [&str; 5] = [
    "authorization",
    "host",
    "content-type",
    "content-length",
    "transfer-encoding",
];

/// Who adds a header: a call may choose its own trace id; a client may not,
/// since each call gets a fresh one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Client,
    Call,
}

/// Adds `name: value` to `headers` (replacing one of the same name), or
/// keeps in `invalid` why it cannot be sent, if nothing is kept there yet.
pub(crate) fn add(
    headers: &mut HeaderMap,
    invalid: &mut Option<String>,
    scope: Scope,
    name: &str,
    value: &str,
) {
    match extra_header(scope, name, value) {
        Ok((name, value)) => {
            headers.insert(name, value);
        }
        Err(problem) => {
            invalid.get_or_insert(problem);
        }
    }
}

/// The header `name: value`, or why it cannot be sent (never the value
/// itself, which may be a secret).
fn extra_header(
    scope: Scope,
    name: &str,
    value: &str,
) -> Result<(HeaderName, HeaderValue), String> {
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    let lower = header.as_str();
    let own_trace_id = header == X_TC_TRACE_ID && scope == Scope::Call;
    let reserved = RESERVED.contains(&lower) || (lower.starts_with("x-tc-") && !own_trace_id);
    if reserved {
        return Err(format!(
            "the header `{name}` is set by the SDK and cannot be overridden"
        ));
    }
    let value = HeaderValue::from_str(value)
        .map_err(|_| format!("the value of header `{name}` is not a valid header value"))?;
    Ok((header, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cannot_be_sent_or_is_owned_by_the_sdk() {
        assert!(extra_header(Scope::Client, "X-Request-Source", "billing").is_ok());
        assert!(extra_header(Scope::Call, "X-TC-TraceId", "my-trace").is_ok());
        // A client-wide trace id would be the same on every call.
        assert!(extra_header(Scope::Client, "X-TC-TraceId", "my-trace").is_err());
        for name in [
            "Authorization",
            "host",
            "X-TC-Action",
            "x-tc-token",
            "Content-Type",
        ] {
            let e = extra_header(Scope::Call, name, "x").unwrap_err();
            assert!(e.contains("cannot be overridden"), "{e}");
        }
        assert!(
            extra_header(Scope::Call, "bad name", "x")
                .unwrap_err()
                .contains("header name")
        );
        let e = extra_header(Scope::Call, "X-Key", "secret\nvalue").unwrap_err();
        assert!(
            e.contains("not a valid header value") && !e.contains("secret"),
            "{e}"
        );
    }
}
