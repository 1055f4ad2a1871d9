//! Timing of short operations: batches long enough for the clock to be
//! negligible, interleaved with a baseline so that both see the same machine
//! load, and the median over rounds.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long one timed batch lasts, at least.
const BATCH: Duration = Duration::from_millis(20);

/// Calls `op` `iterations` times and returns the mean nanoseconds per call.
fn time_batch<T>(op: &mut impl FnMut() -> T, iterations: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(op());
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

/// How many calls of `op` fill one batch.
fn calibrate<T>(op: &mut impl FnMut() -> T) -> u64 {
    let mut iterations = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(op());
        }
        if start.elapsed() >= BATCH / 4 || iterations >= 1 << 40 {
            return iterations.saturating_mul(4);
        }
        iterations *= 2;
    }
}

/// Times every operation of `ops` over `rounds` rounds, interleaved (each round
/// runs one batch of each, in order), and returns each one's median
/// nanoseconds per call.
pub(crate) fn interleaved(rounds: usize, ops: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    let iterations: Vec<u64> = ops.iter_mut().map(calibrate).collect();
    let mut samples = vec![Vec::with_capacity(rounds); ops.len()];
    for _ in 0..rounds.max(1) {
        for ((op, n), out) in ops.iter_mut().zip(&iterations).zip(&mut samples) {
            out.push(time_batch(op, *n));
        }
    }
    samples.iter_mut().map(|s| median(s)).collect()
}

/// The median of `values` (sorted in place); 0 when empty.
pub(crate) fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// `value / baseline`, rounded to three decimals (0 when the baseline is 0).
pub(crate) fn ratio(value: f64, baseline: f64) -> f64 {
    if baseline == 0.0 {
        0.0
    } else {
        round(value / baseline, 3)
    }
}

/// `value` rounded to `decimals` decimals.
pub(crate) fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), 0.0);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn ratios() {
        assert_eq!(ratio(3.0, 2.0), 1.5);
        assert_eq!(ratio(1.0, 0.0), 0.0);
        assert_eq!(round(1.23456, 2), 1.23);
    }

    #[test]
    fn times_every_operation() {
        let (mut a, mut b) = (0u64, 0u64);
        let times = interleaved(2, &mut [&mut || a += 1, &mut || b += 1]);
        assert_eq!(times.len(), 2);
        assert!(a > 0 && b > 0);
    }
}
