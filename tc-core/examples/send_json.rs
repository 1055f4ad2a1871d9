//! Any action by name, parameters and answer as JSON: for a service or
//! action newer than the shipped crates.
//!
//! ```text
//! cargo run -p tcapi-core --example send_json -- SERVICE VERSION ACTION ['{"Param":"value"}'] \
//!     [--region R] [--endpoint URL] [--stream]
//! cargo run -p tcapi-core --example send_json -- cvm 2017-03-12 DescribeImageSharePermission '{"ImageId":"img-6pb6lrmy"}'
//! ```
//!
//! Without `--endpoint` it calls the embedded local endpoint (`tc-mock`,
//! in-process, real TC3 signatures checked), which answers every action of
//! the shipped services with its documented example and the seed's CVM
//! images with their sharing. With `--endpoint https://cvm.tencentcloudapi.com`
//! it calls that URL with credentials from the default chain (environment,
//! profile file, OIDC, CVM role); the region is `--region`, else
//! `TENCENTCLOUD_REGION` or the profile's, else `ap-guangzhou`. `--stream`
//! prints a streamed answer's chunks, one JSON line each (the parameters
//! must ask for it: `"Stream": true`).
//!
//! Output: the `Response` object as JSON on stdout, exit 0. An API error
//! prints `Code: Message (RequestId: ...)` on stderr, exit 1; any other
//! failure prints one line on stderr, exit 2.

use std::process::ExitCode;
use std::sync::Arc;

use serde_json::Value;
use tc_emulator::cvm::ImageSharing;
use tc_emulator::example::{Args, Failure, Target, exit, finish};

#[tokio::main]
async fn main() -> ExitCode {
    let args = match Args::parse(&["region", "endpoint"], &["stream"]) {
        Ok(args) => args,
        Err(message) => return exit(Err(Failure::Other(message))),
    };
    if args.switch("stream") {
        exit(stream(&args).await)
    } else {
        finish(call(&args).await)
    }
}

/// The service, version, action and parameters of the command line.
fn request(args: &Args) -> Result<(String, String, String, Value), Failure> {
    let [service, version, action, rest @ ..] = args.positional.as_slice() else {
        return Err(Failure::Other(
            "usage: send_json SERVICE VERSION ACTION ['{\"Param\":\"value\"}'] [--region R] [--endpoint URL] [--stream]".into(),
        ));
    };
    let params = match rest {
        [] => Value::Object(serde_json::Map::new()),
        [json] => serde_json::from_str(json)
            .map_err(|e| Failure::Other(format!("the parameters are not JSON: {e}")))?,
        _ => {
            return Err(Failure::Other(
                "give the parameters as one JSON argument".into(),
            ));
        }
    };
    Ok((service.clone(), version.clone(), action.clone(), params))
}

async fn client(args: &Args) -> Result<(Target, tc_core::Client), Failure> {
    let target = Target::new(args.value("endpoint")).await?;
    if let Some(local) = target.local() {
        Arc::new(ImageSharing::seeded()).install(local);
    }
    let mut builder = target.client_builder();
    if let Some(region) = args.value("region") {
        builder = builder.region(region);
    }
    let client = builder.build()?;
    let client = if client.region().is_none() {
        target.client_builder().region("ap-guangzhou").build()?
    } else {
        client
    };
    Ok((target, client))
}

async fn call(args: &Args) -> Result<Value, Failure> {
    let (service, version, action, params) = request(args)?;
    let (_target, client) = client(args).await?;
    Ok(client.send_json(service, version, action, params).await?)
}

async fn stream(args: &Args) -> Result<(), Failure> {
    let (service, version, action, params) = request(args)?;
    let (_target, client) = client(args).await?;
    let mut chunks = client
        .call_json(service, version, action, params)
        .send_streaming()
        .await?;
    while let Some(chunk) = chunks.next().await {
        println!("{}", chunk?);
    }
    Ok(())
}
