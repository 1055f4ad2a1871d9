//! Streamed answers: chunks sent as server-sent events, each after its pause,
//! as the service streams a chat model's answer.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Body, Frame};
use serde::Serialize;
use serde_json::json;
use tokio::time::Sleep;

/// The pause between the chunks of a default streamed answer, so that a
/// client shows them arriving one by one.
pub(crate) const DEFAULT_PAUSE: Duration = Duration::from_millis(40);

/// A streamed answer (`Content-Type: text/event-stream`): each chunk is one
/// `data:` event, sent after its pause. A handler registered with
/// [`MockServer::on_stream`](crate::MockServer::on_stream) returns one.
///
/// ```
/// use std::time::Duration;
/// use serde_json::json;
/// use tc_mock::MockStream;
///
/// let stream = MockStream::new()
///     .chunk(json!({"Choices": [{"Delta": {"Content": "Hel"}, "FinishReason": ""}]}))
///     .chunk_after(
///         Duration::from_millis(50),
///         json!({"Choices": [{"Delta": {"Content": "lo"}, "FinishReason": "stop"}]}),
///     );
/// assert_eq!(stream.len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct MockStream {
    events: VecDeque<(Duration, Bytes)>,
    cut: bool,
}

impl MockStream {
    /// A stream with no chunks yet.
    pub fn new() -> Self {
        MockStream::default()
    }

    /// Sends `chunk` right after the previous one.
    pub fn chunk(self, chunk: impl Serialize) -> Self {
        self.chunk_after(Duration::ZERO, chunk)
    }

    /// Sends `chunk` `pause` after the previous one (or after the headers).
    /// A chunk that cannot be encoded is sent as an `ErrorMsg` saying so, as
    /// a handler's undecodable output becomes an `InternalError`.
    pub fn chunk_after(mut self, pause: Duration, chunk: impl Serialize) -> Self {
        let json = serde_json::to_string(&chunk).unwrap_or_else(|e| {
            json!({"ErrorMsg": {"Msg": format!("tc-mock cannot encode the chunk: {e}"), "Code": -1}})
                .to_string()
        });
        self.events
            .push_back((pause, Bytes::from(format!("data: {json}\n\n"))));
        self
    }

    /// Ends the stream by breaking the connection after the last chunk,
    /// instead of ending the body properly.
    pub fn cut(mut self) -> Self {
        self.cut = true;
        self
    }

    /// How many chunks it sends.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether it sends no chunk.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// `chunks` as a stream: the first at once, each next one `pause` later.
    pub(crate) fn from_chunks(chunks: &[serde_json::Value], pause: Duration) -> Self {
        chunks
            .iter()
            .enumerate()
            .fold(MockStream::new(), |stream, (i, chunk)| {
                let pause = if i == 0 { Duration::ZERO } else { pause };
                stream.chunk_after(pause, chunk)
            })
    }

    /// The response body sending it.
    pub(crate) fn into_body(self) -> EventBody {
        EventBody {
            events: self.events,
            pause: None,
            cut: self.cut.then_some(Cut::Flush),
        }
    }
}

impl EventBody {
    /// A body that sends `head` and then breaks the connection, as a
    /// scenario's cut in mid-answer.
    pub(crate) fn cut_after(head: Bytes) -> Self {
        EventBody {
            events: VecDeque::from([(Duration::ZERO, head)]),
            pause: None,
            cut: Some(Cut::Flush),
        }
    }
}

/// The body of a streamed answer: each event once its pause is over.
pub(crate) struct EventBody {
    events: VecDeque<(Duration, Bytes)>,
    pause: Option<Pin<Box<Sleep>>>,
    cut: Option<Cut>,
}

/// How far a cut has gone.
#[derive(Clone, Copy)]
enum Cut {
    /// The server must first send the events it holds: it writes out what it
    /// has when the body has nothing ready, and drops it when the body fails.
    Flush,
    Now,
}

impl Body for EventBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let Some((pause, _)) = self.events.front() else {
            return match self.cut {
                None => Poll::Ready(None),
                Some(Cut::Flush) => {
                    self.cut = Some(Cut::Now);
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
                // A body error makes the server drop the connection mid-body.
                Some(Cut::Now) => Poll::Ready(Some(Err(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "the stream is cut here (MockStream::cut)",
                )))),
            };
        };
        if !pause.is_zero() {
            let pause = *pause;
            let timer = self
                .pause
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(pause)));
            ready!(timer.as_mut().poll(cx));
            self.pause = None;
        }
        let event = self.events.pop_front().map(|(_, event)| event);
        Poll::Ready(event.map(|event| Ok(Frame::data(event))))
    }
}
