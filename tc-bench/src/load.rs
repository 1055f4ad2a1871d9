//! `tc-bench load`: `DescribeImageSharePermission` calls against an endpoint
//! (normally `tc-mock` on loopback), through the SDK's [`Client`] or, with
//! `--baseline raw`, through a bare reqwest client that sends bytes signed once
//! before the run; `--compare` alternates both in one run. `--raw-timeouts`
//! gives the baseline the client's default time limits, to tell their cost
//! apart.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::{Value, json};
use tc_core::{Client, RetryConfig};
use tc_cvm::DescribeImageSharePermission;

use crate::args::Args;
use crate::cpu::process_cpu_time;
use crate::measure::{median, ratio, round};
use crate::raw::RawRequest;
use crate::stats::LoadStats;

/// The options `load` accepts.
pub(crate) const OPTIONS: &[&str] = &[
    "endpoint",
    "requests",
    "concurrency",
    "baseline",
    "rounds",
    "warmup",
    "image-id",
    "region",
];
/// The switches `load` accepts.
pub(crate) const SWITCHES: &[&str] = &["compare", "raw-timeouts"];

/// What a run sends requests through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Client,
    Raw,
}

struct Settings {
    endpoint: String,
    requests: usize,
    concurrency: usize,
    warmup: usize,
    rounds: usize,
    image_id: String,
    region: String,
    raw_timeouts: bool,
}

/// Runs the load and returns the report.
pub(crate) fn run(args: &Args) -> Result<Value, String> {
    let settings = Settings {
        endpoint: args
            .text("endpoint")
            .ok_or("--endpoint URL is required")?
            .to_owned(),
        requests: args.number("requests", 20_000)?,
        concurrency: args.number::<usize>("concurrency", 1)?.max(1),
        warmup: args.number("warmup", 500)?,
        rounds: args.number::<usize>("rounds", 3)?.max(1),
        image_id: args.text("image-id").unwrap_or("img-6pb6lrmy").to_owned(),
        region: args.text("region").unwrap_or("ap-guangzhou").to_owned(),
        raw_timeouts: args.switch("raw-timeouts"),
    };
    let mode = match args.text("baseline") {
        None => Mode::Client,
        Some("raw") => Mode::Raw,
        Some(other) => return Err(format!("--baseline `{other}`: the only baseline is `raw`")),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        if args.switch("compare") {
            compare(&settings).await
        } else {
            let stats = measure(&settings, mode, settings.requests, settings.warmup).await?;
            let mut report = stats.to_json();
            report["mode"] = json!(if mode == Mode::Raw { "raw" } else { "client" });
            report["concurrency"] = json!(settings.concurrency);
            report["requests"] = json!(stats.requests);
            Ok(report)
        }
    })
}

/// Alternates raw and client rounds; reports the client's medians with the
/// raw baseline's beside them.
async fn compare(settings: &Settings) -> Result<Value, String> {
    let mut client_runs = Vec::new();
    let mut raw_runs = Vec::new();
    for round in 0..settings.rounds {
        let warmup = if round == 0 { settings.warmup } else { 0 };
        raw_runs.push(measure(settings, Mode::Raw, settings.requests, warmup).await?);
        client_runs.push(measure(settings, Mode::Client, settings.requests, warmup).await?);
    }
    let client = median_run(&client_runs);
    let raw = median_run(&raw_runs);
    let mut report = client.to_json();
    report["errors"] = json!(client_runs.iter().map(|s| s.errors).sum::<usize>());
    report["baseline_requests_per_sec"] = json!(round(raw.requests_per_sec(), 1));
    report["baseline_p50_us"] = json!(raw.percentile_us(50.0));
    report["baseline_p99_us"] = json!(raw.percentile_us(99.0));
    report["baseline_errors"] = json!(raw_runs.iter().map(|s| s.errors).sum::<usize>());
    report["ratio"] = json!(ratio(client.requests_per_sec(), raw.requests_per_sec()));
    let cpu = |runs: &[LoadStats]| {
        let mut values: Vec<f64> = runs.iter().map(LoadStats::cpu_us_per_request).collect();
        median(&mut values)
    };
    let (client_cpu, raw_cpu) = (cpu(&client_runs), cpu(&raw_runs));
    report["cpu_us_per_request"] = json!(round(client_cpu, 1));
    report["baseline_cpu_us_per_request"] = json!(round(raw_cpu, 1));
    report["cpu_ratio"] = json!(ratio(client_cpu, raw_cpu));
    let per_round = |figure: fn(&LoadStats) -> f64| {
        let mut ratios: Vec<f64> = client_runs
            .iter()
            .zip(&raw_runs)
            .map(|(c, r)| figure(c) / figure(r))
            .collect();
        round(median(&mut ratios), 3)
    };
    report["median_round_ratio"] = json!(per_round(LoadStats::requests_per_sec));
    // Tail latency moves from round to round with the machine: compared round by round.
    report["p99_ratio"] = json!(per_round(|s| f64::from(s.percentile_us(99.0))));
    report["concurrency"] = json!(settings.concurrency);
    report["requests"] = json!(settings.requests);
    report["rounds"] = json!(settings.rounds);
    Ok(report)
}

