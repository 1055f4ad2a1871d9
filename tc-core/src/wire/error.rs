//! The one error type every call returns, and its parts.
//!
//! Every error tc-core returns is made here: the constructors of [`Error`]
//! at the end of this file are the only ones the rest of the crate calls.
//! The parts' constructors are crate-private, by one rule: tc-core makes the
//! errors it returns, so a user never has to assemble one. The exception is
//! [`CredentialError`], which a user's own
//! [`ProvideCredential`](crate::ProvideCredential) returns. (Tests that need
//! a failure get it from `tc-mock`, which produces every kind.)

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::credential::CredentialError;
use crate::wire::action::ErrorCode;
use crate::wire::common_code::CommonCode;
use crate::wire::redact::{MASK, mask_body, url_without_query};

/// An action's name as errors keep it: the declared `&'static str` of a
/// typed action, or the owned name of a [`Client::send_json`](crate::Client::send_json) call.
pub(crate) type Name = Cow<'static, str>;

/// Why a call failed.
///
/// Match on the variant for the kind of failure, or use the accessors:
/// [`code`](Error::code), [`message`](Error::message) and
/// [`request_id`](Error::request_id) give what the service said, and
/// [`is`](Error::is) compares with a typed code from any `#[tc_error]` enum or
/// [`CommonCode`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with an error envelope (`Response.Error`).
    #[error(transparent)]
    Service(Box<ServiceError>),
    /// The request or its response did not make it across the network.
    #[error(transparent)]
    Transport(Box<TransportError>),
    /// An HTTP error status with a body that is not an API response (for
    /// example a proxy's HTML error page).
    #[error(transparent)]
    HttpStatus(Box<HttpStatusError>),
    /// A body that could not be decoded into the expected response.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// No usable credential.
    #[error("no usable credential: {0}")]
    Credentials(#[source] Box<CredentialError>),
    /// The request could not be built (invalid endpoint, unserializable value).
    #[error(transparent)]
    Build(Box<BuildError>),
    /// A listing's answers would have made it go round in circles
    /// ([`Client::paginate`](crate::Client::paginate)).
    #[error(transparent)]
    Paging(Box<PagingError>),
    /// A wait ended without the state it waited for
    /// ([`Client::wait_until`](crate::Client::wait_until)).
    #[error(transparent)]
    Wait(Box<WaitError>),
}

impl Error {
    /// The service's error code (`InvalidImageId.NotFound`), for service errors.
    pub fn code(&self) -> Option<&str> {
        self.as_service().map(ServiceError::code)
    }

    /// The service's error message, for service errors.
    pub fn message(&self) -> Option<&str> {
        self.as_service().map(ServiceError::message)
    }

    /// The RequestId the service assigned, whenever one was received.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(e.request_id()),
            Error::HttpStatus(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::Transport(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The `X-TC-TraceId` the call sent (the same on each of its attempts),
    /// for the errors of a call that was sent: quote it with the RequestId
    /// to find the call in your own logs and traces.
    ///
    /// ```
    /// fn report(error: &tc_core::Error) {
    ///     eprintln!("{error} (TraceId: {})", error.trace_id().unwrap_or("-"));
    /// }
    /// ```
    pub fn trace_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.trace_id.as_deref(),
            Error::HttpStatus(e) => e.trace_id.as_deref(),
            Error::Decode(e) => e.trace_id.as_deref(),
            Error::Transport(e) => e.trace_id.as_deref(),
            _ => None,
        }
    }

    /// Whether this is a service error with exactly `code`'s wire code.
    pub fn is<C: ErrorCode>(&self, code: C) -> bool {
        self.code() == Some(code.code())
    }

    /// The action's own typed code, when the service returned one of the codes
    /// the action documents (`E` is the action's `Action::Error`).
    pub fn action_error<E: ErrorCode>(&self) -> Option<&E> {
        self.as_service()?.action_error()
    }

    /// The typed common code, when the service returned one of the codes every
    /// service shares.
    pub fn common_code(&self) -> Option<CommonCode> {
        self.as_service()?.common_code()
    }

