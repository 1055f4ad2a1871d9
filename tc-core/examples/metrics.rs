//! Call metrics in the Prometheus text format, after a few calls.
//!
//! ```text
//! cargo run -p tcapi-core --features metrics --example metrics
//! ```
//!
//! With the `metrics` feature, tc-core records each call through the
//! `metrics` facade; this example installs `metrics-exporter-prometheus` as
//! the recorder (no HTTP listener: it renders the text itself), makes calls
//! to the embedded local endpoint (some answered, one with a business error,
//! some throttled once and retried), and prints what a scrape would read:
//! calls, attempts, throttled attempts, errors by code and the latency
//! histogram, per service, action and region.

use std::sync::atomic::{AtomicU32, Ordering};

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder};
use serde_json::json;
use tc_core::{RetryConfig, tc_action, tc_model};
use tc_mock::{MockError, MockServer};

/// Who an image is shared with (CVM), as the local endpoint's handler reads it.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeImageSharePermission"
)]
pub struct DescribeImageSharePermission {
    /// The image.
    pub image_id: String,
}

/// The answer.
#[tc_model]
pub struct DescribeImageSharePermissionResponse {
    /// Identifies the call.
    pub request_id: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Latency as a histogram with these bounds (in seconds), not a summary.
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("tencentcloud_call_duration_seconds".into()),
            &[0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0],
        )?
        .install_recorder()?;

    let mock = MockServer::builder()
        .credential("AKIDmetrics", "metrics-key")
        .start()
        .await?;
    // Every third call is throttled once: the client retries it.
    let calls = AtomicU32::new(0);
    mock.on(move |request: DescribeImageSharePermission| {
        if request.image_id == "img-missing" {
            return Err(MockError::new("InvalidImageId.NotFound", "no such image"));
        }
        if calls.fetch_add(1, Ordering::Relaxed) % 3 == 2 {
            return Err(MockError::new("RequestLimitExceeded", "slow down"));
        }
        Ok(DescribeImageSharePermissionResponse {
            request_id: tc_mock::request_id(),
        })
    });
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .retry(RetryConfig::default().with_initial_backoff(
            std::time::Duration::from_millis(5),
            std::time::Duration::from_millis(5),
        ))
        .build()?;
    for _ in 0..5 {
        client
            .send(DescribeImageSharePermission {
                image_id: "img-6pb6lrmy".into(),
            })
            .await?;
    }
    let missing = client
        .send(DescribeImageSharePermission {
            image_id: "img-missing".into(),
        })
        .await;
    assert!(missing.is_err());
    client
        .send_json("cvm", "2017-03-12", "DescribeRegions", json!({}))
        .await?;

    print!("{}", recorder.render());
    Ok(())
}
