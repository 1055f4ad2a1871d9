//! Layer 3, the transport: the parts a request goes through between the
//! client and the network. The SDK's name on the wire and TLS (`http`), the
//! HTTP client itself (`http_client`: proxy, trusted roots, or the user's
//! own; it never follows a redirect), endpoints and the default region, the
//! headers a user may add, what a call is at run time (`op`), the request
//! template, size limits, retries, one call's overrides, the circuit breaker,
//! rate and time limits, the service's clock (learnt from its `Date`), the
//! wire log and metrics.

pub(crate) mod breaker;
pub(crate) mod call_settings;
pub(crate) mod clock_skew;
pub(crate) mod endpoint;
pub(crate) mod extra_headers;
#[cfg_attr(not(feature = "test-util"), allow(unreachable_pub))]
pub(crate) mod http;
pub(crate) mod http_client;
pub(crate) mod metrics;
pub(crate) mod op;
pub(crate) mod rate_limit;
pub(crate) mod region;
pub(crate) mod request_limit;
pub(crate) mod request_template;
pub(crate) mod retry;
pub(crate) mod time_limit;
pub(crate) mod wire_log;
