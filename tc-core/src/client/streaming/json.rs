//! The stream of a streaming [`send_json`](crate::Client::send_json) call:
//! the same chunks as [`ChunkStream`](super::ChunkStream), each one the
//! `Response` object of one event as JSON.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde_json::Value;

use super::chunks::Chunks;
use crate::wire::common_code::CommonCode;
use crate::wire::error::Error;

/// The chunks of a streaming call made by name
/// ([`Call::send_streaming`](crate::Call::send_streaming) on
/// [`Client::call_json`](crate::Client::call_json)), each one event's object
/// as JSON, in the order the service sent them. It behaves as
/// [`ChunkStream`](super::ChunkStream) does: an error ends it, nothing is
/// retried once it is returned, and [`next`](Self::next) needs no stream
/// library.
///
/// ```no_run
/// # async fn run(client: tc_core::Client) -> Result<(), tc_core::Error> {
/// use serde_json::json;
///
/// let params = json!({
///     "Model": "hunyuan-turbos-latest",
///     "Messages": [{"Role": "user", "Content": "Hello"}],
///     "Stream": true,
/// });
/// let mut chunks = client
///     .call_json("hunyuan", "2023-09-01", "ChatCompletions", params)
///     .send_streaming()
///     .await?;
/// while let Some(chunk) = chunks.next().await {
///     print!("{}", chunk?["Choices"][0]["Delta"]["Content"].as_str().unwrap_or(""));
/// }
/// # Ok(()) }
/// ```
pub struct JsonStream {
    chunks: Chunks<Value, CommonCode>,
}

impl JsonStream {
    pub(crate) fn new(chunks: Chunks<Value, CommonCode>) -> Self {
        JsonStream { chunks }
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
    pub async fn next(&mut self) -> Option<Result<Value, Error>> {
        self.chunks.next().await
    }
}

impl Stream for JsonStream {
    type Item = Result<Value, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.get_mut().chunks).poll_next(cx)
    }
}

impl fmt::Debug for JsonStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.chunks.fmt(f)
    }
}