/// The run with the median throughput.
fn median_run(runs: &[LoadStats]) -> LoadStats {
    let mut sorted: Vec<&LoadStats> = runs.iter().collect();
    sorted.sort_by(|a, b| a.requests_per_sec().total_cmp(&b.requests_per_sec()));
    sorted[sorted.len() / 2].clone()
}

/// Warms up, then sends `requests` requests in `mode`.
async fn measure(
    settings: &Settings,
    mode: Mode,
    requests: usize,
    warmup: usize,
) -> Result<LoadStats, String> {
    match mode {
        Mode::Client => {
            let client = Client::builder()
                .endpoint(&settings.endpoint)
                .region(&settings.region)
                // Measure the call path, not the seed's 10/s limit or retries.
                .rate_limits(false)
                .retry(RetryConfig::disabled())
                .build()
                .map_err(|e| format!("cannot build the client: {e}"))?;
            let image_id: Arc<str> = settings.image_id.as_str().into();
            let call = move || {
                let client = client.clone();
                let image_id = Arc::clone(&image_id);
                async move {
                    client
                        .send(DescribeImageSharePermission {
                            image_id: image_id.to_string(),
                        })
                        .await
                        .map(drop)
                        .map_err(|e| e.to_string())
                }
            };
            check(call.clone()).await?;
            drive(warmup, settings.concurrency, call.clone()).await;
            Ok(drive(requests, settings.concurrency, call).await)
        }
        Mode::Raw => {
            // Signed now, close to the run, as the endpoint allows 5 minutes of skew.
            let raw = Arc::new(RawRequest::signed(
                &settings.endpoint,
                &settings.region,
                &settings.image_id,
                settings.raw_timeouts,
            )?);
            let call = move || {
                let raw = Arc::clone(&raw);
                async move { raw.send().await }
            };
            check(call.clone()).await?;
            drive(warmup, settings.concurrency, call.clone()).await;
            Ok(drive(requests, settings.concurrency, call).await)
        }
    }
}

/// One call that must succeed, so that a misconfigured run fails loudly
/// instead of measuring error responses.
async fn check<F, Fut>(call: F) -> Result<(), String>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    call()
        .await
        .map_err(|e| format!("the first request failed: {e}"))
}

/// Sends `requests` calls from `concurrency` tasks and times each.
async fn drive<F, Fut>(requests: usize, concurrency: usize, call: F) -> LoadStats
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let cpu_before = process_cpu_time();
    let start = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let next = Arc::clone(&next);
            let call = call.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(requests / concurrency + 1);
                let mut errors = 0usize;
                while next.fetch_add(1, Ordering::Relaxed) < requests {
                    let sent = Instant::now();
                    if call().await.is_err() {
                        errors += 1;
                    }
                    let micros = sent.elapsed().as_micros();
                    latencies.push(u32::try_from(micros).unwrap_or(u32::MAX));
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(requests);
    let mut errors = 0;
    for task in tasks {
        // A task only ends by finishing its loop; a panic is a bug worth seeing.
        let (mine, failed) = task.await.expect("load task panicked");
        latencies.extend(mine);
        errors += failed;
    }
    let elapsed = start.elapsed();
    let cpu = process_cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    LoadStats::new(errors, elapsed, latencies, cpu)
}
