//! The seed's "10 requests per second" enforced on the client: concurrent
//! callers wait for their turn.

mod support;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use support::faults::{Fault, FaultServer};
use tc_core::{Action, Client, Credential};
use tc_cvm::DescribeImageSharePermission;

const OK: &str = r#"{"Response":{"SharePermissionSet":[],"RequestId":"r"}}"#;

fn seed() -> DescribeImageSharePermission {
    DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    }
}

fn builder(server: &FaultServer) -> tc_core::ClientBuilder {
    Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDrate", "rate-key"))
}

/// The most arrivals inside any window of `window` length.
fn busiest_window(arrivals: &[Instant], window: Duration) -> usize {
    let mut sorted = arrivals.to_vec();
    sorted.sort();
    (0..sorted.len())
        .map(|i| {
            sorted[i..]
                .iter()
                .take_while(|t| **t - sorted[i] < window)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_never_exceed_ten_per_second() {
    assert_eq!(
        DescribeImageSharePermission::RATE_LIMIT,
        NonZeroU32::new(10)
    );
    let server = FaultServer::start(vec![Fault::respond(200, OK)]).await;
    let client = builder(&server).build().unwrap();
    let started = Instant::now();
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(seed()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    let elapsed = started.elapsed();
    let arrivals: Vec<Instant> = server.arrivals().iter().map(|a| a.at).collect();
    assert_eq!(arrivals.len(), 50);
    let busiest = busiest_window(&arrivals, Duration::from_secs(1));
    println!("50 calls in {elapsed:?}; busiest one-second window: {busiest} requests");
    assert!(busiest <= 10, "{busiest} requests in one second");
    // 50 evenly spaced requests at 10/s span at least 4.9 s.
    assert!(elapsed >= Duration::from_millis(4900), "{elapsed:?}");
}

#[tokio::test]
async fn the_limit_can_be_overridden_or_disabled_per_client() {
    let server = FaultServer::start(vec![Fault::respond(200, OK)]).await;
    let client = builder(&server)
        .action_rate_limit::<DescribeImageSharePermission>(NonZeroU32::new(2))
        .build()
        .unwrap();
    let started = Instant::now();
    for _ in 0..3 {
        client.send(seed()).await.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "2/s: the third call waits"
    );

    for disabled in [
        builder(&server).rate_limits(false).build().unwrap(),
        builder(&server)
            .action_rate_limit::<DescribeImageSharePermission>(None)
            .build()
            .unwrap(),
    ] {
        let before = server.attempts();
        let calls: Vec<_> = (0..30)
            .map(|_| {
                let client = disabled.clone();
                tokio::spawn(async move { client.send(seed()).await })
            })
            .collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
        let arrivals: Vec<Instant> = server.arrivals()[before..].iter().map(|a| a.at).collect();
        assert!(
            busiest_window(&arrivals, Duration::from_secs(1)) > 10,
            "no limiter in the way"
        );
    }
}
