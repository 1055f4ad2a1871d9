//! Who is an image shared with? The seed call, end to end.
//!
//! ```text
//! cargo run -p tcapi-cvm --example describe_image_share_permission -- \
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
//! `--get` sends the same request in its GET form (parameters in the query
//! string), chosen for this one call.
//!
//! Output: the response as JSON with the API's wire names on stdout, exit 0.
//! An API error prints `Code: Message (RequestId: ...)` on stderr, exit 1; any
//! other failure prints one line on stderr, exit 2.

use std::process::ExitCode;
use std::sync::Arc;

use tc_core::Method;
use tc_cvm::{DescribeImageSharePermission, DescribeImageSharePermissionResponse};
use tc_emulator::cvm::ImageSharing;
use tc_emulator::example::{Args, Failure, Target, finish};

#[tokio::main]
async fn main() -> ExitCode {
    finish(run().await)
}

async fn run() -> Result<DescribeImageSharePermissionResponse, Failure> {
    let args = Args::parse(&["image-id", "region", "endpoint"], &["get"])?;
    let image_id = args.value("image-id").unwrap_or("img-6pb6lrmy").to_owned();
    let target = Target::new(args.value("endpoint")).await?;
    if let Some(local) = target.local() {
        // The seed's images, shared as the API page's example says.
        Arc::new(ImageSharing::seeded()).install(local);
    }
    let client = target
        .client_builder()
        .region(args.value("region").unwrap_or("ap-guangzhou"))
        .build()?;
    let method = if args.switch("get") {
        Method::Get
    } else {
        Method::Post
    };
    // Every member is set today; `..Default::default()` keeps this compiling
    // when the spec adds an optional one (see the README's evolution policy).
    #[allow(clippy::needless_update)]
    let request = DescribeImageSharePermission {
        image_id,
        ..Default::default()
    };
    let output = client.call(request).method(method).send().await?;
    Ok(output)
}
