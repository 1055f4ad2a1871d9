//! tc-mock cannot be tied up by slow clients: 300 connections that send
//! half a request's headers (or nothing) and stall leave it answering others, and are
//! closed once the header limit passes; a body that stalls is refused.

use std::time::{Duration, Instant};

use tc_cvm::DescribeImageSharePermission;
use tc_mock::MockServer;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SLOW: usize = 300;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_300_connection_slowloris_leaves_tc_mock_answering() {
    let mock = MockServer::builder()
        .credential("AKIDslow", "slow-key")
        .read_timeouts(Duration::from_millis(700), Duration::from_secs(5))
        .start()
        .await
        .unwrap();
    let mut slow = Vec::with_capacity(SLOW);
    for i in 0..SLOW {
        let mut stream = TcpStream::connect(mock.addr()).await.unwrap();
        // One in ten sends nothing at all.
        if i % 10 != 0 {
            stream
                .write_all(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-TC-Action: Desc")
                .await
                .unwrap();
        }
        slow.push(stream);
    }
    let client = mock.client_builder().build().unwrap();
    let started = Instant::now();
    client
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );

    // Each slow connection is closed by the endpoint: reading it ends.
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        let mut closed = 0;
        for stream in &mut slow {
            let mut rest = Vec::new();
            if stream.read_to_end(&mut rest).await.is_ok() {
                closed += 1;
            }
        }
        closed
    })
    .await
    .expect("the endpoint closes stalled connections");
    assert_eq!(closed, SLOW);
    client
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_stalled_body_is_refused() {
    let mock = MockServer::builder()
        .credential("AKIDslow", "slow-key")
        .read_timeouts(Duration::from_secs(5), Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let mut stream = TcpStream::connect(mock.addr()).await.unwrap();
    stream
        .write_all(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"a\"")
        .await
        .unwrap();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("answered once the body limit passes")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.contains("RequestTimeout"), "{answer}");
}
