//! A 3xx is never followed: the body and the session token stay with the
//! host they were meant for, and a POST never turns into a GET.

use std::time::Duration;

use tc_core::{Client, Credential, Error, RetryConfig};
use tc_cvm::{DescribeImageSharePermission, ModifyImageSharePermission};

use crate::stand_in::{Answer, StandIn};

const OK: &str = r#"{"Response":{"SharePermissionSet":[],"RequestId":"req-other-host"}}"#;

fn client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .credential(Credential::new("AKIDredirect", "redirect-key").with_token("redirect-token"))
        .retry(RetryConfig::default().with_initial_backoff(Duration::ZERO, Duration::ZERO))
        .build()
        .unwrap()
}

/// A second listener, which must hear nothing, and a first one that
/// redirects every request to it with `status`.
async fn redirecting(status: u16) -> (StandIn, StandIn) {
    let other = StandIn::start(|_| Answer::ok(OK)).await;
    let location = format!("http://localhost:{}/", other.addr.port());
    let first = StandIn::start(move |_| Answer {
        status,
        headers: vec![("Location".into(), location.clone())],
        body: String::new(),
    })
    .await;
    (first, other)
}

fn redirect_of(error: &Error) -> (u16, String) {
    match error {
        Error::HttpStatus(e) => (e.status(), e.redirect_host().unwrap().to_owned()),
        other => panic!("expected a refused redirect, got {other:?}"),
    }
}

#[tokio::test]
async fn a_307_or_308_to_another_host_sends_nothing_there() {
    for status in [301, 302, 303, 307, 308] {
        let (first, other) = redirecting(status).await;
        let error = client(&first.endpoint())
            .send(DescribeImageSharePermission {
                image_id: "img-6pb6lrmy".into(),
            })
            .await
            .expect_err("a redirect is an error");
        assert_eq!(redirect_of(&error), (status, "host `localhost`".into()));
        let text = error.to_string();
        assert!(
            text.contains(&format!("HTTP {status}")) && text.contains("localhost"),
            "{text}"
        );
        assert_eq!(first.requests().len(), 1, "not retried");
        assert!(
            other.requests().is_empty(),
            "{status}: the other host got a request"
        );
    }
}

#[tokio::test]
async fn a_302_does_not_turn_a_write_into_a_get_that_succeeds() {
    let (first, other) = redirecting(302).await;
    let error = client(&first.endpoint())
        .send(ModifyImageSharePermission {
            image_id: "img-6pb6lrmy".into(),
            account_ids: vec!["101104350002".into()],
            permission: "SHARE".into(),
        })
        .await
        .expect_err("no success from another host");
    assert_eq!(redirect_of(&error).0, 302);
    assert!(other.requests().is_empty());
}

#[tokio::test]
async fn a_relative_or_missing_location_is_named() {
    let relative = StandIn::start(|_| Answer {
        status: 307,
        headers: vec![("Location".into(), "/elsewhere".into())],
        body: String::new(),
    })
    .await;
    let error = client(&relative.endpoint())
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    assert_eq!(redirect_of(&error).1, "host `127.0.0.1`");
    let bare = StandIn::start(|_| Answer {
        status: 308,
        headers: Vec::new(),
        body: String::new(),
    })
    .await;
    let error = client(&bare.endpoint())
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    assert!(redirect_of(&error).1.contains("no Location"), "{error}");
}
