//! When to try a failed call again, and how long to wait first. The policy looks
//! only at the error's kind, never at the request.

use std::time::Duration;

use crate::wire::common_code::CommonCode;
use crate::wire::error::{Error, TransportErrorKind};

/// Retry settings. Transient faults (network failures, HTTP 500/502/503/504,
/// `InternalError`) and throttling (see [`THROTTLING_CODES`], and HTTP 429) have separate
/// budgets, so a burst of throttling does not use up the tries meant for outages.
/// Business errors are never retried.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Total attempts for transient faults, the first one included (default 3).
    pub max_attempts: u32,
    /// Total attempts when throttled, the first one included (default 3).
    pub throttle_max_attempts: u32,
    /// Upper bound of the first transient backoff (default 100 ms); doubles each try.
    pub initial_backoff: Duration,
    /// Upper bound of the first backoff after throttling (default 1 s); doubles each try.
    pub throttle_initial_backoff: Duration,
    /// Largest backoff (default 10 s).
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            throttle_max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            throttle_initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(10),
        }
    }
}

impl RetryConfig {
    /// One attempt only.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            throttle_max_attempts: 1,
            ..RetryConfig::default()
        }
    }

    /// Sets the total attempts for transient faults (at least 1).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the total attempts when throttled (at least 1).
    #[must_use]
    pub fn with_throttle_max_attempts(mut self, attempts: u32) -> Self {
        self.throttle_max_attempts = attempts.max(1);
        self
    }

    /// Sets the first backoff bounds for transient faults and throttling.
    #[must_use]
    pub fn with_initial_backoff(mut self, transient: Duration, throttled: Duration) -> Self {
        self.initial_backoff = transient;
        self.throttle_initial_backoff = throttled;
        self
    }

    /// Sets the largest backoff.
    #[must_use]
    pub fn with_max_backoff(mut self, max: Duration) -> Self {
        self.max_backoff = max;
        self
    }
}

/// The codes that mean "too many requests, slow down": `RequestLimitExceeded`
/// and its documented rate-limit sub-codes. Other `RequestLimitExceeded.*`
/// codes are quotas (`CreateDomainLimit`, `BatchTaskLimit`, `CreateUser`)
/// that no retry will lift, so they are not retried. (The official Go SDK
/// retries the bare code only.)
pub const THROTTLING_CODES: &[&str] = &[
    "RequestLimitExceeded",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    "RequestLimitExceeded.IPLimitExceeded",
    "RequestLimitExceeded.RequestLimitExceeded",
    "RequestLimitExceeded.UinLimitExceeded",
];

/// How an error bears on retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RetryClass {
    /// A fault that may well pass.
    Transient,
    /// The service asked us to slow down.
    Throttled,
    /// Retrying cannot help (or is not safe).
    Never,
}

/// Classifies an error for the retry loop.
pub(crate) fn classify(error: &Error) -> RetryClass {
    match error {
        Error::Service(e) => {
            let code = e.code();
            if THROTTLING_CODES.contains(&code) {
                RetryClass::Throttled
            } else if code == "InternalError" || code.starts_with("InternalError.") {
                RetryClass::Transient
            } else {
                match e.common_code() {
                    Some(CommonCode::ServiceUnavailable) => RetryClass::Transient,
                    _ => RetryClass::Never,
                }
            }
        }
        Error::Transport(e) => match e.kind() {
            TransportErrorKind::Tls | TransportErrorKind::CircuitOpen => RetryClass::Never,
            _ => RetryClass::Transient,
        },
        Error::HttpStatus(e) => match e.status() {
            500 | 502 | 503 | 504 => RetryClass::Transient,
            429 => RetryClass::Throttled,
            _ => RetryClass::Never,
        },
        _ => RetryClass::Never,
    }
}

/// Whether the service certainly did not act on the request: it was never
/// sent, or the service refused it for throttling before doing anything.
fn certainly_not_processed(error: &Error) -> bool {
    match error {
        Error::Transport(e) => e.kind() == TransportErrorKind::Connect,
        _ => classify(error) == RetryClass::Throttled,
    }
}

/// The retry budget of one call.
#[derive(Debug)]
pub(crate) struct RetryState<'a> {
    config: &'a RetryConfig,
    repeatable: bool,
    transient_attempts: u32,
    throttle_attempts: u32,
}

