//! Only rate-limit codes are retried as throttling; quota codes that share
//! the `RequestLimitExceeded.` prefix are final.

use std::time::Duration;

use tc_core::{Client, Credential, RetryConfig, THROTTLING_CODES};
use tc_cvm::DescribeImageSharePermission;

use crate::stand_in::{Answer, StandIn};

async fn attempts_for(code: &str) -> usize {
    let body = format!(
        r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"m"}},"RequestId":"rid-throttle"}}}}"#
    );
    let server = StandIn::start(move |_| Answer::ok(&body)).await;
    let error = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDthrottle", "throttle-key"))
        .retry(RetryConfig::default().with_initial_backoff(Duration::ZERO, Duration::ZERO))
        .build()
        .unwrap()
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(code));
    server.requests().len()
}

#[tokio::test]
async fn quota_codes_are_not_retried() {
    for code in [
        "RequestLimitExceeded.CreateDomainLimit",
        "RequestLimitExceeded.BatchTaskLimit",
        "RequestLimitExceeded.CreateUser",
    ] {
        assert_eq!(attempts_for(code).await, 1, "{code}");
    }
}

#[tokio::test]
async fn rate_limit_codes_are_retried_as_throttling() {
    for code in THROTTLING_CODES {
        assert_eq!(attempts_for(code).await, 3, "{code}");
    }
}
