//! An optional per-region circuit breaker (off by default): after a run of
//! transient failures it fails calls fast for a cool-down, then lets a single
//! probe through; the probe's success closes it again.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// When the breaker opens and how long it stays open.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CircuitBreakerConfig {
    /// Consecutive transient failures (after retries) that open the breaker (default 5).
    pub failure_threshold: u32,
    /// How long it fails fast before letting a probe through (default 30 s).
    pub cool_down: Duration,
}

impl Default for CircuitBreakerConfig {
    fn default() -> Self {
        CircuitBreakerConfig {
            failure_threshold: 5,
            cool_down: Duration::from_secs(30),
        }
    }
}

impl CircuitBreakerConfig {
    /// Sets the failure count that opens the breaker (at least 1).
    #[must_use]
    pub fn with_failure_threshold(mut self, failures: u32) -> Self {
        self.failure_threshold = failures.max(1);
        self
    }

    /// Sets the cool-down.
    #[must_use]
    pub fn with_cool_down(mut self, cool_down: Duration) -> Self {
        self.cool_down = cool_down;
        self
    }
}

#[derive(Debug)]
enum State {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
    },
    /// One probe is out; everyone else still fails fast.
    Probing,
}

/// Breakers keyed by region.
#[derive(Debug)]
pub(crate) struct CircuitBreakers {
    config: CircuitBreakerConfig,
    states: Mutex<HashMap<String, State>>,
}

/// Why a call was refused without being sent.
#[derive(Debug)]
pub(crate) struct Refused {
    pub(crate) retry_in: Duration,
}

impl CircuitBreakers {
    pub(crate) fn new(config: CircuitBreakerConfig) -> Self {
        CircuitBreakers {
            config,
            states: Mutex::default(),
        }
    }

    /// Asks to send a call to `region`.
    pub(crate) fn admit(&self, region: &str) -> Result<(), Refused> {
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        let state = states
            .entry(region.to_owned())
            .or_insert(State::Closed { failures: 0 });
        match *state {
            State::Closed { .. } => Ok(()),
            State::Open { until } => {
                let now = Instant::now();
                if now >= until {
                    *state = State::Probing;
                    Ok(())
                } else {
                    Err(Refused {
                        retry_in: until - now,
                    })
                }
            }
            State::Probing => Err(Refused {
                retry_in: Duration::ZERO,
            }),
        }
    }

    /// Reports how an admitted call ended: `transient_failure` is true when
    /// it failed in a way that says the region is unwell.
    pub(crate) fn record(&self, region: &str, transient_failure: bool) {
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        let state = states
            .entry(region.to_owned())
            .or_insert(State::Closed { failures: 0 });
        let open = || State::Open {
            until: Instant::now() + self.config.cool_down,
        };
        *state = match (&*state, transient_failure) {
            (_, false) => State::Closed { failures: 0 },
            (State::Probing, true) => open(),
            (State::Closed { failures }, true) if failures + 1 >= self.config.failure_threshold => {
                open()
            }
            (State::Closed { failures }, true) => State::Closed {
                failures: failures + 1,
            },
            (State::Open { until }, true) => State::Open { until: *until },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_then_probes_once() {
        let breakers = CircuitBreakers::new(
            CircuitBreakerConfig::default()
                .with_failure_threshold(2)
                .with_cool_down(Duration::from_millis(30)),
        );
        assert!(breakers.admit("ap-guangzhou").is_ok());
        breakers.record("ap-guangzhou", true);
        assert!(breakers.admit("ap-guangzhou").is_ok());
        breakers.record("ap-guangzhou", true);
        assert!(breakers.admit("ap-guangzhou").is_err(), "open");
        assert!(
            breakers.admit("ap-shanghai").is_ok(),
            "other regions unaffected"
        );
        std::thread::sleep(Duration::from_millis(40));
        assert!(breakers.admit("ap-guangzhou").is_ok(), "the probe");
        assert!(breakers.admit("ap-guangzhou").is_err(), "only one probe");
        breakers.record("ap-guangzhou", true);
        assert!(
            breakers.admit("ap-guangzhou").is_err(),
            "a failed probe reopens"
        );
        std::thread::sleep(Duration::from_millis(40));
        assert!(breakers.admit("ap-guangzhou").is_ok());
        breakers.record("ap-guangzhou", false);
        assert!(
            breakers.admit("ap-guangzhou").is_ok(),
            "a good probe closes"
        );
        assert!(breakers.admit("ap-guangzhou").is_ok());
    }
}
