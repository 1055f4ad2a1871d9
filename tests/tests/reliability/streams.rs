//! A stream that only keeps itself alive (`: ping` comments, empty events)
//! ends with a time-out instead of holding `send_streaming` forever.

use std::time::{Duration, Instant};

use tc_core::{Client, Credential, RetryConfig, StreamConfig, TransportErrorKind};
use tc_hunyuan::ChatCompletions;
use tc_hunyuan::models::Message;

use crate::support::events::Step;
use crate::support::faults::{Fault, FaultServer};
use crate::support::transport_kind;

fn chat() -> ChatCompletions {
    ChatCompletions {
        model: "hunyuan-turbos-latest".into(),
        messages: vec![Message {
            role: Some("user".into()),
            content: Some("Say hello".into()),
            ..Message::default()
        }],
        stream: Some(true),
        ..ChatCompletions::default()
    }
}

/// Keep-alives every 20 ms for `pings` rounds, then `last`.
fn pings(pings: usize, last: Vec<Step>) -> Fault {
    let mut steps = vec![Step::event_stream("rid-pings")];
    for i in 0..pings {
        let keep_alive: &[u8] = if i % 2 == 0 {
            b": ping\n\n"
        } else {
            b"data:\n\n"
        };
        steps.push(Step::send(keep_alive));
        steps.push(Step::Pause(Duration::from_millis(20)));
    }
    steps.extend(last);
    Fault::Steps(steps)
}

fn client(server: &FaultServer) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDpings", "pings-key"))
        .retry(RetryConfig::disabled())
        .streaming(
            StreamConfig::default()
                .with_idle_timeout(Duration::from_millis(200))
                .with_first_event_timeout(Duration::from_millis(400)),
        )
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_ping_only_stream_times_out() {
    let server = FaultServer::start(vec![pings(500, vec![Step::End])]).await;
    let started = Instant::now();
    let error = client(&server).send_streaming(chat()).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    let text = error.to_string();
    assert!(
        text.contains("first_event_timeout") && text.contains("rid-pings"),
        "{text}"
    );
}

#[tokio::test]
async fn pings_before_a_prompt_first_event_are_fine() {
    let event = r#"{"Choices":[{"Delta":{"Role":"assistant","Content":"Hi"},"FinishReason":"stop"}],"Id":"x"}"#;
    let server = FaultServer::start(vec![pings(
        5,
        vec![Step::send(format!("data: {event}\n\n")), Step::End],
    )])
    .await;
    let mut stream = client(&server).send_streaming(chat()).await.unwrap();
    let chunk = stream.next().await.unwrap().unwrap();
    assert_eq!(chunk.choices.map(|c| c.len()), Some(1));
    assert!(stream.next().await.is_none());
}
