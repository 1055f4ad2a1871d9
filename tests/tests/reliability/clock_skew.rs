//! A client whose clock is wrong: the service's `Date` tells the offset, the
//! refused request is re-signed once, and the client keeps the offset.

use tc_core::{CommonCode, Error, RetryConfig};
use tc_cvm::DescribeImageSharePermission;
use tc_mock::MockServer;

async fn mock(offset: i64) -> MockServer {
    MockServer::builder()
        .credential("AKIDclock", "clock-key")
        .clock_offset(offset)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_server_15_minutes_ahead_is_answered_after_one_corrected_retry() {
    let mock = mock(15 * 60).await;
    // No retries at all: the correction is not a retry of a fault.
    let client = mock
        .client_builder()
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    client
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap();
    let codes: Vec<_> = mock.requests().into_iter().map(|r| r.error_code).collect();
    assert_eq!(
        codes,
        [Some("AuthFailure.SignatureExpire".to_owned()), None]
    );
    // The offset is kept: the next call is right the first time.
    client
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap();
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn a_server_behind_is_corrected_for_too() {
    let mock = mock(-20 * 60).await;
    let client = mock.client_builder().build().unwrap();
    client
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap();
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn without_a_date_the_error_says_the_clock_may_be_off() {
    use crate::stand_in::{Answer, StandIn};
    let expired = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"rid-clock"}}"#;
    let server = StandIn::start(move |_| Answer::ok(expired)).await;
    let error = tc_core::Client::builder()
        .endpoint(server.endpoint())
        .credential(tc_core::Credential::new("AKIDclock", "clock-key"))
        .build()
        .unwrap()
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::AuthFailureSignatureExpire)
    );
    assert_eq!(
        server.requests().len(),
        1,
        "nothing to correct by: no retry"
    );
    let text = error.to_string();
    assert!(text.contains("the local clock may be off"), "{text}");
}

#[tokio::test]
async fn a_date_that_does_not_help_is_tried_once_and_named() {
    use crate::stand_in::{Answer, StandIn};
    // A service that refuses every signature as expired while its Date is an
    // hour ahead: one corrected retry, then the error names the offset.
    let expired = r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"rid-clock"}}"#;
    let server = StandIn::start(move |_| {
        let ahead = tc_sign::time::unix_now() + 3600;
        Answer::ok(expired).header("Date", &tc_sign::time::http_date(ahead))
    })
    .await;
    let error = tc_core::Client::builder()
        .endpoint(server.endpoint())
        .credential(tc_core::Credential::new("AKIDclock", "clock-key"))
        .build()
        .unwrap()
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    assert_eq!(server.requests().len(), 2);
    let Error::Service(service) = &error else {
        panic!("{error:?}");
    };
    let note = service.note().unwrap();
    assert!(note.contains("s behind the service's"), "{note}");
    assert!(note.contains("still refused"), "{note}");
}
