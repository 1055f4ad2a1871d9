//! The offset between the local clock and the service's, learnt from the
//! `Date` of its responses, so that a device or container with a wrong clock
//! still signs requests the service accepts (a signature is valid for five
//! minutes around the service's time). One per client.

use std::sync::atomic::{AtomicI64, Ordering};

use tc_sign::time::{parse_http_date, unix_now};

/// Below this difference the local clock is trusted: a `Date` has one-second
/// resolution and the response took some time to arrive.
const TRUSTED_WITHIN_SECS: i64 = 60;

/// The service's clock minus the local one, in seconds, as last seen.
#[derive(Debug, Default)]
pub(crate) struct ClockSkew {
    offset: AtomicI64,
}

impl ClockSkew {
    /// The offset now applied to signatures, in seconds.
    pub(crate) fn offset(&self) -> i64 {
        self.offset.load(Ordering::Relaxed)
    }

    /// The time to sign with: the local clock, corrected.
    pub(crate) fn now(&self) -> u64 {
        unix_now().saturating_add_signed(self.offset())
    }

    /// Learns from a response's `Date` header, when it has a readable one,
    /// and returns the difference it shows (service minus local, seconds).
    pub(crate) fn observe(&self, date: Option<&[u8]>) -> Option<i64> {
        let server = parse_http_date(std::str::from_utf8(date?).ok()?)?;
        let local = unix_now();
        let difference = i64::try_from(server).ok()? - i64::try_from(local).ok()?;
        let offset = if difference.abs() < TRUSTED_WITHIN_SECS {
            0
        } else {
            difference
        };
        self.offset.store(offset, Ordering::Relaxed);
        Some(difference)
    }
}

/// How far off the local clock is, in words: "900 s behind the service's".
pub(crate) fn describe(difference: i64) -> String {
    let side = if difference > 0 { "behind" } else { "ahead of" };
    format!(
        "the local clock is {} s {side} the service's (by the response's Date header)",
        difference.unsigned_abs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use tc_sign::time::http_date;

    #[test]
    fn a_far_date_is_learnt_and_a_near_one_trusted() {
        let skew = ClockSkew::default();
        let ahead = http_date(unix_now() + 900);
        let seen = skew.observe(Some(ahead.as_bytes())).unwrap();
        assert!((899..=901).contains(&seen), "{seen}");
        assert_eq!(skew.offset(), seen);
        assert!(skew.now() >= unix_now() + 899);
        // While an offset is kept, so that a change would show.
        assert_eq!(skew.observe(Some(b"garbage")), None);
        assert_eq!(skew.observe(None), None);
        assert_eq!(skew.offset(), seen, "an unreadable Date changes nothing");
        let near = http_date(unix_now() + 5);
        skew.observe(Some(near.as_bytes())).unwrap();
        assert_eq!(skew.offset(), 0);
        assert!(describe(900).contains("900 s behind"));
        assert!(describe(-30).contains("30 s ahead of"));
    }
}
