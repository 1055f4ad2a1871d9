//! The wire log: every attempt's request and response, secrets redacted.
//!
//! ```text
//! RUST_LOG=tc_core::wire=trace cargo run -p tcapi-core --example wire_log [-- --endpoint URL]
//! ```
//!
//! It installs a `tracing-subscriber` that prints what `RUST_LOG` selects
//! (default `tc_core::wire=trace`), then makes one call by name to the
//! embedded local endpoint (or `--endpoint`). The log shows the method, URL,
//! headers and body of the request, then the status, headers and body of the
//! response; `Authorization`, `X-TC-Token` and secret members read `***`.

use std::process::ExitCode;

use serde_json::json;
use tc_emulator::example::{Args, Failure, Target, finish};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

#[tokio::main]
async fn main() -> ExitCode {
    // `RUST_LOG` in the `target=level,...` form; a full `EnvFilter` (the
    // `env-filter` feature) reads it the same way.
    let directives = std::env::var("RUST_LOG").unwrap_or_else(|_| "tc_core::wire=trace".into());
    let filter: Targets = match directives.parse() {
        Ok(filter) => filter,
        Err(e) => return finish::<()>(Err(Failure::Other(format!("RUST_LOG: {e}")))),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr))
        .init();
    finish(run().await)
}

async fn run() -> Result<serde_json::Value, Failure> {
    let args = Args::parse(&["endpoint"], &[])?;
    let target = Target::new(args.value("endpoint")).await?;
    let client = target.client_builder().region("ap-guangzhou").build()?;
    let out = client
        .send_json(
            "cvm",
            "2017-03-12",
            "DescribeImageSharePermission",
            json!({"ImageId": "img-6pb6lrmy"}),
        )
        .await?;
    Ok(out)
}
