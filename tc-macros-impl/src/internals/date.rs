//! Calendar dates, for API versions such as `2017-03-12`.

use std::fmt;

/// Why a version string is not a real `YYYY-MM-DD` date.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Not four digits, a dash, two digits, a dash, two digits.
    Format,
    /// The month is not between 01 and 12.
    Month(u32),
    /// The day does not exist in that month.
    Day {
        year: u32,
        month: u32,
        day: u32,
        days_in_month: u32,
    },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateError::Format => f.write_str("it is not in the form YYYY-MM-DD"),
            DateError::Month(month) => write!(f, "there is no month {month:02}"),
            DateError::Day {
                year,
                month,
                day,
                days_in_month,
            } => write!(
                f,
                "there is no day {day:02} in {year:04}-{month:02}, which has {days_in_month} days"
            ),
        }
    }
}

/// Checks that `text` is a real calendar date written `YYYY-MM-DD` (proleptic
/// Gregorian calendar, leap years included).
pub(crate) fn check(text: &str) -> Result<(), DateError> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(DateError::Format);
    }
    let year = number(&bytes[0..4]);
    let month = number(&bytes[5..7]);
    let day = number(&bytes[8..10]);
    if !(1..=12).contains(&month) {
        return Err(DateError::Month(month));
    }
    let days_in_month = days_in_month(year, month);
    if day == 0 || day > days_in_month {
        return Err(DateError::Day {
            year,
            month,
            day,
            days_in_month,
        });
    }
    Ok(())
}

/// The value of a run of ASCII digits (already checked).
fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

fn is_leap_year(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::{DateError, check};

    #[test]
    fn real_dates_pass() {
        for date in [
            "2017-03-12",
            "2018-05-25",
            "2019-01-31",
            "2019-12-31",
            "2020-02-29",
            "2000-02-29",
            "2017-04-30",
        ] {
            assert_eq!(check(date), Ok(()), "{date}");
        }
    }

    #[test]
    fn days_that_do_not_exist_fail() {
        assert_eq!(
            check("2017-02-30"),
            Err(DateError::Day {
                year: 2017,
                month: 2,
                day: 30,
                days_in_month: 28
            })
        );
        // Not leap years: divisible by 100 but not by 400, or not by 4.
        assert!(check("1900-02-29").is_err());
        assert!(check("2019-02-29").is_err());
        assert!(check("2017-04-31").is_err());
        assert!(check("2017-03-00").is_err());
        assert!(check("2017-03-32").is_err());
    }

    #[test]
    fn months_out_of_range_fail() {
        assert_eq!(check("2017-13-01"), Err(DateError::Month(13)));
        assert_eq!(check("2017-00-01"), Err(DateError::Month(0)));
    }

    #[test]
    fn other_shapes_fail() {
        for text in [
            "",
            "2017-3-12",
            "2017/03/12",
            "20170312",
            "2017-03-12 ",
            " 2017-03-12",
            "2017-03-1a",
            "２017-03-12",
            "v2017-03-12",
        ] {
            assert_eq!(check(text), Err(DateError::Format), "{text:?}");
        }
    }

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            check("2017-02-30").unwrap_err().to_string(),
            "there is no day 30 in 2017-02, which has 28 days"
        );
        assert_eq!(
            check("2017-13-01").unwrap_err().to_string(),
            "there is no month 13"
        );
    }
}
