//! The stream a streaming call returns: the body's events decoded as chunks,
//! a mid-stream `ErrorMsg` turned into a service error, and the idle limit
//! kept between the body's frames.

use std::fmt;
use std::future::poll_fn;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;
use http_body::Body as _;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::{Instant, Sleep};

use super::StreamConfig;
use super::sse::EventDecoder;
use crate::transport::time_limit::after;
use crate::wire::action::{Action, ErrorCode};
use crate::wire::error::{Error, Name};
use crate::wire::lenient;

/// The header carrying a stream's RequestId, which its events do not repeat.
const REQUEST_ID_HEADER: &str = "x-tc-requestid";

/// The chunks of one [`send_streaming`](crate::Client::send_streaming) call,
/// in the order the service sent them: a [`Stream`] of
/// `Result<A::Output, Error>`, also readable with [`next`](Self::next) without
/// any stream library.
///
/// An error ends the stream: the connection broke or stalled past the idle
/// limit ([`Error::Transport`]), an event did not decode or was too large
/// ([`Error::Decode`]), or the service reported a failure mid-stream in an
/// `ErrorMsg` member ([`Error::Service`], its `Code` as the code). Each names
/// the stream's RequestId and the call's trace id. Nothing is retried once the stream is returned.
/// Dropping it closes the connection.
pub struct ChunkStream<A: Action> {
    chunks: Chunks<A::Output, A::Error>,
}

impl<A: Action> ChunkStream<A> {
    pub(crate) fn new(chunks: Chunks<A::Output, A::Error>) -> Self {
        ChunkStream { chunks }
    }

    /// The RequestId: the stream's `X-TC-RequestId` header, or a JSON
    /// answer's `RequestId`; empty when the service sent none.
    pub fn request_id(&self) -> &str {
        self.chunks.request_id()
    }

    /// Whether the service streamed its answer (`text/event-stream`), rather
    /// than answering with one JSON body, which the stream then yields as its
    /// one item.
    pub fn is_event_stream(&self) -> bool {
        self.chunks.is_event_stream()
    }

    /// The next chunk, or `None` at the end of the stream.
    pub async fn next(&mut self) -> Option<Result<A::Output, Error>> {
        self.chunks.next().await
    }
}

impl<A: Action> Stream for ChunkStream<A> {
    type Item = Result<A::Output, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.get_mut().chunks).poll_next(cx)
    }
}

impl<A: Action> fmt::Debug for ChunkStream<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.chunks.fmt(f)
    }
}

/// What [`ChunkStream`] and [`JsonStream`](super::JsonStream) are made of:
/// chunks decoded as `T`, a failure reported mid-stream resolved against
/// the codes `E`.
pub(crate) struct Chunks<T, E> {
    action: Name,
    request_id: String,
    source: Source<T>,
    codes: PhantomData<fn() -> E>,
}

enum Source<T> {
    /// The service answered with one JSON body: its output, until taken.
    Whole(Option<T>),
    /// An event stream.
    Events(Box<Events>),
}

// No field is ever pinned: `poll_next` only moves the output out or polls
// fields that are `Unpin` themselves.
impl<T, E> Unpin for Chunks<T, E> {}

impl<T: DeserializeOwned, E: ErrorCode> Chunks<T, E> {
    /// The stream of a service that answered with one JSON body.
    pub(crate) fn whole(output: T, action: Name, request_id: String) -> Self {
        Chunks {
            action,
            request_id,
            source: Source::Whole(Some(output)),
            codes: PhantomData,
        }
    }

    /// The event stream of `response` (an answer to `action` from `url`),
    /// once its first event (or its end) has arrived, so that a failure until
    /// then fails the attempt rather than the stream.
    pub(crate) async fn open(
        response: reqwest::Response,
        action: Name,
        url: &str,
        trace_id: &str,
        config: &StreamConfig,
        strict: bool,
    ) -> Result<Self, Error> {
        let request_id = response
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut stream = Self::events(response, action, url, trace_id, request_id, config, strict);
        stream.read_first(config.first_event_timeout).await?;
        Ok(stream)
    }

    fn events(
        response: reqwest::Response,
        action: Name,
        url: &str,
        trace_id: &str,
        request_id: String,
        config: &StreamConfig,
        strict: bool,
    ) -> Self {
        let events = Events {
            body: http::Response::<reqwest::Body>::from(response).into_body(),
            decoder: EventDecoder::new(config.max_event_bytes),
            first: None,
            idle: Box::pin(tokio::time::sleep(config.idle_timeout)),
            idle_limit: config.idle_timeout,
            body_ended: false,
            done: false,
            action: action.clone(),
            url: url.to_owned(),
            trace_id: trace_id.to_owned(),
            request_id: (!request_id.is_empty()).then(|| request_id.clone()),
            strict,
        };
        Chunks {
            action,
            request_id,
            source: Source::Events(Box::new(events)),
            codes: PhantomData,
        }
    }

