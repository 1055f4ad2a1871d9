//! Streaming calls: an answer that arrives as server-sent events (Hunyuan
//! `ChatCompletions` with `Stream: true`), typed chunk by chunk.
//!
//! The request takes the path of [`Client::send`]: rate limit, credentials,
//! signing, time limits, retries. The call stays an ordinary one until the
//! stream's first event has arrived, so failures up to then (an error
//! envelope, throttling, a broken connection) are retried by the usual rules;
//! once [`Client::send_streaming`] has returned, nothing is sent again.

mod chunks;
mod sse;

use std::time::Duration;

use crate::action::Action;
use crate::client::{Answer, Client, Failure, Receive};
use crate::error::Error;

pub use chunks::ChunkStream;

/// The header carrying a stream's RequestId, which its events do not repeat.
const REQUEST_ID_HEADER: &str = "x-tc-requestid";

/// Settings of [`Client::send_streaming`] (see
/// [`ClientBuilder::streaming`](crate::ClientBuilder::streaming)).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamConfig {
    /// Longest wait for more of an event stream, from its headers on and
    /// between any two of its bytes (default 60 s). It replaces the
    /// attempt's time-out, so a long answer is never cut while it flows.
    pub idle_timeout: Duration,
    /// Largest line or event data accepted in an event stream (default
    /// 1 MiB); the stream as a whole has no limit, and holds no more than one
    /// event in memory.
    pub max_event_bytes: usize,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            idle_timeout: Duration::from_secs(60),
            max_event_bytes: 1024 * 1024,
        }
    }
}

impl StreamConfig {
    /// Sets the idle limit.
    #[must_use]
    pub fn with_idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Sets the size limit of one line or event.
    #[must_use]
    pub fn with_max_event_bytes(mut self, max: usize) -> Self {
        self.max_event_bytes = max;
        self
    }
}

impl Client {
    /// Sends an action whose answer may stream, and returns its chunks as
    /// they arrive. Each chunk is the action's output type decoded from one
    /// event: a streaming action sends its `Response` object, without the
    /// envelope, once per event. The request must ask for a stream itself
    /// (`stream: Some(true)` for Hunyuan's chat actions).
    ///
    /// A service that answers with one JSON body instead (it may choose not
    /// to stream) gives a stream of that one output;
    /// [`ChunkStream::is_event_stream`] tells the two apart.
    ///
    /// Time limits: the first-byte limit applies to the headers, then
    /// [`StreamConfig::idle_timeout`] to each wait for more; the call's
    /// deadline ends when this returns. An event larger than
    /// [`StreamConfig::max_event_bytes`] ends the stream with an error.
    ///
    /// ```no_run
    /// use tc_core::{Client, tc_action, tc_model};
    ///
    /// /// Hunyuan's chat, reduced to what this example sends.
    /// #[tc_action(service = "hunyuan", version = "2023-09-01", name = "ChatCompletions")]
    /// pub struct ChatCompletions {
    ///     pub model: String,
    ///     pub messages: Vec<Message>,
    ///     pub stream: Option<bool>,
    /// }
    ///
    /// #[tc_model]
    /// pub struct Message {
    ///     pub role: String,
    ///     pub content: String,
    /// }
    ///
    /// /// A whole answer, or one chunk of a streamed one.
    /// #[tc_model]
    /// pub struct ChatCompletionsResponse {
    ///     pub choices: Vec<Choice>,
    ///     pub request_id: String,
    /// }
    ///
    /// #[tc_model]
    /// pub struct Choice {
    ///     pub delta: Option<Message>,
    ///     pub finish_reason: String,
    /// }
    ///
    /// # async fn run() -> Result<(), tc_core::Error> {
    /// let client = Client::builder().region("ap-guangzhou").build()?;
    /// let request = ChatCompletions {
    ///     model: "hunyuan-turbos-latest".into(),
    ///     messages: vec![Message { role: "user".into(), content: "Hello".into() }],
    ///     stream: Some(true),
    /// };
    /// let mut chunks = client.send_streaming(request).await?;
    /// while let Some(chunk) = chunks.next().await {
    ///     for choice in chunk?.choices {
    ///         if let Some(delta) = choice.delta {
    ///             print!("{}", delta.content);
    ///         }
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// Those of [`send`](Self::send), for anything that fails before the
    /// first event. Later failures are items of the stream (see
    /// [`ChunkStream`]).
    pub async fn send_streaming<A: Action>(&self, action: A) -> Result<ChunkStream<A>, Error> {
        let open = Open {
            config: self.stream_config(),
        };
        self.execute(action, None, &open).await
    }
}

/// [`Client::send_streaming`]'s attempt: opens the event stream and waits
/// for its first event, or decodes a JSON answer as [`Client::send`] does.
struct Open<'a> {
    config: &'a StreamConfig,
}

impl<A: Action> Receive<A> for Open<'_> {
    type Output = ChunkStream<A>;

    async fn receive(&self, answer: Answer<'_>) -> Result<(ChunkStream<A>, String), Failure> {
        if !is_event_stream(&answer.response) {
            let (output, request_id) = answer.decode::<A>().await?;
            return Ok((ChunkStream::whole(output, request_id.clone()), request_id));
        }
        let request_id = answer
            .response
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let retry_after = answer.retry_after;
        let mut stream = ChunkStream::events(
            answer.response,
            A::NAME,
            answer.url,
            request_id.clone(),
            self.config,
        );
        stream
            .read_first()
            .await
            .map_err(|error| Failure { error, retry_after })?;
        Ok((stream, request_id))
    }
}

/// A successful `text/event-stream` answer; an error status is read whole,
/// whatever its type, so that it fails the attempt as usual.
fn is_event_stream(response: &reqwest::Response) -> bool {
    let media_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default();
    response.status().is_success() && media_type.trim().eq_ignore_ascii_case("text/event-stream")
}
