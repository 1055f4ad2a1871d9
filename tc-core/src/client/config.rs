//! The client's [`Config`]: what the builder sets and the client keeps as it
//! is, as reqwest's builder does. The builder holds one and `build` moves it
//! into the client; the client's other parts (HTTP client, endpoint, headers,
//! rate limits, breakers) are made from the builder's remaining settings.

use std::time::Duration;

use crate::client::streaming::StreamConfig;
use crate::transport::request_limit::RequestLimits;
use crate::transport::retry::RetryConfig;
use crate::transport::time_limit::AttemptLimits;
use crate::wire::action::Method;

/// Default limit of a response body: far above any real API 3.0 response.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

/// What each call of a client follows unless the call says otherwise.
#[derive(Clone, Debug)]
pub(crate) struct Config {
    /// Overrides every action's declared method, unless a call says otherwise.
    pub(crate) method: Option<Method>,
    pub(crate) retry: RetryConfig,
    /// The time one attempt may take, to the first byte and to the end.
    pub(crate) limits: AttemptLimits,
    /// The time a whole call, retries included, may take.
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_response_bytes: usize,
    pub(crate) streaming: StreamConfig,
    pub(crate) request_limits: RequestLimits,
    /// Whether a loosely typed value is refused instead of read.
    pub(crate) strict_decoding: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            method: None,
            retry: RetryConfig::default(),
            limits: AttemptLimits {
                first_byte: Duration::from_secs(30),
                attempt: Duration::from_secs(60),
            },
            deadline: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            streaming: StreamConfig::default(),
            request_limits: RequestLimits::default(),
            strict_decoding: false,
        }
    }
}
