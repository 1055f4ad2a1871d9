//! Launch instances, wait for them, list everything, stop them: the paginator
//! and the waiters, end to end.
//!
//! ```text
//! cargo run -p tcapi-cvm --example run_and_wait -- [--count N] [--page-size N] \
//!     [--region R] [--endpoint URL]
//! ```
//!
//! Without `--endpoint` it starts the local endpoint in-process, with CVM
//! instances that take a moment to launch and to stop, and seven already
//! running. It runs `--count` instances (3), waits until they are all
//! `RUNNING`, lists every instance a page of `--page-size` (4) at a time, then
//! stops its own and waits until they are `STOPPED`, printing each step with
//! its time. With `--endpoint` it does the same against that URL with
//! credentials from the default chain (mind that it really launches
//! instances there). Exit codes: 0 success; 1 an API error, printed as
//! `Code: Message (RequestId: ...)`; 2 anything else.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tc_cvm::models::{Instance, Placement};
use tc_cvm::waiters::{instances_running, instances_stopped};
use tc_cvm::{Client, DescribeInstances, RunInstances, StopInstances, WaitConfig};
use tc_emulator::cvm::{InstanceTimings, Instances};
use tc_emulator::example::{Args, Failure, Target, exit};

#[tokio::main]
async fn main() -> ExitCode {
    exit(run().await)
}

/// Prints one step with the time since `start`.
fn step(start: Instant, what: impl std::fmt::Display) {
    println!("[{:>6.2} s] {what}", start.elapsed().as_secs_f64());
}

async fn run() -> Result<(), Failure> {
    let args = Args::parse(&["count", "page-size", "region", "endpoint"], &[])?;
    let number = |name: &str, default: i64| {
        args.value(name)
            .map_or(Ok(default), str::parse)
            .map_err(|e| Failure::Other(format!("--{name}: {e}")))
    };
    let (count, page_size) = (number("count", 3)?, number("page-size", 4)?);
    let target = Target::new(args.value("endpoint")).await?;
    if let Some(local) = target.local() {
        let instances = Arc::new(Instances::new(InstanceTimings {
            launch: Duration::from_millis(1500),
            stop: Duration::from_millis(600),
            terminate: Duration::from_millis(600),
        }));
        instances.seed_running(7);
        instances.install(local);
    }
    let client: Client = target
        .client_builder()
        .region(args.value("region").unwrap_or("ap-guangzhou"))
        .build()?;
    let start = Instant::now();
    let wait = WaitConfig::default()
        .initial_delay(Duration::from_millis(200))
        .max_delay(Duration::from_secs(2))
        .timeout(Duration::from_secs(120));

    let ran = client
        .send(RunInstances {
            instance_count: Some(count),
            instance_type: Some("S5.SMALL1".to_owned()),
            image_id: Some("img-6pb6lrmy".to_owned()),
            placement: Some(Placement {
                zone: "ap-guangzhou-6".to_owned(),
                ..Placement::default()
            }),
            instance_name: Some("run-and-wait".to_owned()),
            ..RunInstances::default()
        })
        .await?;
    let ids = ran.instance_id_set;
    step(
        start,
        format_args!("RunInstances: {} launching ({})", ids.len(), ids.join(", ")),
    );

    instances_running(&client, &ids, wait.clone()).await?;
    step(start, format_args!("all {} RUNNING", ids.len()));

    let mut pages = client.paginate(DescribeInstances {
        limit: Some(page_size),
        ..DescribeInstances::default()
    });
    let mut listed: Vec<Instance> = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next_page().await {
        let page = page?;
        page_count += 1;
        step(
            start,
            format_args!(
                "page {page_count}: {} instances of {}",
                page.instance_set.len(),
                page.total_count
            ),
        );
        listed.extend(page.instance_set);
    }
    let running = listed
        .iter()
        .filter(|i| i.instance_state == "RUNNING")
        .count();
    step(
        start,
        format_args!(
            "listed {} instances in {page_count} pages, {running} RUNNING",
            listed.len()
        ),
    );

    client
        .send(StopInstances {
            instance_ids: ids.clone(),
            ..StopInstances::default()
        })
        .await?;
    step(start, "StopInstances: stopping");
    instances_stopped(&client, &ids, wait).await?;
    step(start, format_args!("all {} STOPPED", ids.len()));
    Ok(())
}
