//! When temporary credentials expire, from the two forms the services give:
//! `ExpiredTime` (Unix seconds) and `Expiration` (ISO 8601, UTC).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The expiry from `expired_time` when it is set (non-zero), else from
/// `expiration`; `None` when neither is usable.
pub(crate) fn expiry(expired_time: u64, expiration: &str) -> Option<SystemTime> {
    let seconds = if expired_time > 0 {
        expired_time
    } else {
        parse_iso8601(expiration)?
    };
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// `YYYY-MM-DDThh:mm:ssZ` (fractions of a second ignored) to Unix seconds.
fn parse_iso8601(text: &str) -> Option<u64> {
    let text = text.trim().strip_suffix('Z')?;
    let (date, time) = text.split_once('T')?;
    let mut date = date.splitn(3, '-').map(|p| p.parse::<u64>().ok());
    let (year, month, day) = (date.next()??, date.next()??, date.next()??);
    let time = time.split('.').next()?;
    let mut time = time.splitn(3, ':').map(|p| p.parse::<u64>().ok());
    let (hour, minute, second) = (time.next()??, time.next()??, time.next()??);
    if !(1970..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (year ≥ 1970), by the
/// era-based method (400-year cycles of 146 097 days).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use tc_sign::time::utc_iso8601;

    #[test]
    fn round_trips_with_the_formatter() {
        for t in [0, 951_782_400, 1_543_914_376, 1_709_251_199, 4_107_542_399] {
            assert_eq!(parse_iso8601(&utc_iso8601(t)), Some(t), "{t}");
        }
        assert_eq!(
            parse_iso8601("2018-12-04T09:06:16.123Z"),
            Some(1_543_914_376)
        );
    }

    #[test]
    fn prefers_expired_time_and_rejects_nonsense() {
        let at = |s| UNIX_EPOCH + Duration::from_secs(s);
        assert_eq!(expiry(1_543_914_376, "garbage"), Some(at(1_543_914_376)));
        assert_eq!(expiry(0, "2018-12-04T09:06:16Z"), Some(at(1_543_914_376)));
        for bad in [
            "",
            "2018-12-04",
            "2018-13-04T09:06:16Z",
            "2018-12-04T09:06:16",
            "x-y-zTa:b:cZ",
            "1969-01-01T00:00:00Z",
        ] {
            assert_eq!(expiry(0, bad), None, "{bad}");
        }
        // Far beyond any clock: no overflow, no panic.
        let _ = expiry(u64::MAX, "");
    }
}
