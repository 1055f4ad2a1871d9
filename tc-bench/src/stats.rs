//! Latency percentiles and throughput of a load run.

use std::time::Duration;

use serde_json::{Value, json};

use crate::measure::round;

/// What one load run measured.
#[derive(Clone, Debug)]
pub(crate) struct LoadStats {
    /// Completed requests, failed ones included.
    pub requests: usize,
    /// Requests that did not end in a successful response.
    pub errors: usize,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// Latency of every request, microseconds, sorted.
    pub latencies_us: Vec<u32>,
    /// CPU time the whole process used during the run, when known.
    pub cpu: Option<Duration>,
}

impl LoadStats {
    /// Builds the summary, sorting `latencies_us`.
    pub(crate) fn new(
        errors: usize,
        elapsed: Duration,
        mut latencies_us: Vec<u32>,
        cpu: Option<Duration>,
    ) -> Self {
        latencies_us.sort_unstable();
        LoadStats {
            cpu,
            requests: latencies_us.len(),
            errors,
            elapsed,
            latencies_us,
        }
    }

    /// Requests per second over the run.
    pub(crate) fn requests_per_sec(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs == 0.0 {
            0.0
        } else {
            self.requests as f64 / secs
        }
    }

    /// CPU microseconds this process spent per request (0 when unknown).
    pub(crate) fn cpu_us_per_request(&self) -> f64 {
        match self.cpu {
            Some(cpu) if self.requests > 0 => cpu.as_secs_f64() * 1e6 / self.requests as f64,
            _ => 0.0,
        }
    }

    /// The latency below which `p` percent of requests finished (nearest rank).
    pub(crate) fn percentile_us(&self, p: f64) -> u32 {
        percentile(&self.latencies_us, p)
    }

    /// The contract's figures: `requests_per_sec`, `p50_us`, `p99_us`, `errors`.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "requests_per_sec": round(self.requests_per_sec(), 1),
            "p50_us": self.percentile_us(50.0),
            "p99_us": self.percentile_us(99.0),
            "errors": self.errors,
            "cpu_us_per_request": round(self.cpu_us_per_request(), 1),
        })
    }
}

/// Nearest-rank percentile of sorted `values`; 0 when empty.
pub(crate) fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&values, 50.0), 50);
        assert_eq!(percentile(&values, 99.0), 99);
        assert_eq!(percentile(&values, 100.0), 100);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
    }

    #[test]
    fn throughput() {
        let stats = LoadStats::new(
            1,
            Duration::from_secs(2),
            vec![3, 1, 2, 4],
            Some(Duration::from_micros(8)),
        );
        assert_eq!(stats.requests_per_sec(), 2.0);
        assert_eq!(stats.to_json()["p50_us"], 2);
        assert_eq!(stats.to_json()["errors"], 1);
        assert_eq!(stats.cpu_us_per_request(), 2.0);
    }
}
