//! [`Client::send_streaming`]: the call that returns its answer as a stream
//! of chunks. The stream itself ([`ChunkStream`]) is the parent module's;
//! this is the attempt that opens it.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use super::{ChunkStream, Chunks, StreamConfig, is_event_stream};
use crate::client::{Answer, Client, Failure, Receive};
use crate::transport::call_settings::CallSettings;
use crate::transport::wire_log;
use crate::wire::action::{Action, ErrorCode};
use crate::wire::error::Error;

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
        self.open_streaming(action, &CallSettings::default()).await
    }

    /// A typed streaming call with `settings`.
    pub(crate) async fn open_streaming<A: Action>(
        &self,
        action: A,
        settings: &CallSettings,
    ) -> Result<ChunkStream<A>, Error> {
        let open = Open::<A::Output, A::Error>::new(self.stream_config());
        let chunks = self.send_typed(action, settings, &open).await?;
        Ok(ChunkStream::new(chunks))
    }
}

/// [`Client::send_streaming`]'s attempt: opens the event stream and waits
/// for its first event, or decodes a JSON answer as [`Client::send`] does;
/// chunks are decoded as `T`, a failure's code resolved against `E`.
pub(crate) struct Open<'a, T, E> {
    config: &'a StreamConfig,
    types: PhantomData<fn() -> (T, E)>,
}

impl<'a, T, E> Open<'a, T, E> {
    pub(crate) fn new(config: &'a StreamConfig) -> Self {
        Open {
            config,
            types: PhantomData,
        }
    }
}

impl<T: DeserializeOwned + Send, E: ErrorCode> Receive for Open<'_, T, E> {
    type Output = Chunks<T, E>;

    async fn receive(&self, answer: Answer<'_>) -> Result<(Chunks<T, E>, String), Failure> {
        if !is_event_stream(&answer.response) {
            let action = answer.action.clone();
            let (output, request_id) = answer.decode::<T, E>().await?;
            return Ok((
                Chunks::whole(output, action, request_id.clone()),
                request_id,
            ));
        }
        // The events themselves are the caller's to log.
        wire_log::response(
            answer.response.status().as_u16(),
            answer.response.headers(),
            None,
        );
        let retry_after = answer.retry_after;
        let stream = Chunks::open(
            answer.response,
            answer.action.clone(),
            answer.url,
            answer.trace_id,
            self.config,
            answer.strict,
        )
        .await
        .map_err(|error| Failure { error, retry_after })?;
        let request_id = stream.request_id().to_owned();
        Ok((stream, request_id))
    }
}
