//! The two time limits of one attempt, kept with a single timer: until the
//! response headers, the earlier of the first-byte and the attempt limits;
//! then, for the body, the attempt limit, by moving the same timer.

use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;
use std::time::Duration;

use tokio::time::{Instant, Sleep};

/// Far enough to mean "never", and safe to add to any instant.
const NEVER: Duration = Duration::from_secs(60 * 60 * 24 * 365 * 30);

/// The limits of one attempt, measured from the moment it starts sending.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AttemptLimits {
    /// From sending to the response headers.
    pub(crate) first_byte: Duration,
    /// From sending to the end of the body.
    pub(crate) attempt: Duration,
}

impl AttemptLimits {
    /// A timer that fires when the headers are late.
    pub(crate) fn headers_timer(&self, start: Instant) -> Sleep {
        tokio::time::sleep_until(after(start, self.first_byte.min(self.attempt)))
    }

    /// Moves `timer` to when the body is late.
    pub(crate) fn extend_to_body(&self, timer: Pin<&mut Sleep>, start: Instant) {
        timer.reset(after(start, self.attempt));
    }

    /// Why the headers were late.
    pub(crate) fn headers_late(&self) -> String {
        if self.first_byte <= self.attempt {
            format!(
                "no response within {:?} of sending (first-byte time-out)",
                self.first_byte
            )
        } else {
            format!(
                "no response within {:?} of sending (the attempt's time-out)",
                self.attempt
            )
        }
    }

    /// Why the body was late.
    pub(crate) fn body_late(&self) -> String {
        format!(
            "the response body did not arrive within {:?} of sending (the attempt's time-out)",
            self.attempt
        )
    }
}

/// `start + limit`, or far in the future when that overflows.
pub(crate) fn after(start: Instant, limit: Duration) -> Instant {
    start.checked_add(limit).unwrap_or_else(|| start + NEVER)
}

/// Runs `work` until it finishes (`Some`) or `timer` fires first (`None`).
pub(crate) async fn within<F: Future>(mut timer: Pin<&mut Sleep>, work: F) -> Option<F::Output> {
    let mut work = pin!(work);
    poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        timer.as_mut().poll(cx).map(|()| None)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn one_timer_bounds_headers_then_body() {
        let limits = AttemptLimits {
            first_byte: Duration::from_secs(1),
            attempt: Duration::from_secs(3),
        };
        let start = Instant::now();
        let mut timer = pin!(limits.headers_timer(start));
        let quick = within(
            timer.as_mut(),
            tokio::time::sleep(Duration::from_millis(500)),
        )
        .await;
        assert_eq!(quick, Some(()));
        let slow = within(timer.as_mut(), tokio::time::sleep(Duration::from_secs(5))).await;
        assert_eq!(slow, None, "the first-byte limit fires at 1 s");

        let start = Instant::now();
        let mut timer = pin!(limits.headers_timer(start));
        limits.extend_to_body(timer.as_mut(), start);
        let body = within(timer.as_mut(), tokio::time::sleep(Duration::from_secs(2))).await;
        assert_eq!(body, Some(()), "the body may take until 3 s");
        assert_eq!(Instant::now() - start, Duration::from_secs(2));
    }

    #[test]
    fn messages_name_the_limit_that_applied() {
        let limits = AttemptLimits {
            first_byte: Duration::from_secs(30),
            attempt: Duration::from_millis(200),
        };
        assert!(limits.headers_late().contains("200ms"));
        assert!(limits.body_late().contains("200ms"));
        assert!(
            AttemptLimits {
                attempt: Duration::MAX,
                ..limits
            }
            .headers_late()
            .contains("30s")
        );
        let _ = after(Instant::now(), Duration::MAX);
    }
}
