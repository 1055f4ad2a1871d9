//! The HTTP side: accepts connections on loopback, reads each request, checks
//! headers and signature, dispatches to a handler, writes the envelope.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Either, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use tc_core::test_util::time::{http_date, unix_now};
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::log::{Received, RequestLog};
use crate::params::Params;
use crate::reply::{self, MockError};
use crate::route::{Reply, Routes};
use crate::scenario::{CutAt, Outcome, Scenario};
use crate::stream::{EventBody, MockStream};
use crate::verify::{Keys, SignedRequest};

/// Largest request body accepted, as the service's 10 MB limit.
const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

/// State shared by all connections.
#[derive(Default)]
pub(crate) struct Shared {
    pub(crate) keys: RwLock<Keys>,
    pub(crate) routes: RwLock<Routes>,
    /// The most recent requests answered (bounded, see [`RequestLog`]).
    pub(crate) log: Mutex<RequestLog>,
    /// A frozen clock for signature checks, for replaying recorded requests.
    pub(crate) fixed_now: Option<u64>,
    /// Whether actions without a handler are answered with the specs' examples.
    pub(crate) defaults: bool,
    /// How far the endpoint's clock is from the machine's, in seconds.
    pub(crate) clock_offset: i64,
    /// How long a client may take to send a request's headers, and its body.
    pub(crate) limits: Limits,
    /// Scripted answers, before handlers and examples.
    pub(crate) scenario: Scenario,
}

/// The time a client is given, so that slow or stalled clients cannot hold
/// connections open.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) header_read: Duration,
    pub(crate) body_read: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            body_read: Duration::from_secs(30),
        }
    }
}

impl Shared {
    /// The endpoint's clock: frozen, or the machine's with its offset.
    fn now(&self) -> u64 {
        self.fixed_now
            .unwrap_or_else(|| unix_now().saturating_add_signed(self.clock_offset))
    }
}

/// Pauses after a failed accept (out of file descriptors, say), doubling
/// from 10 ms to 1 s, so that the loop does not spin.
const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(10);
const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Accepts connections until the task is aborted.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut backoff = ACCEPT_BACKOFF_MIN;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                backoff = ACCEPT_BACKOFF_MIN;
                stream
            }
            Err(error) => {
                tracing::warn!(%error, ?backoff, "cannot accept a connection; pausing");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(ACCEPT_BACKOFF_MAX);
                continue;
            }
        };
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let header_read = shared.limits.header_read;
            // Told by a request whose scripted answer is a cut: dropping the
            // connection closes the socket with no answer.
            let cut = Arc::new(Notify::new());
            let service = service_fn({
                let cut = Arc::clone(&cut);
                move |request| {
                    let (shared, cut) = (Arc::clone(&shared), Arc::clone(&cut));
                    async move { Ok::<_, Infallible>(handle(&shared, &cut, request).await) }
                }
            });
            // A client hanging up mid-request is its business, not an error
            // here; one too slow with its headers is cut off.
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_read)
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                () = cut.notified() => {}
            }
        });
    }
}

/// A whole JSON envelope, or a stream of events.
type Body = Either<Full<Bytes>, EventBody>;

async fn handle(shared: &Shared, cut: &Notify, request: Request<Incoming>) -> Response<Body> {
    let request_id = reply::request_id();
    let (parts, body) = request.into_parts();
    let action = header(&parts.headers, "x-tc-action")
        .unwrap_or("")
        .to_owned();
    let body_read = shared.limits.body_read;
    let collected = tokio::time::timeout(body_read, Limited::new(body, MAX_BODY_BYTES).collect());
    let outcome = match collected.await {
        Ok(Ok(body)) => dispatch(shared, &parts, &body.to_bytes()).await,
        Ok(Err(_)) => Err(MockError::new(
            "RequestSizeLimitExceeded",
            format!("The request body is larger than {MAX_BODY_BYTES} bytes or could not be read."),
        )),
        Err(_) => Err(MockError::new(
            "RequestTimeout",
            format!("The request body did not arrive within {body_read:?}."),
        )),
    };
    let (mut response, error_code) = match outcome {
        Ok(Reply::Json(output)) => (json_response(&reply::success(output, &request_id)), None),
        Ok(Reply::Events(stream)) => (event_response(stream, &request_id), None),
        Ok(Reply::Cut(CutAt::MidAnswer)) => (half_answer(&request_id), None),
        Ok(Reply::Cut(CutAt::BeforeAnswer)) => {
            log(shared, action, &parts.method, None, request_id);
            cut.notify_one();
            return std::future::pending().await;
        }
        Err(error) => (
            json_response(&reply::failure(&error, &request_id)),
            Some(error.code),
        ),
    };
    log(shared, action, &parts.method, error_code, request_id);
    // The service's clock, which a client corrects its own by.
    if let Ok(date) = hyper::header::HeaderValue::from_str(&http_date(shared.now())) {
        response.headers_mut().insert(hyper::header::DATE, date);
    }
    response
}

