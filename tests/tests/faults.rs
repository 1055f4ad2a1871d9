//! Fault injection: for each way a server can misbehave, the number of attempts
//! the client makes, the kind of error it returns, a message a person can act
//! on, and the RequestId when one was sent. Run with `--nocapture` to see the
//! table of observations.

mod support;

use std::time::Duration;

use support::faults::{Fault, FaultServer};
use support::transport_kind;
use tc_core::{Client, Credential, Error, RetryConfig, TransportErrorKind};
use tc_cvm::{DescribeImageSharePermission, ModifyImageSharePermission};

const OK: &str = r#"{"Response":{"SharePermissionSet":[],"RequestId":"req-ok"}}"#;
const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

fn client(server: &FaultServer) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDfaults", "fault-key"))
        .retry(
            RetryConfig::default()
                .with_initial_backoff(Duration::from_millis(5), Duration::from_millis(5)),
        )
        .timeout(Duration::from_millis(800))
        .first_byte_timeout(Duration::from_millis(400))
        .max_response_bytes(1024 * 1024)
        .build()
        .unwrap()
}

fn read() -> DescribeImageSharePermission {
    DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    }
}

fn write() -> ModifyImageSharePermission {
    ModifyImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
        account_ids: vec!["101104350002".into()],
        permission: "SHARE".into(),
    }
}

/// Runs the read-only seed call against `script` and reports what happened.
async fn observe(name: &str, script: Vec<Fault>) -> (usize, Error) {
    let server = FaultServer::start(script).await;
    let error = client(&server)
        .send(read())
        .await
        .expect_err("the fault must surface");
    let attempts = server.attempts();
    println!("{name:<28} attempts={attempts} error={error}");
    (attempts, error)
}

#[tokio::test]
async fn gateway_statuses_are_retried_three_times() {
    for status in [500, 502, 503, 504] {
        let (attempts, error) = observe(
            &format!("HTTP {status} HTML page"),
            vec![Fault::respond(status, HTML)],
        )
        .await;
        assert_eq!(attempts, 3);
        let Error::HttpStatus(e) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(e.status(), status);
        assert!(error.to_string().contains("502 Bad Gateway"), "{error}");
    }
}

#[tokio::test]
async fn internal_error_is_retried_and_keeps_the_request_id() {
    let (attempts, error) = observe(
        "InternalError",
        vec![Fault::api_error("InternalError", "rid-internal")],
    )
    .await;
    assert_eq!(attempts, 3);
    assert_eq!(error.code(), Some("InternalError"));
    assert_eq!(error.request_id(), Some("rid-internal"));
}

#[tokio::test]
async fn throttling_uses_its_own_budget() {
    let (attempts, error) = observe(
        "RequestLimitExceeded",
        vec![Fault::api_error("RequestLimitExceeded", "rid-limit")],
    )
    .await;
    assert_eq!(attempts, 3);
    assert_eq!(error.code(), Some("RequestLimitExceeded"));
    assert_eq!(error.request_id(), Some("rid-limit"));
}

#[tokio::test]
async fn html_with_status_200_is_a_decode_error_not_retried() {
    let (attempts, error) = observe("HTML with 200", vec![Fault::respond(200, HTML)]).await;
    assert_eq!(attempts, 1);
    let Error::Decode(e) = &error else {
        panic!("{error:?}")
    };
    assert!(e.excerpt().starts_with("<html>"), "{error}");
}

