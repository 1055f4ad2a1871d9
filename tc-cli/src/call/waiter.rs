//! `--waiter '{"expr": ..., "to": ..., "timeout": N, "interval": M}'`: the
//! call repeated until the JMESPath `expr` of its answer equals `to`, as
//! tccli does (timeout 180 s and interval 5 s unless the profile's `waiter`
//! section or the option says otherwise). Progress goes to stderr so that
//! stdout holds only the final answer.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::Sender;
use crate::config::Profile;
use crate::failure::Failure;
use crate::output::Filter;

/// The longest timeout or interval taken.
const MAX_WAIT: Duration = Duration::from_secs(24 * 60 * 60);
/// The shortest interval between two checks.
const MIN_INTERVAL: Duration = Duration::from_millis(100);

pub(crate) struct Waiter {
    expr: String,
    filter: Filter,
    to: Value,
    timeout: Duration,
    interval: Duration,
}

impl Waiter {
    /// Reads `--waiter`'s JSON, with the profile's defaults.
    pub(crate) fn parse(text: &str, profile: &Profile) -> Result<Waiter, String> {
        let spec: Value =
            serde_json::from_str(text).map_err(|e| format!("--waiter: not valid JSON ({e})"))?;
        let expr = spec
            .get("expr")
            .and_then(Value::as_str)
            .ok_or("--waiter: `expr` (a JMESPath expression) must be given")?;
        let to = spec
            .get("to")
            .ok_or("--waiter: `to` must be given")?
            .clone();
        let seconds = |key: &str, default: f64| -> Result<Duration, String> {
            let value = match spec.get(key) {
                Some(v) => v
                    .as_f64()
                    .ok_or_else(|| format!("--waiter: `{key}` must be a number of seconds"))?,
                None => profile.waiter(key).unwrap_or(default),
            };
            Duration::try_from_secs_f64(value)
                .ok()
                .filter(|d| *d <= MAX_WAIT)
                .ok_or_else(|| format!("--waiter: `{key}` must be 0 to 86400 seconds"))
        };
        let timeout = seconds("timeout", 180.0)?;
        // An interval of 0 would ask the service as fast as it answers.
        let interval = seconds("interval", 5.0)?.clamp(MIN_INTERVAL, timeout.max(MIN_INTERVAL));
        Ok(Waiter {
            expr: expr.to_owned(),
            filter: Filter::new(expr)?,
            to,
            timeout,
            interval,
        })
    }

    pub(crate) async fn run(&self, sender: &Sender<'_>, params: Value) -> Result<Value, Failure> {
        let started = Instant::now();
        loop {
            let answer = sender.send(params.clone()).await?;
            let found = self.filter.apply(&answer)?;
            if found == self.to {
                return Ok(answer);
            }
            if started.elapsed() + self.interval > self.timeout {
                return Err(Failure::Other(format!(
                    "--waiter: `{}` did not become {} within {} s; last: {found}",
                    self.expr,
                    self.to,
                    self.timeout.as_secs_f64()
                )));
            }
            eprintln!("waiting: `{}` is {found}", self.expr);
            tokio::time::sleep(self.interval).await;
        }
    }
}
