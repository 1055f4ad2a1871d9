//! A scenario played to the SDK's own client, in-process: the scripted error
//! arrives as a service error with its RequestId, throttling is retried
//! through to the canned answer, a cut is a transport failure, and an action
//! the scenario does not name still gets its spec example.

use std::time::Duration;

use serde_json::json;
use tc_core::{Client, Error, RetryConfig};
use tc_mock::{MockServer, Scenario};

const VERSION: &str = "2017-03-12";

async fn client_for(scenario: &str, retry: RetryConfig) -> (MockServer, Client) {
    let mock = MockServer::builder()
        .credential("AKIDscenario", "key")
        .scenario(Scenario::from_json(scenario).expect("a valid scenario"))
        .start()
        .await
        .expect("start");
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .retry(retry)
        .build()
        .expect("client");
    (mock, client)
}

#[tokio::test]
async fn throttling_is_retried_through_to_the_canned_answer() {
    let (mock, client) = client_for(
        r#"{"rules": [{"service": "cvm", "action": "DescribeInstances", "throttle_first": 2,
                       "response": {"TotalCount": 7, "InstanceSet": []}}]}"#,
        RetryConfig::default()
            .with_throttle_max_attempts(3)
            .with_initial_backoff(Duration::from_millis(1), Duration::from_millis(1)),
    )
    .await;
    let out = client
        .send_json("cvm", VERSION, "DescribeInstances", json!({}))
        .await
        .expect("answered on the third attempt");
    assert_eq!(out["TotalCount"], 7);
    let codes: Vec<Option<String>> = mock.requests().into_iter().map(|r| r.error_code).collect();
    let throttled = Some("RequestLimitExceeded".to_owned());
    assert_eq!(codes, [throttled.clone(), throttled, None]);
}

#[tokio::test]
async fn a_scripted_error_is_a_service_error_with_its_request_id() {
    let (_mock, client) = client_for(
        r#"{"rules": [{"service": "cvm", "action": "RunInstances", "version": "2017-03-12",
                       "error": {"code": "ResourceInsufficient.SpecifiedInstanceType",
                                 "message": "Sold out."}}]}"#,
        RetryConfig::default(),
    )
    .await;
    let error = client
        .send_json("cvm", VERSION, "RunInstances", json!({}))
        .await
        .expect_err("scripted to fail");
    assert!(matches!(error, Error::Service(_)), "{error:?}");
    assert_eq!(
        error.code(),
        Some("ResourceInsufficient.SpecifiedInstanceType")
    );
    assert_eq!(error.request_id().map(str::len), Some(36), "{error:?}");
    // Another version of the action is not named by the rule.
    let other = client
        .send_json("cvm", "2099-01-01", "RunInstances", json!({}))
        .await
        .expect_err("no such version");
    assert_eq!(other.code(), Some("NoSuchVersion"));
}

#[tokio::test]
async fn a_cut_connection_is_a_transport_failure_and_others_fall_through() {
    let (mock, client) = client_for(
        r#"{"rules": [{"service": "cvm", "action": "StopInstances", "cut": "before_answer"},
                      {"service": "cvm", "action": "StartInstances", "cut": "mid_answer"}]}"#,
        RetryConfig::disabled(),
    )
    .await;
    for action in ["StopInstances", "StartInstances"] {
        let error = client
            .send_json("cvm", VERSION, action, json!({"InstanceIds": ["ins-1"]}))
            .await
            .expect_err("cut");
        assert!(!matches!(error, Error::Service(_)), "{action}: {error:?}");
        assert_eq!(error.code(), None, "{action}: {error:?}");
    }
    let example = client
        .send_json(
            "cvm",
            VERSION,
            "DescribeImageSharePermission",
            json!({"ImageId": "img-6pb6lrmy"}),
        )
        .await
        .expect("the spec example");
    assert_eq!(
        example["SharePermissionSet"][0]["AccountId"],
        "101104350000"
    );
    assert_eq!(mock.requests().len(), 3);
}
