//! UTC calendar arithmetic for the two formats the protocol needs: the signing
//! date (`YYYY-MM-DD`) and ISO 8601 timestamps (`YYYY-MM-DDThh:mm:ssZ`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The UTC calendar date of a Unix timestamp, `YYYY-MM-DD`.
pub fn utc_date(timestamp: u64) -> String {
    let (y, m, d) = civil_from_days(timestamp / 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A Unix timestamp as ISO 8601 UTC, `YYYY-MM-DDThh:mm:ssZ` (the form STS
/// and the metadata service give expiries in; the client only reads it).
#[cfg(any(test, feature = "test-util"))]
pub fn utc_iso8601(timestamp: u64) -> String {
    let (y, m, d) = civil_from_days(timestamp / 86_400);
    let secs = timestamp % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), by the
/// era-based method (400-year cycles of 146 097 days).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_iso8601(1_528_628_570), "2018-06-10T11:02:50Z");
    }

    #[test]
    fn every_day_follows_the_previous_one() {
        // Walk 600 years day by day: dates must strictly increase with no gaps.
        let mut prev = civil_from_days(0);
        for day in 1..(600 * 366) {
            let cur = civil_from_days(day);
            let next_in_month = (prev.0, prev.1, prev.2 + 1);
            let next_month = if prev.1 == 12 {
                (prev.0 + 1, 1, 1)
            } else {
                (prev.0, prev.1 + 1, 1)
            };
            assert!(
                cur == next_in_month || cur == next_month,
                "{prev:?} -> {cur:?}"
            );
            prev = cur;
        }
    }
}