    /// The service error, if this is one.
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl From<CredentialError> for Error {
    fn from(error: CredentialError) -> Self {
        Error::Credentials(Box::new(error))
    }
}

/// An error envelope returned by the service. `Display` gives
/// `Code: Message (RequestId: ...)`.
pub struct ServiceError {
    code: String,
    message: String,
    request_id: String,
    trace_id: Option<String>,
    common: Option<CommonCode>,
    typed: Option<Box<dyn Any + Send + Sync>>,
    /// What the client adds: why it could not overcome the error.
    note: Option<String>,
}

impl ServiceError {
    /// Builds a service error, resolving `code` against the action's error type
    /// `E` and the common codes.
    pub(crate) fn new<E: ErrorCode>(code: String, message: String, request_id: String) -> Self {
        let typed = E::from_code(&code).map(|e| Box::new(e) as Box<dyn Any + Send + Sync>);
        ServiceError {
            common: CommonCode::from_code(&code),
            typed,
            code,
            message,
            request_id,
            note: None,
            trace_id: None,
        }
    }

    /// What the client found out about the failure beyond the service's
    /// message (for `AuthFailure.SignatureExpire`, how far off the local
    /// clock is), if anything.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The wire code, always present, even when no typed variant matches.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The RequestId to quote when asking Tencent Cloud support.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The action's typed code, if the code is one the action documents.
    pub fn action_error<E: ErrorCode>(&self) -> Option<&E> {
        self.typed.as_ref()?.downcast_ref()
    }

    /// The typed common code, if the code is one every service shares.
    pub fn common_code(&self) -> Option<CommonCode> {
        self.common
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (RequestId: {})",
            self.code, self.message, self.request_id
        )?;
        match &self.note {
            Some(note) => write!(f, "; {note}"),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("trace_id", &self.trace_id)
            .field("common", &self.common)
            .field("action_specific", &self.typed.is_some())
            .field("note", &self.note)
            .finish()
    }
}

impl std::error::Error for ServiceError {}

/// What went wrong on the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made; the request was certainly not sent.
    Connect,
    /// A time limit ran out.
    Timeout,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// The connection broke while sending the request or reading the response.
    Io,
    /// The region's circuit breaker is open after repeated failures: the call
    /// was not sent.
    CircuitOpen,
}

/// A network failure, with the endpoint it concerned.
#[derive(Debug, thiserror::Error)]
#[error("{what} calling {action} at {url}: {causes}{}", request_id_suffix(.request_id.as_deref()))]
pub struct TransportError {
    kind: TransportErrorKind,
    what: &'static str,
    action: Name,
    url: String,
    /// Known when the failure came after the response began (a stream cut
    /// short).
    request_id: Option<String>,
    trace_id: Option<String>,
    /// The whole chain of causes, which HTTP libraries often keep below a
    /// vague top-level message ("error decoding response body").
    causes: String,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// A transport failure while calling `action` at `url`.
    pub(crate) fn new(
        kind: TransportErrorKind,
        action: impl Into<Name>,
        url: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        let what = match kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Tls => "TLS failed",
            TransportErrorKind::Io => "connection broken",
            TransportErrorKind::CircuitOpen => "circuit breaker open",
        };
        let source = source.into();
        TransportError {
            kind,
            what,
            action: action.into(),
            url: url_without_query(&url.into()).to_owned(),
            request_id: None,
            trace_id: None,
            causes: cause_chain(&*source),
            source,
        }
    }

    /// The same failure, naming the RequestId of the response it broke.
    pub(crate) fn with_request_id(mut self, request_id: Option<&str>) -> Self {
        if let Some(id) = request_id {
            self.request_id = Some(id.to_owned());
        }
        self
    }

    /// The kind of network failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The URL that was called, without its query string (a GET request's
    /// parameters may hold secrets).
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// An HTTP error status whose body is not an API response, or a redirect,
/// which the client never follows.
#[derive(Debug)]
pub struct HttpStatusError {
    status: u16,
    action: Name,
    excerpt: String,
    request_id: Option<String>,
    redirect: Option<String>,
    trace_id: Option<String>,
}

impl HttpStatusError {
    pub(crate) fn new(status: u16, action: impl Into<Name>, body: &[u8]) -> Self {
        HttpStatusError {
            status,
            action: action.into(),
            excerpt: excerpt(body),
            request_id: scan_request_id(body),
            redirect: None,
            trace_id: None,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The start of the body, control characters removed and secrets masked.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }

    /// For a redirect (3xx): the host its `Location` pointed at (the called
    /// host for a relative one), or a note that it had none or an unreadable one.
    pub fn redirect_host(&self) -> Option<&str> {
        self.redirect.as_deref()
    }
}

impl fmt::Display for HttpStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (status, action) = (self.status, &self.action);
        match &self.redirect {
            Some(host) => write!(
                f,
                "HTTP {status} from {action}: a redirect to {host}, not followed (the API never redirects: check the endpoint and any proxy)"
            ),
            None => write!(
                f,
                "HTTP {status} from {action}, and the body is not an API response: {:?}{}",
                self.excerpt,
                request_id_suffix(self.request_id.as_deref())
            ),
        }
    }
}

