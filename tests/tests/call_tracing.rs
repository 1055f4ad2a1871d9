//! The client's tracing: a span per call (service, action, region, RequestId)
//! and per attempt, and never a secret, even at TRACE level with retries.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use support::{Reply, describe_image, scripted};
use tc_core::{Client, Credential, RetryConfig};

const SECRET_KEY: &str = "SECRET-KEY-MARKER-tracing";
const TOKEN: &str = "TOKEN-MARKER-tracing";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_name_the_call_and_never_a_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = scripted(vec![
        Reply::api_error("InternalError", "try again", "rid-first"),
        Reply::ok(r#"{"Response":{"SharePermissionSet":[],"RequestId":"rid-second"}}"#),
    ])
    .await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .region("ap-guangzhou")
        .credential(Credential::new("AKIDtracing", SECRET_KEY).with_token(TOKEN))
        .retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(1), Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    client.send(describe_image()).await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "tc.call",
        "tc.attempt",
        "service=\"cvm\"",
        "action=\"DescribeImageSharePermission\"",
        "region=\"ap-guangzhou\"",
        "trace_id=\"",
        "rpc.system=\"tencentcloud\"",
        "rpc.service=\"cvm\"",
        "rpc.method=\"DescribeImageSharePermission\"",
        "attempt=2",
        "rid-second",
        "retrying",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        !text.contains(SECRET_KEY) && !text.contains(TOKEN),
        "a secret leaked:\n{text}"
    );
}
