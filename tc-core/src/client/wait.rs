//! Waiting for a state: the same describing call repeated, with growing
//! pauses, until the answer says the resource is ready, that it failed, or
//! the time is up ([`Client::wait_until`]).

use std::time::{Duration, Instant};

use crate::client::Client;
use crate::wire::action::Action;
use crate::wire::error::{Error, WaitErrorKind};

/// What one answer says about the state being waited for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaitState {
    /// The state is reached: the wait ends with this answer.
    Ready,
    /// Not yet; the text says what was seen (it ends up in a time-out error).
    Pending(String),
    /// The state will never be reached (a failed launch, a deleted disk): the
    /// wait ends at once with an error carrying the text.
    Failed(String),
}

/// How long and how often to ask.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct WaitConfig {
    /// The pause before the second call (default 1 s); it doubles after each
    /// call up to `max_delay`; each pause is drawn between half of it and all
    /// of it, so that many waiters do not ask in step.
    pub initial_delay: Duration,
    /// The longest pause between two calls (default 15 s).
    pub max_delay: Duration,
    /// The longest the whole wait may take (default 5 minutes).
    pub timeout: Duration,
}

impl Default for WaitConfig {
    fn default() -> Self {
        WaitConfig {
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(15),
            timeout: Duration::from_secs(300),
        }
    }
}

impl WaitConfig {
    /// Sets the pause before the second call.
    #[must_use]
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// Sets the longest pause between two calls.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets the longest the whole wait may take.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

impl Client {
    /// Sends `action` again and again until `condition` says the answer is
    /// [`WaitState::Ready`] (and returns that answer), says the state will
    /// never come ([`WaitState::Failed`]), or `config.timeout` is up. Each
    /// call is an ordinary one (retries and rate limits apply); an error from
    /// one ends the wait with that error.
    ///
    /// # Errors
    /// [`Error::Wait`] when the wait fails or times out, with the last state
    /// seen; otherwise the failing call's error.
    pub async fn wait_until<A, F>(
        &self,
        action: A,
        mut condition: F,
        config: WaitConfig,
    ) -> Result<A::Output, Error>
    where
        A: Action + Clone,
        F: FnMut(&A::Output) -> WaitState,
    {
        let started = Instant::now();
        let mut delay = config.initial_delay;
        let mut calls = 0;
        loop {
            let output = self.send(action.clone()).await?;
            calls += 1;
            let end = |kind, last_state| {
                Err(Error::wait(
                    kind,
                    A::NAME,
                    started.elapsed(),
                    calls,
                    last_state,
                ))
            };
            let pending = match condition(&output) {
                WaitState::Ready => return Ok(output),
                WaitState::Failed(state) => return end(WaitErrorKind::Failed, state),
                WaitState::Pending(state) => state,
            };
            let pause = jittered(delay);
            if started.elapsed() + pause > config.timeout {
                return end(WaitErrorKind::TimedOut, pending);
            }
            tokio::time::sleep(pause).await;
            // A zero first pause must still grow.
            delay = (delay * 2)
                .max(Duration::from_millis(1))
                .min(config.max_delay);
        }
    }
}

/// A pause between half of `delay` and all of it, so that many waiters do not
/// ask in step.
fn jittered(delay: Duration) -> Duration {
    delay.mul_f64(0.5 + fastrand::f64() / 2.0)
}
