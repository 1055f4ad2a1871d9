//! Streaming calls over loopback HTTP: chunks delivered as they arrive, the
//! event-stream syntax, errors before, during and instead of a stream, the
//! retry rule (the usual ones until the first event, none after), the time
//! and size limits, and tc-mock's streamed answers. (A long stream in little
//! memory is `streaming_memory.rs`, alone in its process.)

mod support;

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use support::events::Step;
use support::faults::{Fault, FaultServer};
use support::transport_kind;
use tc_core::{Client, Credential, Error, RetryConfig, StreamConfig, TransportErrorKind};
use tc_hunyuan::errors::HunyuanErrorCode;
use tc_hunyuan::models::{Choice, Delta, Message, Usage};
use tc_hunyuan::{ChatCompletions, ChatCompletionsResponse, GetTokenCount};
use tc_mock::{MockError, MockServer, MockStream};
use tokio::sync::Semaphore;

fn client_with(endpoint: &str, streaming: StreamConfig) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .credential(Credential::new("AKIDstream", "stream-key"))
        .retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(5), Duration::from_millis(5)),
        )
        .first_byte_timeout(Duration::from_secs(5))
        .streaming(streaming)
        .build()
        .unwrap()
}

fn client(server: &FaultServer) -> Client {
    client_with(&server.endpoint(), StreamConfig::default())
}

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

/// A read-only action (`Get*`), retried on any transient fault.
fn read_only() -> GetTokenCount {
    GetTokenCount {
        prompt: "hello".into(),
    }
}

/// The JSON of one chunk saying `content`, with `finish` as FinishReason.
fn delta(content: &str, finish: &str) -> String {
    json!({
        "Choices": [{"Delta": {"Role": "assistant", "Content": content}, "FinishReason": finish}],
        "Created": 1_700_549_760,
        "Id": "148b89ef-14e1-489f-8e70-b767e5b27d56",
        "Usage": {"PromptTokens": 4, "CompletionTokens": 2, "TotalTokens": 6},
    })
    .to_string()
}

fn content(chunk: &ChatCompletionsResponse) -> String {
    let choice = &chunk.choices.as_ref().expect("Choices")[0];
    let delta = choice.delta.as_ref().and_then(|d| d.content.clone());
    let message = choice.message.as_ref().and_then(|m| m.content.clone());
    delta.or(message).unwrap_or_default()
}

fn finish_reason(chunk: &ChatCompletionsResponse) -> String {
    chunk.choices.as_ref().expect("Choices")[0]
        .finish_reason
        .clone()
        .unwrap_or_default()
}

#[tokio::test]
async fn chunks_arrive_one_by_one() {
    // The stand-in holds the last chunk back until the test has the first.
    let gate = Arc::new(Semaphore::new(0));
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-stream"),
        Step::event(&delta("Hel", "")),
        Step::Gate(Arc::clone(&gate)),
        Step::event(&delta("lo", "stop")),
        Step::End,
    ])])
    .await;
    let mut chunks = client(&server).send_streaming(chat()).await.unwrap();
    assert!(chunks.is_event_stream());
    assert_eq!(chunks.request_id(), "rid-stream");

    let first = chunks.next().await.unwrap().unwrap();
    assert_eq!(content(&first), "Hel");
    assert_eq!(finish_reason(&first), "");
    gate.add_permits(1);
    let last = chunks.next().await.unwrap().unwrap();
    assert_eq!(content(&last), "lo");
    assert_eq!(finish_reason(&last), "stop");
    assert_eq!(last.usage.and_then(|u| u.total_tokens), Some(6));
    assert!(chunks.next().await.is_none());

    // An ordinary signed POST that asks for a stream.
    let arrival = &server.arrivals()[0];
    let body: serde_json::Value = serde_json::from_slice(&arrival.body).unwrap();
    assert_eq!(body["Stream"], true);
    let head = arrival.head.to_ascii_lowercase();
    assert!(head.starts_with("post / "), "{head}");
    assert!(head.contains("authorization: tc3-hmac-sha256 credential=akidstream/"));
    assert!(head.contains("x-tc-action: chatcompletions"));
}

