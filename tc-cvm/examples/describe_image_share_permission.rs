//! Who is an image shared with? The seed call, end to end.
//!
//! ```text
//! cargo run -p tc-cvm --example describe_image_share_permission -- \
//!     [--image-id ID] [--region R] [--endpoint URL] [--get]
//! ```
//!
//! Without `--endpoint` it starts the local emulator (`tc-mock`) in-process,
//! with a freshly made key pair and the seed's images, and calls it over HTTP
//! with real TC3 signatures. With `--endpoint` it calls that URL with
//! credentials from the default chain, in this order: the environment
//! (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, optional
//! `TENCENTCLOUD_SESSION_TOKEN`), the profile file (`~/.tencentcloud/credentials`
//! and its kin), OIDC (the `TKE_*` variables), the CVM instance's role. When no
//! source has any, it exits 2 with one line listing each source tried and why.
//! `--get` sends the GET form (parameters in the query string).
//!
//! Output: the response as JSON with the API's wire names on stdout, exit 0.
//! An API error prints `Code: Message (RequestId: ...)` on stderr, exit 1; any
//! other failure prints one line on stderr, exit 2.

use std::process::ExitCode;
use std::sync::Arc;

use tc_core::credential::DefaultChain;
use tc_core::{Client, Error, tc_action};
use tc_cvm::{
    DescribeImageSharePermission, DescribeImageSharePermissionError,
    DescribeImageSharePermissionResponse,
};
use tc_mock::MockServer;
use tc_mock::cvm::ImageSharing;

/// The same call in its GET form: defined here with the attribute, as any user
/// can for any action.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeImageSharePermission",
    method = "GET",
    output = DescribeImageSharePermissionResponse,
    error = DescribeImageSharePermissionError,
    rate_limit = 10
)]
struct DescribeImageSharePermissionGet {
    image_id: String,
}

struct Args {
    image_id: String,
    region: String,
    endpoint: Option<String>,
    get: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        image_id: "img-6pb6lrmy".to_owned(),
        region: "ap-guangzhou".to_owned(),
        endpoint: None,
        get: false,
    };
    let mut argv = std::env::args().skip(1);
    while let Some(flag) = argv.next() {
        let mut value = || argv.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--image-id" => args.image_id = value()?,
            "--region" => args.region = value()?,
            "--endpoint" => args.endpoint = Some(value()?),
            "--get" => args.get = true,
            other => {
                return Err(format!(
                    "unknown argument `{other}` (expected --image-id ID, --region R, --endpoint URL, --get)"
                ));
            }
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&args).await {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(Failure::Api(error)) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
        Err(Failure::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

enum Failure {
    Api(Error),
    Other(String),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::Service(_) => Failure::Api(error),
            other => Failure::Other(other.to_string()),
        }
    }
}

async fn run(args: &Args) -> Result<String, Failure> {
    // Keeps the in-process emulator alive for the duration of the call.
    let mut _local = None;
    let builder = match &args.endpoint {
        // What `Client::builder()` does anyway, spelled out: environment,
        // profile file, OIDC, CVM role.
        Some(url) => Client::builder()
            .endpoint(url.clone())
            .credentials_provider(DefaultChain::from_env()),
        None => {
            let mock = start_local_endpoint().await?;
            let builder = mock.client_builder();
            _local = Some(mock);
            builder
        }
    };
    let client = builder.region(args.region.clone()).build()?;

    let output = if args.get {
        let request = DescribeImageSharePermissionGet {
            image_id: args.image_id.clone(),
        };
        client.send(request).await?
    } else {
        let request = DescribeImageSharePermission {
            image_id: args.image_id.clone(),
        };
        client.send(request).await?
    };
    serde_json::to_string_pretty(&output)
        .map_err(|e| Failure::Other(format!("cannot print the response: {e}")))
}

/// The emulator on an ephemeral loopback port, with a key pair made for this run.
async fn start_local_endpoint() -> Result<MockServer, Failure> {
    let secret_id = format!("AKIDlocal{:016x}", fastrand::u64(..));
    let secret_key = format!("{:032x}", fastrand::u128(..));
    let mock = MockServer::builder()
        .credential(secret_id, secret_key)
        .start()
        .await
        .map_err(|e| Failure::Other(format!("cannot start the local endpoint: {e}")))?;
    Arc::new(ImageSharing::seeded()).install(&mock);
    Ok(mock)
}