impl<'a> RetryState<'a> {
    /// `repeatable`: the call is read-only or carries a `ClientToken`, so the
    /// service acting on it twice is harmless. Other calls are retried only
    /// when the failed attempt certainly was not acted on.
    pub(crate) fn new(config: &'a RetryConfig, repeatable: bool) -> Self {
        RetryState {
            config,
            repeatable,
            transient_attempts: 1,
            throttle_attempts: 1,
        }
    }

    /// After a failed attempt: how long to wait before the next one, or `None`
    /// to give up and return the error.
    pub(crate) fn next_backoff(&mut self, error: &Error) -> Option<Duration> {
        if !self.repeatable && !certainly_not_processed(error) {
            return None;
        }
        let (used, max, initial) = match classify(error) {
            RetryClass::Never => return None,
            RetryClass::Transient => (
                &mut self.transient_attempts,
                self.config.max_attempts,
                self.config.initial_backoff,
            ),
            RetryClass::Throttled => (
                &mut self.throttle_attempts,
                self.config.throttle_max_attempts,
                self.config.throttle_initial_backoff,
            ),
        };
        if *used >= max {
            return None;
        }
        let ceiling = initial
            .saturating_mul(1 << (*used - 1).min(16))
            .min(self.config.max_backoff);
        *used += 1;
        // Full jitter: anywhere in [0, ceiling], so clients that failed together
        // do not come back together.
        Some(ceiling.mul_f64(fastrand::f64()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::error::ServiceError;

    fn service(code: &str) -> Error {
        Error::Service(Box::new(ServiceError::new::<CommonCode>(
            code.into(),
            "m".into(),
            "r".into(),
        )))
    }

    #[test]
    fn budgets_are_separate_and_bounded() {
        let config = RetryConfig::default();
        let mut state = RetryState::new(&config, true);
        let internal = service("InternalError");
        let throttled = service("RequestLimitExceeded.UinLimitExceeded");
        assert!(state.next_backoff(&internal).is_some());
        assert!(state.next_backoff(&throttled).is_some());
        assert!(state.next_backoff(&internal).is_some());
        assert!(
            state.next_backoff(&internal).is_none(),
            "3 transient attempts in total"
        );
        assert!(state.next_backoff(&throttled).is_some());
        assert!(state.next_backoff(&throttled).is_none());
    }

    #[test]
    fn quota_codes_are_not_throttling() {
        for code in THROTTLING_CODES {
            assert_eq!(classify(&service(code)), RetryClass::Throttled, "{code}");
        }
        for code in [
            "RequestLimitExceeded.CreateDomainLimit",
            "RequestLimitExceeded.BatchTaskLimit",
            "RequestLimitExceeded.CreateUser",
            "RequestLimitExceededX",
        ] {
            assert_eq!(classify(&service(code)), RetryClass::Never, "{code}");
        }
    }

    #[test]
    fn business_errors_are_never_retried() {
        let config = RetryConfig::default();
        let mut state = RetryState::new(&config, true);
        for code in [
            "InvalidImageId.NotFound",
            "AuthFailure.SignatureFailure",
            "InvalidParameter",
        ] {
            assert_eq!(state.next_backoff(&service(code)), None, "{code}");
        }
    }

    #[test]
    fn mutating_calls_retry_only_what_was_certainly_not_acted_on() {
        let config = RetryConfig::default();
        let mut state = RetryState::new(&config, false);
        assert_eq!(state.next_backoff(&service("InternalError")), None);
        assert!(
            state
                .next_backoff(&service("RequestLimitExceeded"))
                .is_some()
        );
        let refused = Error::Transport(Box::new(crate::wire::error::TransportError::new(
            TransportErrorKind::Connect,
            "RunInstances",
            "http://127.0.0.1:1/",
            "connection refused",
        )));
        assert!(state.next_backoff(&refused).is_some());
        let broken = Error::Transport(Box::new(crate::wire::error::TransportError::new(
            TransportErrorKind::Io,
            "RunInstances",
            "http://127.0.0.1:1/",
            "connection reset",
        )));
        assert_eq!(state.next_backoff(&broken), None);
    }

    #[test]
    fn backoff_stays_under_its_ceiling() {
        let config = RetryConfig::default().with_max_attempts(10);
        let mut state = RetryState::new(&config, true);
        let internal = service("InternalError");
        for attempt in 0..9 {
            let delay = state.next_backoff(&internal).expect("budget left");
            let ceiling = (Duration::from_millis(100) * (1 << attempt)).min(config.max_backoff);
            assert!(delay <= ceiling, "{delay:?} > {ceiling:?}");
        }
        assert_eq!(state.next_backoff(&internal), None);
    }
}