impl std::error::Error for HttpStatusError {}

/// A response body that could not be decoded into the expected type.
#[derive(Debug, thiserror::Error)]
#[error("cannot decode the {action} response{}: {message}; body starts {excerpt:?}{}", at_path(.path.as_deref()), request_id_suffix(.request_id.as_deref()))]
pub struct DecodeError {
    action: Name,
    path: Option<String>,
    message: String,
    excerpt: String,
    request_id: Option<String>,
    trace_id: Option<String>,
}

impl DecodeError {
    pub(crate) fn new(
        action: impl Into<Name>,
        path: Option<String>,
        message: impl Into<String>,
        body: &[u8],
    ) -> Self {
        DecodeError {
            message: scrub_message(path.as_deref(), message.into()),
            action: action.into(),
            path,
            excerpt: excerpt(body),
            request_id: scan_request_id(body),
            trace_id: None,
        }
    }

    /// The same error, naming `request_id` (a stream's, which its events do
    /// not repeat) when there is one.
    pub(crate) fn with_request_id(mut self, request_id: Option<&str>) -> Self {
        if let Some(id) = request_id {
            self.request_id = Some(id.to_owned());
        }
        self
    }

    /// The JSON path of the offending value (`Response.SharePermissionSet[1].CreatedTime`),
    /// when the body was JSON but had the wrong shape.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The start of the body, control characters removed and secrets masked.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

/// A request that could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the {action} request: {message}")]
pub struct BuildError {
    action: Name,
    message: String,
}

impl BuildError {
    /// A request for `action` could not be built, for the reason in `message`.
    pub(crate) fn new(action: impl Into<Name>, message: impl Into<String>) -> Self {
        BuildError {
            action: action.into(),
            message: message.into(),
        }
    }
}

/// A paging answer that would make the walk go round in circles.
#[derive(Debug)]
pub struct PagingError {
    action: &'static str,
    token: String,
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} handed back the page token `{}` a second time; stopped listing instead of looping",
            self.action, self.token
        )
    }
}

impl std::error::Error for PagingError {}

/// Why a wait ended without the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WaitErrorKind {
    /// The time given ran out.
    TimedOut,
    /// An answer said the state would never be reached.
    Failed,
}

/// A wait that ended without the state, with the last state seen.
#[derive(Debug)]
pub struct WaitError {
    kind: WaitErrorKind,
    action: &'static str,
    elapsed: Duration,
    calls: u32,
    last_state: String,
}

impl WaitError {
    /// Why the wait ended.
    pub fn kind(&self) -> WaitErrorKind {
        self.kind
    }

    /// What the last answer said, as the condition described it.
    pub fn last_state(&self) -> &str {
        &self.last_state
    }

    /// How many calls were made.
    pub fn calls(&self) -> u32 {
        self.calls
    }
}

impl fmt::Display for WaitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.kind {
            WaitErrorKind::TimedOut => "gave up waiting",
            WaitErrorKind::Failed => "the state will not be reached",
        };
        write!(
            f,
            "{why} after {} calls of {} in {:.1} s; last state: {}",
            self.calls,
            self.action,
            self.elapsed.as_secs_f64(),
            self.last_state
        )
    }
}

impl std::error::Error for WaitError {}

/// How the rest of the crate makes its errors.
impl Error {
    /// The service's error envelope, its code resolved against the action's
    /// documented codes `E` and the common ones.
    pub(crate) fn service<E: ErrorCode>(code: String, message: String, request_id: String) -> Self {
        Error::Service(Box::new(ServiceError::new::<E>(code, message, request_id)))
    }

    /// A request for `action` that cannot be built (`action` is `client`
    /// for the client's own set-up).
    pub(crate) fn build(action: impl Into<Name>, message: impl Into<String>) -> Self {
        Error::Build(Box::new(BuildError::new(action, message)))
    }

    /// A time limit that ran out while calling `action` at `url`.
    pub(crate) fn timeout(action: impl Into<Name>, url: &str, message: String) -> Self {
        Error::Transport(Box::new(TransportError::new(
            TransportErrorKind::Timeout,
            action,
            url,
            message,
        )))
    }

    /// A call refused on the spot because `region`'s circuit breaker is open.
    pub(crate) fn circuit_open(
        action: impl Into<Name>,
        url: &str,
        region: &str,
        retry_in: Duration,
    ) -> Self {
        Error::Transport(Box::new(TransportError::new(
            TransportErrorKind::CircuitOpen,
            action,
            url,
            format!(
                "region `{region}` failed repeatedly; calls fail fast for another {retry_in:?} (ClientBuilder::circuit_breaker)"
            ),
        )))
    }

