//! Call metrics through the `metrics` facade (the `metrics` feature), for
//! whichever recorder the program installs (Prometheus, StatsD, ...). Every
//! series is labelled `service`, `action` and `region`:
//!
//! | name | kind | what |
//! |---|---|---|
//! | `tencentcloud_calls_total` | counter | calls, with `outcome` = `ok` or `error` |
//! | `tencentcloud_call_errors_total` | counter | failed calls, with `code`: the service's error code, else the kind (`transport`, `http_status`, `decode`, `credentials`, `build`) |
//! | `tencentcloud_call_duration_seconds` | histogram | a call's time, retries and waits included |
//! | `tencentcloud_attempts_total` | counter | attempts (more than calls when retried) |
//! | `tencentcloud_throttled_attempts_total` | counter | attempts answered with throttling (`RequestLimitExceeded*`, HTTP 429) |
//!
//! Without the feature these functions are empty and cost nothing.

use std::time::Duration;

use crate::transport::op::Op;
use crate::wire::error::Error;

/// Counts one finished call.
#[cfg(feature = "metrics")]
pub(crate) fn call(op: &Op, region: &str, elapsed: Duration, error: Option<&Error>) {
    let labels = labels(op, region);
    let outcome = if error.is_some() { "error" } else { "ok" };
    let mut with_outcome = labels.to_vec();
    with_outcome.push(("outcome", outcome.to_owned()));
    metrics::counter!("tencentcloud_calls_total", &with_outcome).increment(1);
    metrics::histogram!("tencentcloud_call_duration_seconds", &labels)
        .record(elapsed.as_secs_f64());
    if let Some(error) = error {
        let mut with_code = labels.to_vec();
        with_code.push(("code", code(error)));
        metrics::counter!("tencentcloud_call_errors_total", &with_code).increment(1);
    }
}

/// Counts one attempt, and whether it was throttled.
#[cfg(feature = "metrics")]
pub(crate) fn attempt(op: &Op, region: &str, throttled: bool) {
    let labels = labels(op, region);
    metrics::counter!("tencentcloud_attempts_total", &labels).increment(1);
    if throttled {
        metrics::counter!("tencentcloud_throttled_attempts_total", &labels).increment(1);
    }
}

#[cfg(feature = "metrics")]
fn labels(op: &Op, region: &str) -> [(&'static str, String); 3] {
    [
        ("service", op.service.to_string()),
        ("action", op.name.to_string()),
        ("region", region.to_owned()),
    ]
}

/// The error's label: the service's code, else its kind.
#[cfg(feature = "metrics")]
fn code(error: &Error) -> String {
    if let Some(code) = error.code() {
        return code.to_owned();
    }
    match error {
        Error::Transport(_) => "transport",
        Error::HttpStatus(_) => "http_status",
        Error::Decode(_) => "decode",
        Error::Credentials(_) => "credentials",
        Error::Build(_) => "build",
        _ => "other",
    }
    .to_owned()
}

#[cfg(not(feature = "metrics"))]
pub(crate) fn call(_: &Op, _: &str, _: Duration, _: Option<&Error>) {}

#[cfg(not(feature = "metrics"))]
pub(crate) fn attempt(_: &Op, _: &str, _: bool) {}
