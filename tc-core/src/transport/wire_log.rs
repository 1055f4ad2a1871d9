//! The wire log: at `TRACE` level under the target `tc_core::wire`, each
//! attempt's request (method, URL, headers, body) and response (status,
//! headers, body), with every secret replaced by `***`. Turn it on with
//! `RUST_LOG=tc_core::wire=trace` and a subscriber that reads it.
//!
//! Redacted: the `Authorization` value (it holds the signature and the
//! SecretId), `X-TC-Token`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`,
//! any header value marked sensitive, and in JSON bodies the members whose
//! names carry secrets (`SecretKey`, `TmpSecretKey`, `Token`, `SessionToken`,
//! `WebIdentityToken`, `Password`, ...) at any depth. Bodies are cut after
//! [`MAX_BODY`] bytes.

use std::borrow::Cow;
use std::fmt::Write as _;

use reqwest::header::HeaderMap;

use crate::wire::redact::{self, MASK};

/// The target to enable.
pub(crate) const TARGET: &str = "tc_core::wire";

/// How much of a body is logged.
pub(crate) const MAX_BODY: usize = 4096;

/// Headers whose values are always secret.
const SECRET_HEADERS: [&str; 5] = [
    "authorization",
    "x-tc-token",
    "proxy-authorization",
    "cookie",
    "set-cookie",
];

/// Whether anything reads the wire log, so that callers copy nothing for it
/// otherwise.
pub(crate) fn enabled() -> bool {
    tracing::enabled!(target: TARGET, tracing::Level::TRACE)
}

/// Logs one attempt's request.
pub(crate) fn request(request: &reqwest::Request) {
    if !enabled() {
        return;
    }
    let body = request.body().and_then(reqwest::Body::as_bytes);
    tracing::trace!(
        target: TARGET,
        method = %request.method(),
        url = %shown_url(request.url()),
        headers = %headers(request.headers()),
        body = %body.map(shown_body).unwrap_or_default(),
        "request"
    );
}

/// Logs one attempt's response: its status, headers and, when read whole,
/// its body.
pub(crate) fn response(status: u16, headers_in: &HeaderMap, body: Option<&[u8]>) {
    if !enabled() {
        return;
    }
    tracing::trace!(
        target: TARGET,
        status,
        headers = %headers(headers_in),
        body = %body.map(shown_body).unwrap_or_else(|| "(streamed)".into()),
        "response"
    );
}

/// The URL, the values of secret query parameters redacted.
fn shown_url(url: &reqwest::Url) -> String {
    let Some(query) = url.query() else {
        return url.to_string();
    };
    let base = &url.as_str()[..url.as_str().len() - query.len() - 1];
    format!("{base}?{}", redact_query(query))
}

/// `name: value; name: value`, secrets redacted.
fn headers(headers: &HeaderMap) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        let secret = value.is_sensitive() || SECRET_HEADERS.contains(&name.as_str());
        let value = if secret {
            MASK
        } else {
            value.to_str().unwrap_or("(not text)")
        };
        let separator = if out.is_empty() { "" } else { "; " };
        let _ = write!(out, "{separator}{name}: {value}");
    }
    out
}

/// A body as logged: its first [`MAX_BODY`] bytes, the values of secret
/// members (JSON) or parameters (a form) masked. Only that much is read: a
/// large answer is not decoded for the log.
fn shown_body(body: &[u8]) -> String {
    // A little past the limit, so that a secret cut at the limit is still
    // recognised as one; `redact` masks a value the cut leaves open.
    let head = &body[..body.len().min(MAX_BODY + 256)];
    let masked = redact::mask_members(head, is_secret_name);
    let text = String::from_utf8_lossy(&masked);
    cut(&redact_query(&text), body.len())
}

/// Whether a member or parameter name carries a secret: one of the SDK's
/// list (what error excerpts mask too), or here also a name that says so.
/// The log shows whole bodies, some of them sent by name for actions newer
/// than the list, so it masks by a broader rule than the excerpts, which
/// keep ids such as `TmpSecretId` that help find a failing call.
fn is_secret_name(name: &str) -> bool {
    if redact::is_sensitive(name) {
        return true;
    }
    let lower = name.to_ascii_lowercase();
    [
        "secret",
        "token",
        "password",
        "passwd",
        "credential",
        "privatekey",
    ]
    .iter()
    .any(|word| lower.contains(word))
        && lower != "clienttoken"
        && !lower.ends_with("nexttoken") // a paging cursor
        && !lower.ends_with("tokens") // token counts (`TotalTokens`)
}

/// In `a=1&Password=x` text (a GET request's query is in the URL, a form
/// body here), the values of secret parameters.
fn redact_query(text: &str) -> Cow<'_, str> {
    if text.starts_with('{') || !text.contains('=') {
        return Cow::Borrowed(text);
    }
    let pairs: Vec<String> = text
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if is_secret_name(name) => format!("{name}={MASK}"),
            _ => pair.to_owned(),
        })
        .collect();
    Cow::Owned(pairs.join("&"))
}

/// `text`, the start of a body of `total` bytes, cut at [`MAX_BODY`] bytes
/// unless the body is no longer than that.
fn cut(text: &str, total: usize) -> String {
    if total <= MAX_BODY || text.len() <= MAX_BODY {
        return text.to_owned();
    }
    let mut end = MAX_BODY;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({total} bytes in all)", &text[..end])
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn secrets_never_show() {
        let mut map = HeaderMap::new();
        map.insert(
            "authorization",
            HeaderValue::from_static("TC3-HMAC-SHA256 Credential=AKID/x, Signature=abc"),
        );
        map.insert("x-tc-token", HeaderValue::from_static("T0K-VALUE"));
        map.insert("x-tc-action", HeaderValue::from_static("DescribeVpcs"));
        let shown = headers(&map);
        assert!(
            !shown.contains("abc") && !shown.contains("T0K-VALUE"),
            "{shown}"
        );
        assert!(shown.contains("x-tc-action: DescribeVpcs"));

        let body = br#"{"Response":{"Credentials":{"TmpSecretId":"AKIDtmp","TmpSecretKey":"k3y","Token":"t0k"},"ClientToken":"ct","TotalTokens":5}}"#;
        let shown = shown_body(body);
        assert!(
            !shown.contains("k3y") && !shown.contains("t0k") && !shown.contains("AKIDtmp"),
            "{shown}"
        );
        assert!(
            shown.contains("\"ClientToken\":\"ct\"") && shown.contains("\"TotalTokens\":5"),
            "{shown}"
        );
        assert_eq!(redact_query("A=1&Password=p"), "A=1&Password=***");
        assert!(!is_secret_name("NextToken") && is_secret_name("WebIdentityToken"));
    }

    #[test]
    fn long_bodies_are_cut() {
        let long = format!("\"{}\"", "é".repeat(5000));
        let shown = shown_body(long.as_bytes());
        assert!(
            shown.len() < MAX_BODY + 40 && shown.ends_with("bytes in all)"),
            "{}",
            shown.len()
        );
    }
}
