//! Client-side rate limiting: an action that declares a limit (`rate_limit = N`
//! on `#[tc_action]`) never sends more than N requests in any one second from
//! one client. Callers over the limit wait for their turn instead of being
//! refused with `RequestLimitExceeded`.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

use crate::wire::error::Name;

/// Key of one action: (service, action).
pub(crate) type ActionKey = (Name, Name);

/// Per-client limiters, one per action, made on first use.
#[derive(Debug, Default)]
pub(crate) struct RateLimits {
    enabled: bool,
    overrides: HashMap<ActionKey, Option<NonZeroU32>>,
    limiters: Mutex<HashMap<ActionKey, Arc<DefaultDirectRateLimiter>>>,
}

impl RateLimits {
    pub(crate) fn new(enabled: bool, overrides: HashMap<ActionKey, Option<NonZeroU32>>) -> Self {
        RateLimits {
            enabled,
            overrides,
            limiters: Mutex::default(),
        }
    }

    /// Waits until the action may send one more request. `declared` is the
    /// action's own limit, which a client-level override replaces.
    pub(crate) async fn acquire(
        &self,
        service: &Name,
        action: &Name,
        declared: Option<NonZeroU32>,
    ) {
        // Most actions have no limit: answer them without a look-up.
        if !self.enabled || (declared.is_none() && self.overrides.is_empty()) {
            return;
        }
        // Free for a typed action, whose names are borrowed.
        let key = (service.clone(), action.clone());
        let Some(per_second) = self.overrides.get(&key).copied().unwrap_or(declared) else {
            return;
        };
        let limiter = Arc::clone(
            self.limiters
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_insert_with(|| Arc::new(limiter(per_second))),
        );
        limiter.until_ready().await;
    }
}

/// Evenly spaced requests, no burst: with a burst, N requests at the end of
/// one second and N at the start of the next would put 2N in a one-second
/// window. The 2% margin keeps network jitter from pushing an (N+1)th request
/// into a window at the server.
fn limiter(per_second: NonZeroU32) -> DefaultDirectRateLimiter {
    let period = Duration::from_secs(1).mul_f64(1.02) / per_second.get();
    let quota = Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(per_second))
        .allow_burst(NonZeroU32::MIN);
    RateLimiter::direct(quota)
}
