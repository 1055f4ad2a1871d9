//! Streaming calls: an answer that arrives as server-sent events (Hunyuan
//! `ChatCompletions` with `Stream: true`), typed chunk by chunk.
//!
//! The request takes the path of [`Client::send`](crate::Client::send): rate limit, credentials,
//! signing, time limits, retries. The call stays an ordinary one until the
//! stream's first event has arrived, so failures up to then (an error
//! envelope, throttling, a broken connection) are retried by the usual rules;
//! once [`Client::send_streaming`](crate::Client::send_streaming) has
//! returned, nothing is sent again. The stream and its decoders are here, with
//! the attempt that opens it (`send`).

mod chunks;
mod json;
mod send;
#[cfg_attr(not(feature = "test-util"), allow(unreachable_pub))]
pub(crate) mod sse;

use std::time::Duration;

pub use chunks::ChunkStream;
pub(crate) use chunks::Chunks;
pub(crate) use chunks::is_event_stream;
pub use json::JsonStream;
pub(crate) use send::Open;

/// Settings of [`Client::send_streaming`](crate::Client::send_streaming) (see
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
    /// Longest wait, from the stream's headers, for its first event with
    /// data (default 60 s): comments (`: ping`) and empty keep-alive events
    /// do not count, so a stream that only keeps itself alive still ends,
    /// with a time-out, while the call is an attempt and may be retried.
    pub first_event_timeout: Duration,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            idle_timeout: Duration::from_secs(60),
            max_event_bytes: 1024 * 1024,
            first_event_timeout: Duration::from_secs(60),
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

    /// Sets the limit on the wait for the first event.
    #[must_use]
    pub fn with_first_event_timeout(mut self, timeout: Duration) -> Self {
        self.first_event_timeout = timeout;
        self
    }

    /// Sets the size limit of one line or event.
    #[must_use]
    pub fn with_max_event_bytes(mut self, max: usize) -> Self {
        self.max_event_bytes = max;
        self
    }
}