    /// Waits for the first event with data (or the end of the stream), for
    /// at most `limit`: comments and keep-alives, which reset the idle
    /// limit, do not count, so a stream of nothing but pings still ends.
    async fn read_first(&mut self, limit: Duration) -> Result<(), Error> {
        let Source::Events(events) = &mut self.source else {
            return Ok(());
        };
        let first = tokio::time::timeout(limit, async {
            loop {
                match poll_fn(|cx| events.poll_data(cx)).await {
                    Some(Ok(data)) if data.iter().all(u8::is_ascii_whitespace) => {}
                    other => return other,
                }
            }
        })
        .await;
        let Ok(first) = first else {
            let message = format!(
                "the event stream sent no event within {limit:?}, only comments or keep-alives (StreamConfig::first_event_timeout)"
            );
            let error = Error::timeout(events.action.clone(), &events.url, message);
            return Err(error.with_request_id(events.request_id.as_deref()));
        };
        events.first = match first {
            Some(first) => Some(first?),
            None => None,
        };
        // A failure in the first event reaches no caller yet: it fails the
        // attempt, so the usual rules (retries included) apply to it.
        if let Some((code, message)) = events.first.as_deref().and_then(error_msg) {
            return Err(Error::service::<E>(code, message, self.request_id.clone()));
        }
        Ok(())
    }

    pub(crate) fn request_id(&self) -> &str {
        &self.request_id
    }

    pub(crate) fn is_event_stream(&self) -> bool {
        matches!(self.source, Source::Events(_))
    }

    pub(crate) async fn next(&mut self) -> Option<Result<T, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T: DeserializeOwned, E: ErrorCode> Stream for Chunks<T, E> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut self.get_mut().source {
            Source::Whole(output) => Poll::Ready(output.take().map(Ok)),
            Source::Events(events) => loop {
                let Some(data) = ready!(events.poll_data(cx)) else {
                    return Poll::Ready(None);
                };
                match data.and_then(|data| events.chunk::<T, E>(&data)) {
                    Ok(Some(chunk)) => return Poll::Ready(Some(Ok(chunk))),
                    Ok(None) => {}
                    Err(error) => {
                        events.done = true;
                        return Poll::Ready(Some(Err(error.with_trace_id(&events.trace_id))));
                    }
                }
            },
        }
    }
}

impl<T, E> fmt::Debug for Chunks<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChunkStream")
            .field("action", &self.action)
            .field("request_id", &self.request_id)
            .field("event_stream", &matches!(self.source, Source::Events(_)))
            .finish_non_exhaustive()
    }
}

/// An event stream being read.
struct Events {
    body: reqwest::Body,
    decoder: EventDecoder,
    /// The event read while the call was still an attempt.
    first: Option<Vec<u8>>,
    /// Fires when no bytes have come for `idle_limit`.
    idle: Pin<Box<Sleep>>,
    idle_limit: Duration,
    body_ended: bool,
    /// After the end or an error: nothing more comes.
    done: bool,
    action: Name,
    url: String,
    /// The call's `X-TC-TraceId`, named by every error of the stream.
    trace_id: String,
    request_id: Option<String>,
    /// [`ClientBuilder::strict_decoding`](crate::ClientBuilder::strict_decoding).
    strict: bool,
}