#[tokio::test]
async fn non_json_is_a_decode_error() {
    let (attempts, error) = observe("non-JSON", vec![Fault::respond(200, "OK")]).await;
    assert_eq!(attempts, 1);
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn truncated_json_names_the_request_id() {
    let (attempts, error) = observe(
        "truncated JSON",
        vec![Fault::respond(
            200,
            r#"{"Response":{"RequestId":"rid-cut","SharePermissionSet":[{"Acc"#,
        )],
    )
    .await;
    assert_eq!(attempts, 1);
    let Error::Decode(e) = &error else {
        panic!("{error:?}")
    };
    assert!(
        e.message().starts_with("the body ends too early"),
        "{error}"
    );
    assert_eq!(error.request_id(), Some("rid-cut"));
}

#[tokio::test]
async fn a_body_cut_short_by_the_connection_is_retried() {
    let (attempts, error) = observe(
        "body shorter than announced",
        vec![Fault::TruncateBody {
            head: r#"{"Response":{"#.into(),
            announced: 500,
        }],
    )
    .await;
    assert_eq!(attempts, 3);
    assert_eq!(transport_kind(&error), TransportErrorKind::Io);
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let (attempts, error) = observe(
        "streamed body over limit",
        vec![Fault::Stream {
            bytes: 3 * 1024 * 1024,
        }],
    )
    .await;
    assert_eq!(attempts, 1);
    let Error::Decode(e) = &error else {
        panic!("{error:?}")
    };
    assert!(
        e.message().contains("exceeds the limit of 1048576 bytes"),
        "{error}"
    );

    let (attempts, error) = observe(
        "announced body over limit",
        vec![Fault::Announce { bytes: 1 << 40 }],
    )
    .await;
    assert_eq!(attempts, 1);
    assert!(error.to_string().contains("exceeds the limit"), "{error}");
}

#[tokio::test]
async fn a_stall_before_headers_times_out() {
    let (attempts, error) = observe(
        "stall before headers",
        vec![Fault::StallBeforeHeaders(Duration::from_secs(5))],
    )
    .await;
    assert_eq!(attempts, 3);
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    assert!(error.to_string().contains("no response within"), "{error}");
}

#[tokio::test]
async fn a_stall_mid_body_times_out() {
    let (attempts, error) = observe(
        "stall mid-body",
        vec![Fault::StallMidBody {
            head: r#"{"Response":"#.into(),
            announced: 400,
            stall: Duration::from_secs(5),
        }],
    )
    .await;
    assert_eq!(attempts, 3);
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
}

#[tokio::test]
async fn a_reset_connection_is_retried_for_reads_only() {
    let (attempts, error) = observe("connection reset", vec![Fault::Reset]).await;
    assert_eq!(attempts, 3);
    assert_eq!(transport_kind(&error), TransportErrorKind::Io);

    let server = FaultServer::start(vec![Fault::Reset]).await;
    let error = client(&server).send(write()).await.unwrap_err();
    println!(
        "{:<28} attempts={} error={error}",
        "reset on a mutating call",
        server.attempts()
    );
    assert_eq!(
        server.attempts(),
        1,
        "a write that may have happened is not repeated"
    );
    assert_eq!(transport_kind(&error), TransportErrorKind::Io);
}

#[tokio::test]
async fn a_mutating_call_is_retried_when_throttled() {
    let server = FaultServer::start(vec![
        Fault::api_error("RequestLimitExceeded", "r"),
        Fault::respond(200, OK),
    ])
    .await;
    client(&server).send(write()).await.unwrap();
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn servers_closing_idle_connections_cause_no_errors() {
    let server = FaultServer::start(vec![Fault::RespondThenCloseAfter {
        body: OK.into(),
        idle: Duration::from_millis(50),
    }])
    .await;
    let client = client(&server);
    for _ in 0..5 {
        client.send(read()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    assert_eq!(
        server.attempts(),
        5,
        "no failed attempt on a stale pooled connection"
    );
}

#[tokio::test]
async fn a_keep_alive_race_is_retried() {
    // The server takes the request and closes, as one whose idle timer fired
    // just as the request arrived would.
    let server = FaultServer::start(vec![Fault::CloseWithoutAnswer, Fault::respond(200, OK)]).await;
    let out = client(&server).send(read()).await.unwrap();
    assert_eq!(out.request_id, "req-ok");
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = FaultServer::start(vec![
        Fault::Respond {
            status: 503,
            body: "busy".into(),
            extra_headers: vec![("Retry-After".into(), "1".into())],
        },
        Fault::respond(200, OK),
    ])
    .await;
    client(&server).send(read()).await.unwrap();
    let arrivals = server.arrivals();
    assert_eq!(arrivals.len(), 2);
    let gap = arrivals[1].at - arrivals[0].at;
    assert!(gap >= Duration::from_millis(990), "waited only {gap:?}");
}

#[tokio::test]
async fn the_call_deadline_bounds_all_attempts() {
    let server = FaultServer::start(vec![Fault::StallBeforeHeaders(Duration::from_secs(5))]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDfaults", "fault-key"))
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let error = client.send(read()).await.unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::Timeout);
    assert!(error.to_string().contains("deadline of 300ms"), "{error}");
}

#[tokio::test]
async fn the_circuit_breaker_fails_fast_then_probes() {
    let server = FaultServer::start(vec![
        Fault::respond(503, "down"),
        Fault::respond(503, "down"),
        Fault::respond(200, OK),
    ])
    .await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .region("ap-guangzhou")
        .credential(Credential::new("AKIDfaults", "fault-key"))
        .retry(RetryConfig::disabled())
        .circuit_breaker(
            tc_core::CircuitBreakerConfig::default()
                .with_failure_threshold(2)
                .with_cool_down(Duration::from_millis(200)),
        )
        .build()
        .unwrap();
    for _ in 0..2 {
        assert!(matches!(
            client.send(read()).await,
            Err(Error::HttpStatus(_))
        ));
    }
    let error = client.send(read()).await.unwrap_err();
    assert_eq!(transport_kind(&error), TransportErrorKind::CircuitOpen);
    assert!(error.to_string().contains("ap-guangzhou"), "{error}");
    assert_eq!(server.attempts(), 2, "the open breaker sent nothing");
    tokio::time::sleep(Duration::from_millis(250)).await;
    client
        .send(read())
        .await
        .expect("the probe goes through and succeeds");
    client.send(read()).await.expect("closed again");
    assert_eq!(server.attempts(), 4);
}

fn client_token_of(body: &[u8]) -> String {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap();
    value["ClientToken"]
        .as_str()
        .expect("a ClientToken was sent")
        .to_owned()
}

#[tokio::test]
async fn a_client_token_makes_a_mutating_call_safe_to_retry() {
    use tc_cvm::{CreateDisasterRecoverGroup, CreateDisasterRecoverGroupResponse};
    let created = r#"{"Response":{"DisasterRecoverGroupId":"ps-1","RequestId":"r"}}"#;
    let server = FaultServer::start(vec![
        Fault::Reset,
        Fault::respond(502, HTML),
        Fault::respond(200, created),
    ])
    .await;
    let request = CreateDisasterRecoverGroup {
        name: "web".into(),
        r#type: "HOST".into(),
        ..Default::default()
    };
    assert_eq!(request.client_token, None);
    let out: CreateDisasterRecoverGroupResponse = client(&server).send(request).await.unwrap();
    assert_eq!(out.disaster_recover_group_id, "ps-1");
    let tokens: Vec<String> = server
        .arrivals()
        .iter()
        .map(|a| client_token_of(&a.body))
        .collect();
    assert_eq!(tokens.len(), 3, "retried like a read");
    assert!(
        tokens.iter().all(|t| *t == tokens[0]),
        "one token for every attempt: {tokens:?}"
    );
    assert_eq!(tokens[0].len(), 36);

    // A token the caller chose is kept.
    let server = FaultServer::start(vec![Fault::respond(200, created)]).await;
    let request = CreateDisasterRecoverGroup {
        name: "web".into(),
        r#type: "HOST".into(),
        client_token: Some("my-token".into()),
        ..Default::default()
    };
    client(&server).send(request).await.unwrap();
    assert_eq!(client_token_of(&server.arrivals()[0].body), "my-token");
}

#[tokio::test]
async fn a_required_client_token_makes_a_call_safe_to_retry_only_when_not_empty() {
    // SSM's `CreateService` declares `ClientToken` as a plain `String`.
    use tc_ssm::CreateService;
    let created = r#"{"Response":{"ResourceId":"ssm-1","RequestId":"r"}}"#;
    let script = || vec![Fault::respond(502, HTML), Fault::respond(200, created)];
    let request = |token: &str| CreateService {
        pay_mode: "PostPay".into(),
        client_token: token.into(),
    };

    // An empty token is sent as given and protects nothing: a gateway error
    // after the request left is not retried.
    let server = FaultServer::start(script()).await;
    let error = client(&server).send(request("")).await.unwrap_err();
    assert!(matches!(error, Error::HttpStatus(_)), "{error:?}");
    assert_eq!(server.attempts(), 1, "not retried");
    assert_eq!(client_token_of(&server.arrivals()[0].body), "");

    // A token makes repeating the call harmless: retried, with the same token.
    let server = FaultServer::start(script()).await;
    let out = client(&server).send(request("once-only")).await.unwrap();
    assert_eq!(out.resource_id, "ssm-1");
    let tokens: Vec<String> = server
        .arrivals()
        .iter()
        .map(|a| client_token_of(&a.body))
        .collect();
    assert_eq!(tokens, ["once-only", "once-only"]);
}