    /// What the HTTP stack reported while calling `action` at `url`, sorted
    /// into a [`TransportErrorKind`].
    pub(crate) fn transport(action: impl Into<Name>, url: &str, error: reqwest::Error) -> Self {
        let kind = if error.is_timeout() {
            TransportErrorKind::Timeout
        } else if has_tls_cause(&error) {
            TransportErrorKind::Tls
        } else if error.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Io
        };
        let url = error.url().map_or(url, reqwest::Url::as_str).to_owned();
        // reqwest's own text names the URL, query and all.
        let error = error.without_url();
        Error::Transport(Box::new(TransportError::new(kind, action, url, error)))
    }

    /// A redirect (`status` 3xx) from `url`, to `location`: never followed.
    pub(crate) fn redirect(
        action: impl Into<Name>,
        status: u16,
        url: &str,
        location: Option<&[u8]>,
    ) -> Self {
        let host = match location {
            None => "nowhere (no Location header)".to_owned(),
            Some(location) => std::str::from_utf8(location)
                .ok()
                .and_then(|location| reqwest::Url::parse(url).ok()?.join(location).ok())
                .and_then(|target| target.host_str().map(|host| format!("host `{host}`")))
                .unwrap_or_else(|| "an unreadable Location".to_owned()),
        };
        Error::HttpStatus(Box::new(HttpStatusError {
            status,
            action: action.into(),
            excerpt: String::new(),
            request_id: None,
            redirect: Some(host),
            trace_id: None,
        }))
    }

    /// An HTTP error `status` whose body is not an API response.
    pub(crate) fn http_status(status: u16, action: impl Into<Name>, body: &[u8]) -> Self {
        Error::HttpStatus(Box::new(HttpStatusError::new(status, action, body)))
    }

    /// A `body` that does not decode as `action`'s answer, at the JSON
    /// `path` when known; names `request_id` when the body does not.
    pub(crate) fn decode(
        action: impl Into<Name>,
        path: Option<String>,
        message: impl Into<String>,
        body: &[u8],
        request_id: Option<&str>,
    ) -> Self {
        Error::Decode(Box::new(
            DecodeError::new(action, path, message, body).with_request_id(request_id),
        ))
    }

    /// A response body larger than the client accepts; `body` is what was
    /// read of it.
    pub(crate) fn body_too_large(action: impl Into<Name>, max: usize, body: &[u8]) -> Self {
        Self::decode(
            action,
            None,
            format!(
                "the response body exceeds the limit of {max} bytes (ClientBuilder::max_response_bytes)"
            ),
            body,
            None,
        )
    }

    /// A listing whose answer handed back `token` a second time.
    pub(crate) fn paging(action: &'static str, token: &str) -> Self {
        Error::Paging(Box::new(PagingError {
            action,
            token: token.to_owned(),
        }))
    }

    /// A wait for `action`'s state that ended without it.
    pub(crate) fn wait(
        kind: WaitErrorKind,
        action: &'static str,
        elapsed: Duration,
        calls: u32,
        last_state: String,
    ) -> Self {
        Error::Wait(Box::new(WaitError {
            kind,
            action,
            elapsed,
            calls,
            last_state,
        }))
    }

    /// The same error with the client's `note` on it, if it is a service
    /// error.
    pub(crate) fn with_note(mut self, note: String) -> Self {
        if let Error::Service(e) = &mut self {
            e.note = Some(note);
        }
        self
    }

    /// The same error, naming the `X-TC-TraceId` of the call that failed.
    pub(crate) fn with_trace_id(mut self, trace_id: &str) -> Self {
        let slot = match &mut self {
            Error::Service(e) => &mut e.trace_id,
            Error::HttpStatus(e) => &mut e.trace_id,
            Error::Decode(e) => &mut e.trace_id,
            Error::Transport(e) => &mut e.trace_id,
            _ => return self,
        };
        *slot = Some(trace_id.to_owned());
        self
    }

    /// The same error, naming `request_id` (a stream's, which its events do
    /// not repeat) when it is a transport or decode failure that does not
    /// name one yet.
    pub(crate) fn with_request_id(self, request_id: Option<&str>) -> Self {
        match self {
            Error::Transport(e) => Error::Transport(Box::new(e.with_request_id(request_id))),
            Error::Decode(e) => Error::Decode(Box::new(e.with_request_id(request_id))),
            other => other,
        }
    }
}

