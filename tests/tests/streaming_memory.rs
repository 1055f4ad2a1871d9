//! A stream far longer than any response may be flows through a client in
//! little memory. Alone in its test binary, since it measures the peak memory
//! of the whole process.

mod support;

use serde_json::json;
use support::events::Step;
use support::faults::{Fault, FaultServer};
use tc_core::{Client, Credential};
use tc_hunyuan::ChatCompletions;

fn delta(content: &str, finish: &str) -> String {
    json!({"Choices": [{"Delta": {"Role": "assistant", "Content": content}, "FinishReason": finish}]})
        .to_string()
}

/// Peak resident memory of this process, after resetting the peak (Linux).
fn reset_peak_memory() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    peak_memory()
}

fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[tokio::test]
async fn a_huge_stream_flows_through_little_memory() {
    const EVENTS: usize = 48 * 1024;
    let text = "x".repeat(1000);
    let event = format!("data: {}\n\n", delta(&text, ""));
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-huge"),
        Step::Repeat {
            event: event.clone().into_bytes(),
            times: EVENTS,
            batch: 64,
        },
        Step::event(&delta("", "stop")),
        Step::End,
    ])])
    .await;
    // Far more than a whole response may hold.
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDstream", "stream-key"))
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap();
    let before = reset_peak_memory();
    let chat = ChatCompletions {
        stream: Some(true),
        ..ChatCompletions::default()
    };
    let mut chunks = client.send_streaming(chat).await.unwrap();
    let (mut count, mut bytes, mut last) = (0, 0, String::new());
    while let Some(chunk) = chunks.next().await {
        let choice = chunk.unwrap().choices.unwrap().remove(0);
        count += 1;
        bytes += choice
            .delta
            .and_then(|d| d.content)
            .unwrap_or_default()
            .len();
        last = choice.finish_reason.unwrap_or_default();
    }
    assert_eq!(count, EVENTS + 1);
    assert_eq!(bytes, EVENTS * 1000);
    assert_eq!(last, "stop");
    let streamed = EVENTS * event.len();
    assert!(streamed > 48 * 1024 * 1024, "{streamed}");
    if let (Some(before), Some(after)) = (before, peak_memory()) {
        let grown = after.saturating_sub(before);
        println!("streamed {streamed} bytes; peak memory grew by {grown} bytes");
        assert!(
            grown < 16 * 1024 * 1024,
            "peak memory grew by {grown} bytes"
        );
    }
}