#[tokio::test]
async fn the_event_stream_syntax_is_read_as_specified() {
    // A byte-order mark, comments, `event:`/`id:`/`retry:` lines, a chunk
    // split over two `data:` lines, `data:` without its space, CRLF and bare
    // CR line ends, an event without data; sent 7 bytes per HTTP chunk.
    let text = [
        "\u{feff}: connected\r\n\r\n",
        "event: message\r\nid: 1\r\nretry: 3000\r\n",
        "data: {\"Choices\": [{\"Delta\": {\"Content\": \"multi\",\r\n",
        "data:  \"Role\": \"assistant\"}, \"FinishReason\": \"\"}]}\r\n\r\n",
        ": keep-alive\revent: ping\r\r",
        &format!("data:{}\r\r", delta("line", "stop")),
    ]
    .concat();
    let mut script = vec![Step::event_stream("rid-syntax")];
    script.extend(text.as_bytes().chunks(7).map(Step::send));
    script.push(Step::End);
    let server = FaultServer::start(vec![Fault::Steps(script)]).await;

    let mut chunks = client(&server).send_streaming(chat()).await.unwrap();
    let first = chunks.next().await.unwrap().unwrap();
    assert_eq!(content(&first), "multi");
    let delta = first.choices.unwrap().remove(0).delta.unwrap();
    assert_eq!(delta.role.as_deref(), Some("assistant"));
    let second = chunks.next().await.unwrap().unwrap();
    assert_eq!(content(&second), "line");
    assert_eq!(finish_reason(&second), "stop");
    assert!(chunks.next().await.is_none());
}

#[tokio::test]
async fn an_error_envelope_instead_of_a_stream_is_the_usual_typed_error() {
    let server = FaultServer::start(vec![Fault::respond(
        200,
        r#"{"Response":{"Error":{"Code":"InvalidParameterValue.Model","Message":"no such model"},"RequestId":"rid-refused"}}"#,
    )])
    .await;
    let error = client(&server).send_streaming(chat()).await.unwrap_err();
    assert!(
        error.is(HunyuanErrorCode::InvalidParameterValueModel),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("rid-refused"));
    assert_eq!(
        error.to_string(),
        "InvalidParameterValue.Model: no such model (RequestId: rid-refused)"
    );
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn throttling_before_the_first_event_is_retried_as_usual() {
    let server = FaultServer::start(vec![
        Fault::api_error("RequestLimitExceeded", "rid-1"),
        Fault::Steps(vec![
            Step::event_stream("rid-2"),
            Step::event(&delta("ok", "stop")),
            Step::End,
        ]),
    ])
    .await;
    let mut chunks = client(&server).send_streaming(chat()).await.unwrap();
    assert_eq!(chunks.request_id(), "rid-2");
    assert_eq!(content(&chunks.next().await.unwrap().unwrap()), "ok");
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn a_json_answer_is_a_stream_of_one() {
    let server = FaultServer::start(vec![Fault::respond(
        200,
        r#"{"Response":{"Choices":[{"Message":{"Role":"assistant","Content":"whole"},"FinishReason":"stop"}],"Usage":{"TotalTokens":17},"RequestId":"rid-json"}}"#,
    )])
    .await;
    let mut chunks = client(&server).send_streaming(chat()).await.unwrap();
    assert!(!chunks.is_event_stream());
    assert_eq!(chunks.request_id(), "rid-json");
    let only = chunks.next().await.unwrap().unwrap();
    assert_eq!(content(&only), "whole");
    assert_eq!(finish_reason(&only), "stop");
    assert_eq!(only.request_id, "rid-json");
    assert!(chunks.next().await.is_none());
}

#[tokio::test]
async fn an_error_msg_chunk_is_a_service_error_that_ends_the_stream() {
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-midway"),
        Step::event(&delta("Once upon", "")),
        Step::event(r#"{"ErrorMsg":{"Msg":"the engine failed","Code":2003},"Choices":[]}"#),
        Step::event(&delta(" a time", "stop")),
        Step::End,
    ])])
    .await;
    let mut chunks = client(&server).send_streaming(chat()).await.unwrap();
    assert_eq!(content(&chunks.next().await.unwrap().unwrap()), "Once upon");
    let error = chunks.next().await.unwrap().unwrap_err();
    assert_eq!(error.code(), Some("2003"));
    assert_eq!(error.message(), Some("the engine failed"));
    assert_eq!(
        error.to_string(),
        "2003: the engine failed (RequestId: rid-midway)"
    );
    let trace_id = error
        .trace_id()
        .expect("a mid-stream error names the call's trace id");
    assert_eq!(trace_id.len(), 36, "{trace_id}");
    assert!(chunks.next().await.is_none(), "an error ends the stream");
}

#[tokio::test]
async fn an_error_msg_as_the_first_event_fails_the_call_itself() {
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-first"),
        Step::event(r#"{"ErrorMsg":{"Msg":"the engine failed","Code":2003},"Choices":[]}"#),
        Step::End,
    ])])
    .await;
    let error = client(&server).send_streaming(chat()).await.unwrap_err();
    assert_eq!(error.code(), Some("2003"));
    assert_eq!(
        error.to_string(),
        "2003: the engine failed (RequestId: rid-first)"
    );
    assert_eq!(server.attempts(), 1, "a business error is not retried");
}