impl Events {
    /// The data of the next event.
    fn poll_data(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Vec<u8>, Error>>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(first)));
        }
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            let next = if self.body_ended {
                self.decoder.finish()
            } else {
                self.decoder.next_event()
            };
            match next {
                Ok(Some(data)) => return Poll::Ready(Some(Ok(data))),
                Ok(None) if self.body_ended => {
                    self.done = true;
                    return Poll::Ready(None);
                }
                Ok(None) => {}
                Err(error) => {
                    let (message, start) = error.describe();
                    return self.fail(self.decode_error(message, start));
                }
            }
            match Pin::new(&mut self.body).poll_frame(cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(bytes) = frame.into_data() {
                        self.decoder.feed(&bytes);
                        let deadline = after(Instant::now(), self.idle_limit);
                        self.idle.as_mut().reset(deadline);
                    }
                }
                Poll::Ready(Some(Err(error))) => {
                    let error = Error::transport(self.action.clone(), &self.url, error);
                    return self.fail(error);
                }
                Poll::Ready(None) => self.body_ended = true,
                Poll::Pending => {
                    ready!(self.idle.as_mut().poll(cx));
                    let message = format!(
                        "the event stream sent nothing for {:?} (StreamConfig::idle_timeout)",
                        self.idle_limit
                    );
                    let error = Error::timeout(self.action.clone(), &self.url, message);
                    return self.fail(error);
                }
            }
        }
    }

    /// Ends the stream with `error`, naming its RequestId.
    fn fail(&mut self, error: Error) -> Poll<Option<Result<Vec<u8>, Error>>> {
        self.done = true;
        Poll::Ready(Some(Err(error.with_request_id(self.request_id.as_deref()))))
    }

    /// One event's data as a chunk; `None` for an event without any (a
    /// keep-alive).
    fn chunk<T: DeserializeOwned, E: ErrorCode>(&self, data: &[u8]) -> Result<Option<T>, Error> {
        if data.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        if let Some((code, message)) = error_msg(data) {
            let request_id = self.request_id.clone().unwrap_or_default();
            return Err(Error::service::<E>(code, message, request_id));
        }
        let decoded = lenient::strictly(self.strict, || {
            let mut deserializer = serde_json::Deserializer::from_slice(data);
            serde_path_to_error::deserialize(&mut deserializer)
                .map_err(|e| (Some(e.path().to_string()), e.into_inner()))
                .and_then(|chunk| deserializer.end().map(|()| chunk).map_err(|e| (None, e)))
        });
        let chunk = decoded.map_err(|(path, e)| {
            // The path of a value at the top is `.`, which says nothing.
            let path = path.filter(|p| p != ".");
            Error::decode(
                self.action.clone(),
                path,
                e.to_string(),
                data,
                self.request_id.as_deref(),
            )
        })?;
        Ok(Some(chunk))
    }

    fn decode_error(&self, message: String, start: &[u8]) -> Error {
        Error::decode(
            self.action.clone(),
            None,
            message,
            start,
            self.request_id.as_deref(),
        )
    }
}

/// A successful `text/event-stream` answer; an error status is read whole,
/// whatever its type, so that it fails the attempt as usual.
pub(crate) fn is_event_stream(response: &reqwest::Response) -> bool {
    let media_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default();
    response.status().is_success() && media_type.trim().eq_ignore_ascii_case("text/event-stream")
}

/// The code and message of a chunk's `ErrorMsg`, when it reports a failure.
fn error_msg(data: &[u8]) -> Option<(String, String)> {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "ErrorMsg")]
        error: Option<ErrorMsg>,
    }
    #[derive(Deserialize)]
    struct ErrorMsg {
        #[serde(rename = "Msg", default)]
        msg: Option<String>,
        #[serde(rename = "Code", default)]
        code: Option<Value>,
    }
    // Most chunks do not mention it; only those are read twice.
    const KEY: &[u8] = b"\"ErrorMsg\"";
    if !data.windows(KEY.len()).any(|w| w == KEY) {
        return None;
    }
    let error = serde_json::from_slice::<Probe>(data).ok()?.error?;
    let message = error.msg.unwrap_or_default();
    let code = match error.code {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(code)) => code,
        Some(other) => other.to_string(),
    };
    let no_code = code.is_empty() || code == "0";
    if no_code && message.is_empty() {
        return None;
    }
    let code = if no_code { "ErrorMsg".to_owned() } else { code };
    Some((code, message))
}

#[cfg(test)]
mod tests {
    use super::error_msg;

    #[test]
    fn error_msg_reports_only_failures() {
        assert_eq!(
            error_msg(br#"{"ErrorMsg":{"Msg":"moderation failed","Code":2001},"Choices":[]}"#),
            Some(("2001".into(), "moderation failed".into()))
        );
        assert_eq!(
            error_msg(br#"{"ErrorMsg":{"Msg":"stopped"}}"#),
            Some(("ErrorMsg".into(), "stopped".into()))
        );
        assert_eq!(error_msg(br#"{"ErrorMsg":null,"Choices":[]}"#), None);
        assert_eq!(error_msg(br#"{"ErrorMsg":{"Msg":"","Code":0}}"#), None);
        assert_eq!(
            error_msg(br#"{"Choices":[{"Delta":{"Content":"ErrorMsg"}}]}"#),
            None
        );
    }
}
