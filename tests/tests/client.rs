//! The client over real loopback HTTP against a scripted server: headers,
//! signatures checked by an independent implementation, GET flattening,
//! retries with attempt counts, and errors that name what went wrong.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use support::{Reply, fast_retries, independent_signature, scripted};
use tc_core::credential::ProvideFuture;
use tc_core::{
    Client, Credential, Error, ProvideCredential, RetryConfig, TransportErrorKind, tc_action,
    tc_model,
};
use tc_cvm::DescribeImageSharePermission;
use tc_cvm::errors::CvmErrorCode;

const SECRET_KEY: &str = "SECRET-KEY-MARKER-Gu5t9xGARNpq86cd98joQYCN3";
const TOKEN: &str = "TOKEN-MARKER-3f9a";
const OK_BODY: &str = r#"{"Response":{"SharePermissionSet":[{"CreatedTime":"2018-06-10T11:02:50Z","AccountId":"101104350000"}],"RequestId":"req-ok-1"}}"#;

fn seed() -> DescribeImageSharePermission {
    DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    }
}

fn client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .region("ap-guangzhou")
        .credential(Credential::new("AKIDexample", SECRET_KEY))
        .retry(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn post_sends_the_official_headers_and_a_valid_signature() {
    let server = scripted(vec![Reply::ok(OK_BODY)]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .region("ap-guangzhou")
        .language("en-US")
        .request_client_suffix("my-app")
        .credential(Credential::new("AKIDexample", SECRET_KEY).with_token(TOKEN))
        .build()
        .unwrap();
    let out = client.send(seed()).await.unwrap();
    assert_eq!(out.share_permission_set[0].account_id, "101104350000");
    assert_eq!(out.request_id, "req-ok-1");

    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.body, br#"{"ImageId":"img-6pb6lrmy"}"#);
    assert_eq!(req.header("host"), Some(server.addr.to_string().as_str()));
    assert_eq!(
        req.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(
        req.header("x-tc-action"),
        Some("DescribeImageSharePermission")
    );
    assert_eq!(req.header("x-tc-version"), Some("2017-03-12"));
    assert_eq!(req.header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(req.header("x-tc-token"), Some(TOKEN));
    assert_eq!(req.header("x-tc-language"), Some("en-US"));
    assert_eq!(
        req.header("x-tc-requestclient"),
        Some(format!("{};my-app", tc_core::test_util::REQUEST_CLIENT).as_str())
    );
    let timestamp: u64 = req.header("x-tc-timestamp").unwrap().parse().unwrap();
    assert!(timestamp.abs_diff(tc_sign::time::unix_now()) < 60);

    let authorization = req.header("authorization").unwrap();
    let signed = "content-type;host;x-tc-action";
    let expected = independent_signature(SECRET_KEY, &req, signed);
    let date = tc_sign::time::utc_date(timestamp);
    assert_eq!(
        authorization,
        format!(
            "TC3-HMAC-SHA256 Credential=AKIDexample/{date}/cvm/tc3_request, SignedHeaders={signed}, Signature={expected}"
        )
    );
}

#[tokio::test]
async fn optional_headers_are_left_out_when_unset() {
    let server = scripted(vec![Reply::ok(OK_BODY)]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDexample", SECRET_KEY))
        .build()
        .unwrap();
    client.send(seed()).await.unwrap();
    let [req] = server.requests().try_into().unwrap();
    for absent in ["x-tc-token", "x-tc-language", "x-tc-region"] {
        assert_eq!(req.header(absent), None, "{absent}");
    }
}

/// A user-defined GET action with nested parameters.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeInstances",
    method = "GET"
)]
struct DescribeInstancesGet {
    instance_ids: Vec<String>,
    filters: Option<Vec<Filter>>,
    limit: Option<u64>,
}

#[tc_model]
struct Filter {
    name: String,
    values: Vec<String>,
}

#[tc_model]
struct DescribeInstancesGetResponse {
    total_count: u64,
    request_id: String,
}

#[tokio::test]
async fn get_flattens_parameters_into_a_signed_query() {
    let server = scripted(vec![Reply::ok(
        r#"{"Response":{"TotalCount":2,"RequestId":"r"}}"#,
    )])
    .await;
    let request = DescribeInstancesGet {
        instance_ids: vec!["ins-1".into(), "ins-2".into()],
        filters: Some(vec![Filter {
            name: "zone".into(),
            values: vec!["ap-guangzhou-6".into(), "a b".into()],
        }]),
        limit: Some(10),
    };
    let out = client(&server.endpoint()).send(request).await.unwrap();
    assert_eq!(out.total_count, 2);
    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "GET");
    assert!(req.body.is_empty());
    assert_eq!(
        req.query,
        "Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-6&Filters.0.Values.1=a+b&InstanceIds.0=ins-1&InstanceIds.1=ins-2&Limit=10"
    );
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let expected = independent_signature(SECRET_KEY, &req, "content-type;host;x-tc-action");
    assert!(req.header("authorization").unwrap().ends_with(&expected));
}

/// Counts how often the client asks for credentials: once per attempt.
#[derive(Debug)]
struct Counting(AtomicUsize, Arc<Credential>);

impl ProvideCredential for Counting {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        self.0.fetch_add(1, Ordering::SeqCst);
        let credential = Arc::clone(&self.1);
        Box::pin(async move { Ok(credential) })
    }
}

#[tokio::test]
async fn transient_faults_are_retried_and_each_attempt_is_signed_again() {
    let server = scripted(vec![
        Reply::status(502, "<html><body>502 Bad Gateway</body></html>"),
        Reply::api_error("InternalError", "try again", "req-500"),
        Reply::ok(OK_BODY),
    ])
    .await;
    let provider = Arc::new(Counting(
        AtomicUsize::new(0),
        Arc::new(Credential::new("AKIDexample", SECRET_KEY)),
    ));
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credentials_provider(ArcProvider(Arc::clone(&provider)))
        .retry(fast_retries())
        .build()
        .unwrap();
    let out = client.send(seed()).await.unwrap();
    assert_eq!(out.request_id, "req-ok-1");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(
        provider.0.load(Ordering::SeqCst),
        3,
        "credentials fetched and signed per attempt"
    );
    for req in &requests {
        let expected = independent_signature(SECRET_KEY, req, "content-type;host;x-tc-action");
        assert!(req.header("authorization").unwrap().ends_with(&expected));
    }
}

#[derive(Debug)]
struct ArcProvider(Arc<Counting>);

impl ProvideCredential for ArcProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        self.0.provide_credential()
    }
}