#[tokio::test]
async fn a_cut_after_a_chunk_is_an_error_not_a_retry() {
    // Read-only, so anything before the first event would be retried.
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-cut"),
        Step::event(r#"{"TokenCount": 3}"#),
        Step::send("data: {\"TokenCo"),
        Step::Cut,
    ])])
    .await;
    let mut chunks = client(&server).send_streaming(read_only()).await.unwrap();
    assert_eq!(chunks.next().await.unwrap().unwrap().token_count, Some(3));
    let error = chunks.next().await.unwrap().unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Io, "{error}");
    assert_eq!(error.request_id(), Some("rid-cut"));
    assert!(
        error.to_string().contains("(RequestId: rid-cut)"),
        "{error}"
    );
    assert!(chunks.next().await.is_none());
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn a_cut_before_the_first_event_follows_the_usual_rules() {
    let cut = Fault::Steps(vec![Step::event_stream("rid-early"), Step::Cut]);
    let whole = Fault::Steps(vec![
        Step::event_stream("rid-third"),
        Step::event(r#"{"TokenCount": 5}"#),
        Step::End,
    ]);
    // A read-only action is tried again...
    let server = FaultServer::start(vec![cut.clone(), cut.clone(), whole]).await;
    let mut chunks = client(&server).send_streaming(read_only()).await.unwrap();
    assert_eq!(chunks.request_id(), "rid-third");
    assert_eq!(chunks.next().await.unwrap().unwrap().token_count, Some(5));
    assert_eq!(server.attempts(), 3);

    // ...a chat, which the service may have acted on, is not.
    let server = FaultServer::start(vec![cut]).await;
    let error = client(&server).send_streaming(chat()).await.unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Io, "{error}");
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn an_idle_stall_times_out() {
    let idle = StreamConfig::default().with_idle_timeout(Duration::from_millis(300));
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-stall"),
        Step::event(&delta("still ", "")),
        Step::Pause(Duration::from_secs(10)),
    ])])
    .await;
    let mut chunks = client_with(&server.endpoint(), idle.clone())
        .send_streaming(chat())
        .await
        .unwrap();
    assert_eq!(content(&chunks.next().await.unwrap().unwrap()), "still ");
    let error = chunks.next().await.unwrap().unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    assert!(
        error.to_string().contains("sent nothing for 300ms"),
        "{error}"
    );
    assert_eq!(error.request_id(), Some("rid-stall"));

    // Before the first event, the stall fails the call itself.
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-silent"),
        Step::Pause(Duration::from_secs(10)),
    ])])
    .await;
    let error = client_with(&server.endpoint(), idle)
        .send_streaming(chat())
        .await
        .unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn a_stream_outlasts_the_attempt_time_out_while_it_flows() {
    let mut script = vec![Step::event_stream("rid-long")];
    for i in 0..6 {
        script.push(Step::Pause(Duration::from_millis(100)));
        script.push(Step::event(&delta(&i.to_string(), "")));
    }
    script.push(Step::End);
    let server = FaultServer::start(vec![Fault::Steps(script)]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDstream", "stream-key"))
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let mut chunks = client.send_streaming(chat()).await.unwrap();
    let mut text = String::new();
    while let Some(chunk) = chunks.next().await {
        text.push_str(&content(&chunk.unwrap()));
    }
    // Six pauses of 100 ms: the stream took longer than the 300 ms time-out.
    assert_eq!(text, "012345");
}

#[tokio::test]
async fn the_first_byte_limit_applies_to_the_headers() {
    // The headers come after the first-byte limit: the idle limit, which
    // starts with them, has no say yet.
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::Pause(Duration::from_secs(10)),
        Step::event_stream("rid-late"),
        Step::event(&delta("too late", "stop")),
        Step::End,
    ])])
    .await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDstream", "stream-key"))
        .retry(RetryConfig::disabled())
        .first_byte_timeout(Duration::from_millis(200))
        .streaming(StreamConfig::default().with_idle_timeout(Duration::from_secs(30)))
        .build()
        .unwrap();
    let error = client.send_streaming(chat()).await.unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    assert!(
        error
            .to_string()
            .contains("within 200ms of sending (first-byte time-out)"),
        "{error}"
    );
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn an_event_over_the_limit_ends_the_stream() {
    let server = FaultServer::start(vec![Fault::Steps(vec![
        Step::event_stream("rid-big"),
        Step::event(&delta("fits", "")),
        Step::event(&delta(&"x".repeat(70_000), "")),
        Step::End,
    ])])
    .await;
    let limit = StreamConfig::default().with_max_event_bytes(64 * 1024);
    let mut chunks = client_with(&server.endpoint(), limit)
        .send_streaming(chat())
        .await
        .unwrap();
    assert_eq!(content(&chunks.next().await.unwrap().unwrap()), "fits");
    let error = chunks.next().await.unwrap().unwrap_err();
    let Error::Decode(e) = &error else {
        panic!("{error:?}")
    };
    assert!(e.message().contains("longer than 65536 bytes"), "{error}");
    assert_eq!(error.request_id(), Some("rid-big"));
    assert!(chunks.next().await.is_none());
}