fn has_tls_cause(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<rustls::Error>() {
            return true;
        }
        // An `io::Error`'s `source()` skips the error it wraps, which is
        // where the TLS stack puts rustls's.
        let wrapped = e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref);
        if let Some(inner) = wrapped
            && has_tls_cause(inner)
        {
            return true;
        }
        cause = e.source();
    }
    false
}

/// `outer: inner: innermost`, skipping a cause already contained in the one above.
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let message = e.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        cause = e.source();
    }
    text
}

fn request_id_suffix(request_id: Option<&str>) -> String {
    request_id.map_or_else(String::new, |id| format!(" (RequestId: {id})"))
}

fn at_path(path: Option<&str>) -> String {
    path.map_or_else(String::new, |p| format!(" at {p}"))
}

/// The first characters of a body, safe to print: at most 200 characters,
/// control characters and runs of whitespace collapsed into one space, the
/// values of sensitive members masked.
fn excerpt(body: &[u8]) -> String {
    const MAX_CHARS: usize = 200;
    let masked = mask_body(&body[..body.len().min(4 * MAX_CHARS)]);
    let text = String::from_utf8_lossy(&masked);
    let mut out = String::with_capacity(MAX_CHARS);
    let mut last_space = false;
    for c in text.chars() {
        if out.chars().count() >= MAX_CHARS {
            out.push('…');
            break;
        }
        let space = c.is_whitespace() || c.is_control();
        if !(space && last_space) {
            out.push(if space { ' ' } else { c });
        }
        last_space = space;
    }
    out.trim().to_owned()
}

/// serde's message about a value at `path`, with any quoted text masked
/// when the path goes through a sensitive member: serde quotes the value it
/// could not read (`invalid type: string "...", expected u64`).
fn scrub_message(path: Option<&str>, message: String) -> String {
    let sensitive = path.is_some_and(|path| {
        path.split(['.', '['])
            .any(crate::wire::redact::is_sensitive)
    });
    if !sensitive {
        return message;
    }
    // serde quotes strings with `"` and numbers with backticks.
    let mut out = String::with_capacity(message.len());
    let mut inside: Option<char> = None;
    for c in message.chars() {
        match inside {
            Some(close) if c == close => {
                out.push_str(MASK);
                out.push(c);
                inside = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    inside = Some(c);
                }
            }
        }
    }
    if inside.is_some() {
        out.push_str(MASK);
    }
    out
}

/// Finds `"RequestId": "..."` in a body that may not be valid JSON (truncated,
/// or wrapped in something else), so errors can still name the request.
fn scan_request_id(body: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"RequestId\"";
    let start = body.windows(KEY.len()).position(|w| w == KEY)? + KEY.len();
    let rest = &body[start..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b":")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"\"")?;
    let end = rest.iter().position(|&b| b == b'"')?;
    let id = std::str::from_utf8(&rest[..end]).ok()?;
    let plausible = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_error_display_is_actionable() {
        let e = ServiceError::new::<CommonCode>(
            "AuthFailure.SignatureFailure".into(),
            "The provided credentials could not be validated.".into(),
            "71e69b56-32be-4412-ab45-49eded6a87be".into(),
        );
        assert_eq!(
            e.to_string(),
            "AuthFailure.SignatureFailure: The provided credentials could not be validated. (RequestId: 71e69b56-32be-4412-ab45-49eded6a87be)"
        );
        assert_eq!(
            e.common_code(),
            Some(CommonCode::AuthFailureSignatureFailure)
        );
        assert_eq!(
            e.action_error::<CommonCode>(),
            Some(&CommonCode::AuthFailureSignatureFailure)
        );
    }

    #[test]
    fn excerpt_is_short_and_clean() {
        let html = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\n\n<body>";
        assert_eq!(
            excerpt(html),
            "<html> <head><title>502 Bad Gateway</title></head> <body>"
        );
        let long = "x".repeat(1000);
        assert_eq!(excerpt(long.as_bytes()).chars().count(), 201);
        assert_eq!(excerpt(&[0xff, 0xfe, b'a']), "\u{fffd}\u{fffd}a");
    }

    #[test]
    fn request_id_is_found_in_broken_bodies() {
        let truncated = br#"{"Response": {"RequestId" : "abc-123", "SharePermissionSet": [{"#;
        assert_eq!(scan_request_id(truncated).as_deref(), Some("abc-123"));
        assert_eq!(scan_request_id(b"<html>502</html>"), None);
        assert_eq!(scan_request_id(br#"{"RequestId": "<script>"}"#), None);
    }
}
