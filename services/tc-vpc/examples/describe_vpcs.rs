//! List VPCs with VPC `DescribeVpcs`, end to end.
//!
//! ```text
//! cargo run -p tcapi-vpc --example describe_vpcs -- [--vpc-id vpc-xxxxxxxx] [--limit N] \
//!     [--region R] [--endpoint URL]
//! ```
//!
//! Without `--endpoint` it starts the local endpoint in-process, which answers
//! with the API's example response; with `--endpoint` it calls that URL with
//! credentials from the default chain. Output and exit codes: the response as
//! JSON on stdout and 0; `Code: Message (RequestId: ...)` on stderr and 1 for
//! an API error; one line on stderr and 2 for anything else.

use std::process::ExitCode;

use tc_emulator::example::{Args, Failure, Target, finish};
use tc_vpc::{DescribeVpcs, DescribeVpcsResponse};

#[tokio::main]
async fn main() -> ExitCode {
    finish(run().await)
}

async fn run() -> Result<DescribeVpcsResponse, Failure> {
    let args = Args::parse(&["vpc-id", "limit", "region", "endpoint"], &[])?;
    let request = DescribeVpcs {
        vpc_ids: args.value("vpc-id").map(|id| vec![id.to_owned()]),
        // The API takes the page size as text.
        limit: args.value("limit").map(str::to_owned),
        ..DescribeVpcs::default()
    };
    let target = Target::new(args.value("endpoint")).await?;
    let client = target
        .client_builder()
        .region(args.value("region").unwrap_or("ap-guangzhou"))
        .build()?;
    Ok(client.send(request).await?)
}