#[tokio::test]
async fn the_transient_budget_is_three_attempts() {
    let server = scripted(vec![Reply::status(503, "Service Unavailable")]).await;
    let error = client(&server.endpoint()).send(seed()).await.unwrap_err();
    assert_eq!(server.requests().len(), 3);
    let Error::HttpStatus(status) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(status.status(), 503);
    assert_eq!(status.excerpt(), "Service Unavailable");
}

#[tokio::test]
async fn throttling_has_its_own_budget() {
    let server = scripted(vec![
        Reply::status(502, "bad gateway"),
        Reply::api_error("RequestLimitExceeded", "slow down", "r1"),
        Reply::status(502, "bad gateway"),
        Reply::api_error("RequestLimitExceeded", "slow down", "r2"),
        Reply::ok(OK_BODY),
    ])
    .await;
    // 2 transient faults (budget 3) and 2 throttles (budget 3): all fit.
    client(&server.endpoint()).send(seed()).await.unwrap();
    assert_eq!(server.requests().len(), 5);
}

#[tokio::test]
async fn business_errors_are_not_retried_and_stay_typed() {
    let server = scripted(vec![Reply::api_error(
        "InvalidImageId.NotFound",
        "The image does not exist.",
        "71e69b56-32be-4412-ab45-49eded6a87be",
    )])
    .await;
    let error = client(&server.endpoint()).send(seed()).await.unwrap_err();
    assert_eq!(server.requests().len(), 1);
    assert!(error.is(CvmErrorCode::InvalidImageIdNotFound));
    assert_eq!(
        error.action_error::<CvmErrorCode>(),
        Some(&CvmErrorCode::InvalidImageIdNotFound)
    );
    assert_eq!(error.common_code(), None);
    assert_eq!(error.code(), Some("InvalidImageId.NotFound"));
    assert_eq!(error.message(), Some("The image does not exist."));
    assert_eq!(
        error.request_id(),
        Some("71e69b56-32be-4412-ab45-49eded6a87be")
    );
    assert_eq!(
        error.to_string(),
        "InvalidImageId.NotFound: The image does not exist. (RequestId: 71e69b56-32be-4412-ab45-49eded6a87be)"
    );
}