/// Remembers an answered request.
fn log(
    shared: &Shared,
    action: String,
    method: &hyper::Method,
    error_code: Option<String>,
    request_id: String,
) {
    shared
        .log
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Received {
            action,
            method: method.to_string(),
            error_code,
            request_id,
        });
}

/// The first half of an envelope, then a broken connection.
fn half_answer(request_id: &str) -> Response<Body> {
    let envelope = Bytes::from(reply::success(Value::Null, request_id).to_string());
    let head = envelope.slice(..envelope.len() / 2);
    with_type(
        Either::Right(EventBody::cut_after(head)),
        "application/json",
    )
}

fn json_response(envelope: &Value) -> Response<Body> {
    let body = serde_json::to_vec(envelope).unwrap_or_default();
    with_type(
        Either::Left(Full::new(Bytes::from(body))),
        "application/json",
    )
}

/// As the service streams: the RequestId travels in a header, since the
/// events do not carry it.
fn event_response(stream: MockStream, request_id: &str) -> Response<Body> {
    let mut response = with_type(Either::Right(stream.into_body()), "text/event-stream");
    if let Ok(id) = hyper::header::HeaderValue::from_str(request_id) {
        response.headers_mut().insert("x-tc-requestid", id);
    }
    response
}

fn with_type(body: Body, content_type: &'static str) -> Response<Body> {
    let mut response = Response::new(body);
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(content_type),
    );
    response
}

async fn dispatch(
    shared: &Shared,
    parts: &hyper::http::request::Parts,
    body: &Bytes,
) -> Result<Reply, MockError> {
    let method = parts.method.as_str();
    if method != "POST" && method != "GET" {
        return Err(MockError::new(
            "UnsupportedProtocol",
            format!("The HTTP method {method} is not supported; use POST or GET."),
        ));
    }
    let headers = &parts.headers;
    let required = |name: &str| {
        header(headers, name)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                MockError::new(
                    "MissingParameter",
                    format!("The request is missing the required header `{name}`."),
                )
            })
    };
    let action = required("X-TC-Action")?;
    let version = required("X-TC-Version")?;
    let timestamp = required("X-TC-Timestamp")?;
    required("Content-Type")?;
    let timestamp: u64 = timestamp.parse().map_err(|_| {
        MockError::new(
            "InvalidParameter",
            format!("X-TC-Timestamp `{timestamp}` is not a Unix timestamp in seconds."),
        )
    })?;
    let query = parts.uri.query().unwrap_or("");
    let signed = SignedRequest {
        method,
        query,
        headers,
        body,
    };
    let now = shared.now();
    let verified = shared
        .keys
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .verify(&signed, timestamp, now)?;
    check_host(headers, &verified.service)?;
    if let Some(played) = shared.scenario.play(&verified.service, action, version) {
        if !played.latency.is_zero() {
            tokio::time::sleep(played.latency).await;
        }
        match played.outcome {
            Some(Ok(outcome)) => return scripted(outcome),
            Some(Err(throttled)) => return Err(throttled),
            None => {}
        }
    }
    let handler = shared
        .routes
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .find(&verified.service, action, version, shared.defaults)?;
    tracing::debug!(action, secret_id = %verified.secret_id, "dispatching");
    let params = if method == "GET" {
        Params::Query(query)
    } else {
        Params::Json(body)
    };
    handler(params)
}

/// The answer a scenario's rule scripts.
fn scripted(outcome: &Outcome) -> Result<Reply, MockError> {
    match outcome {
        Outcome::Response(response) => Ok(Reply::Json(response.clone())),
        Outcome::Error(error) => Err(error.clone()),
        Outcome::Cut(at) => Ok(Reply::Cut(*at)),
        Outcome::Stream { chunks, pause } => {
            Ok(Reply::Events(MockStream::from_chunks(chunks, *pause)))
        }
    }
}

/// A request sent to a host name (`cvm.tencentcloudapi.com`) must be signed
/// for the service that name starts with; one sent to an IP address or
/// `localhost` (any client pointed at this endpoint) may be for any service.
fn check_host(headers: &hyper::HeaderMap, service: &str) -> Result<(), MockError> {
    let Some(host) = header(headers, "host") else {
        return Ok(());
    };
    let name = host_name(host);
    let by_address =
        name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok();
    let label = name.split('.').next().unwrap_or_default();
    if by_address || label.eq_ignore_ascii_case(service) {
        return Ok(());
    }
    Err(MockError::new(
        "AuthFailure.InvalidAuthorization",
        format!(
            "The request is signed for service `{service}` but sent to `{name}`, whose first label is `{label}`."
        ),
    ))
}

/// The host without its port (`[::1]:80` -> `::1`).
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split(']').next().unwrap_or_default();
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

fn header<'a>(headers: &'a hyper::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Binds `addr` and returns the listener with its actual address (for port 0).
pub(crate) async fn bind(addr: SocketAddr) -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}