async fn mock() -> MockServer {
    MockServer::builder()
        .credential("AKIDmock", "mock-key")
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn tc_mock_streams_the_spec_example_when_asked() {
    let mock = mock().await;
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();

    let mut chunks = client.send_streaming(chat()).await.unwrap();
    assert!(chunks.is_event_stream());
    let mut received = Vec::new();
    while let Some(chunk) = chunks.next().await {
        received.push(chunk.unwrap());
    }
    // specs/hunyuan-2023-09-01/examples.json, its first streamed example.
    assert_eq!(received.len(), 4);
    let tool_call = &received[0].choices.as_ref().unwrap()[0]
        .delta
        .as_ref()
        .unwrap()
        .tool_calls
        .as_ref()
        .unwrap()[0];
    assert_eq!(tool_call.function.name, "get_current_weather");
    assert!(content(&received[2]).starts_with("计划使用get_current_weather工具"));
    assert_eq!(finish_reason(&received[3]), "tool_calls");
    assert_eq!(
        received[3].usage.as_ref().and_then(|u| u.total_tokens),
        Some(52)
    );
    let logged = mock.requests().pop().unwrap();
    assert_eq!(chunks.request_id(), logged.request_id);
    assert_eq!(logged.error_code, None);

    // Without `"Stream": true`, the whole example answer.
    let whole = ChatCompletions {
        stream: None,
        ..chat()
    };
    let mut chunks = client.send_streaming(whole).await.unwrap();
    assert!(!chunks.is_event_stream());
    let only = chunks.next().await.unwrap().unwrap();
    assert!(content(&only).starts_with("北京今天的天气情况是"));
    assert!(chunks.next().await.is_none());
}

#[tokio::test]
async fn a_stream_can_be_read_in_another_task() {
    let mock = mock().await;
    let client = mock.client_builder().build().unwrap();
    let mut chunks = client.send_streaming(chat()).await.unwrap();
    let reader = tokio::spawn(async move {
        let mut reasons = Vec::new();
        while let Some(chunk) = chunks.next().await {
            reasons.push(finish_reason(&chunk.unwrap()));
        }
        reasons
    });
    assert_eq!(reader.await.unwrap(), ["", "", "", "tool_calls"]);
}

#[tokio::test]
async fn tc_mock_handlers_stream_with_pauses_fail_and_cut() {
    let mock = mock().await;
    mock.on_stream(|request: ChatCompletions| {
        let prompt = request.messages[0].content.clone().unwrap_or_default();
        if prompt.is_empty() {
            return Err(MockError::code(
                HunyuanErrorCode::InvalidParameter,
                "Messages[0].Content is empty",
            ));
        }
        let chunk = |content: &str| ChatCompletionsResponse {
            choices: Some(vec![Choice {
                delta: Some(Delta {
                    content: Some(content.to_owned()),
                    ..Delta::default()
                }),
                finish_reason: Some(String::new()),
                ..Choice::default()
            }]),
            usage: Some(Usage {
                total_tokens: Some(3),
                ..Usage::default()
            }),
            ..ChatCompletionsResponse::default()
        };
        Ok(MockStream::new()
            .chunk(chunk("you said: "))
            .chunk_after(Duration::from_millis(30), chunk(&prompt))
            .cut())
    });
    let client = mock.client_builder().build().unwrap();

    let mut chunks = client.send_streaming(chat()).await.unwrap();
    assert_eq!(
        content(&chunks.next().await.unwrap().unwrap()),
        "you said: "
    );
    assert_eq!(content(&chunks.next().await.unwrap().unwrap()), "Say hello");
    let error = chunks.next().await.unwrap().unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Io, "{error}");
    assert_eq!(error.request_id(), Some(chunks.request_id()));

    let mut empty = chat();
    empty.messages[0].content = Some(String::new());
    let error = client.send_streaming(empty).await.unwrap_err();
    assert!(error.is(HunyuanErrorCode::InvalidParameter), "{error:?}");
}