#[tokio::test]
async fn retries_can_be_disabled() {
    let server = scripted(vec![Reply::status(500, "oops")]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDexample", SECRET_KEY))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    assert!(matches!(
        client.send(seed()).await,
        Err(Error::HttpStatus(_))
    ));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_a_connect_error_naming_the_url() {
    // Bind then drop, so the port is very likely closed.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let error = client(&format!("http://{addr}"))
        .send(seed())
        .await
        .unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Connect);
    let text = error.to_string();
    assert!(
        text.contains(&addr.to_string()) && text.contains("DescribeImageSharePermission"),
        "{text}"
    );
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let server = scripted(vec![Reply::ok(OK_BODY).delayed(Duration::from_secs(5))]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDexample", SECRET_KEY))
        .timeout(Duration::from_millis(200))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    let error = client.send(seed()).await.unwrap_err();
    let Error::Transport(transport) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
}

#[tokio::test]
async fn missing_credentials_are_reported_not_panicked() {
    let server = scripted(vec![Reply::ok(OK_BODY)]).await;
    #[derive(Debug)]
    struct Nothing;
    impl ProvideCredential for Nothing {
        fn provide_credential(&self) -> ProvideFuture<'_> {
            Box::pin(async {
                Err(tc_core::CredentialError::not_found(
                    "no credential configured",
                ))
            })
        }
    }
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credentials_provider(Nothing)
        .build()
        .unwrap();
    let error = client.send(seed()).await.unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "no usable credential: no credential configured"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn no_error_or_debug_output_shows_a_secret() {
    let bodies = [
        Reply::api_error("AuthFailure.SignatureFailure", "bad signature", "r"),
        Reply::status(502, "<html>bad gateway</html>"),
        Reply::ok(r#"{"Response":{"SharePermissionSet":[{"CreatedTime":[5]}],"RequestId":"r"}}"#),
        Reply::ok(r#"{"Response":{"Share"#),
    ];
    for reply in bodies {
        let server = scripted(vec![reply]).await;
        let client = Client::builder()
            .endpoint(server.endpoint())
            .credential(Credential::new("AKIDexample", SECRET_KEY).with_token(TOKEN))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        let error = client.send(seed()).await.unwrap_err();
        for text in [
            format!("{error}"),
            format!("{error:?}"),
            format!("{client:?}"),
        ] {
            assert!(
                !text.contains(SECRET_KEY) && !text.contains(TOKEN),
                "{text}"
            );
        }
    }
}

#[test]
fn invalid_builder_settings_are_errors() {
    for endpoint in ["ftp://example.com", "not a url", "http://"] {
        let error = Client::builder().endpoint(endpoint).build().unwrap_err();
        assert!(matches!(error, Error::Build(_)), "{endpoint}: {error:?}");
    }
    let error = Client::builder()
        .region("ap-guangzhou\n")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("region"), "{error}");
}
