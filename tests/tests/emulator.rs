//! The seed call end to end: the real client against the local emulator, which
//! verifies signatures and keeps image-sharing state.

mod support;

use std::sync::Arc;

use serde_json::Value;
use support::raw_request;
use tc_core::{Client, CommonCode, Credential, Error, ErrorCode, Method, RetryConfig};
use tc_cvm::errors::{
    DescribeImageSharePermissionError as ShareError, ModifyImageSharePermissionError as ModifyError,
};
use tc_cvm::{DescribeImageSharePermission, DescribeImages, ModifyImageSharePermission};
use tc_emulator::cvm::ImageSharing;
use tc_mock::MockServer;
use tc_sign::{self as sign, Payload, SigningInput};

const ID: &str = "AKIDemulatortest";
const KEY: &str = "emulator-secret-key";

async fn emulator(images: ImageSharing) -> MockServer {
    let mock = MockServer::builder()
        .credential(ID, KEY)
        .start()
        .await
        .unwrap();
    Arc::new(images).install(&mock);
    mock
}

fn client(mock: &MockServer) -> Client {
    mock.client_builder()
        .region("ap-guangzhou")
        .retry(RetryConfig::disabled())
        .build()
        .unwrap()
}

fn describe(image_id: &str) -> DescribeImageSharePermission {
    DescribeImageSharePermission {
        image_id: image_id.into(),
    }
}

fn modify(image_id: &str, accounts: &[&str], permission: &str) -> ModifyImageSharePermission {
    ModifyImageSharePermission {
        image_id: image_id.into(),
        account_ids: accounts.iter().map(|a| (*a).to_owned()).collect(),
        permission: permission.into(),
    }
}

async fn shared_with(client: &Client, image_id: &str) -> Vec<String> {
    let out = client.send(describe(image_id)).await.unwrap();
    out.share_permission_set
        .into_iter()
        .map(|s| s.account_id)
        .collect()
}

#[tokio::test]
async fn share_describe_cancel_describe() {
    let mock = emulator(ImageSharing::seeded()).await;
    let client = client(&mock);

    let seed = client.send(describe("img-6pb6lrmy")).await.unwrap();
    let pairs: Vec<(&str, &str)> = seed
        .share_permission_set
        .iter()
        .map(|s| (s.account_id.as_str(), s.created_time.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("101104350000", "2018-06-10T11:02:50Z"),
            ("101104350001", "2018-06-13T15:03:25Z")
        ]
    );
    assert_eq!(
        seed.request_id.len(),
        36,
        "a fresh UUID-like RequestId: {}",
        seed.request_id
    );

    client
        .send(modify("img-6pb6lrmy", &["101104350002"], "SHARE"))
        .await
        .unwrap();
    assert_eq!(
        shared_with(&client, "img-6pb6lrmy").await,
        ["101104350000", "101104350001", "101104350002"]
    );

    client
        .send(modify(
            "img-6pb6lrmy",
            &["101104350000", "101104350002"],
            "CANCEL",
        ))
        .await
        .unwrap();
    assert_eq!(shared_with(&client, "img-6pb6lrmy").await, ["101104350001"]);

    let images = client
        .send(DescribeImages {
            image_ids: Some(vec!["img-6pb6lrmy".into()]),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(images.total_count, 1);
    assert_eq!(images.image_set[0].image_id, "img-6pb6lrmy");
    let all = client.send(DescribeImages::default()).await.unwrap();
    assert_eq!(all.total_count, 2);

    let first = &mock.requests()[0];
    assert_eq!(
        (
            first.action.as_str(),
            first.method.as_str(),
            first.error_code.as_deref()
        ),
        ("DescribeImageSharePermission", "POST", None)
    );
    let ids: std::collections::HashSet<String> =
        mock.requests().into_iter().map(|r| r.request_id).collect();
    assert_eq!(
        ids.len(),
        mock.requests().len(),
        "every reply has its own RequestId"
    );
}

/// The typed code of a failed call, as the action's own error type `E`.
async fn action_error<E: ErrorCode + Copy>(
    result: Result<impl std::fmt::Debug, Error>,
) -> (E, Error) {
    let error = result.unwrap_err();
    let typed = *error
        .action_error::<E>()
        .unwrap_or_else(|| panic!("untyped: {error}"));
    (typed, error)
}

#[tokio::test]
async fn image_rules_produce_the_documented_typed_errors() {
    let mock = emulator(
        ImageSharing::seeded()
            .with_share_quota(3)
            .with_owner_account("100000000001"),
    )
    .await;
    let client = client(&mock);

    let (typed, error) = action_error::<ShareError>(client.send(describe("img-BAD")).await).await;
    assert_eq!(typed, ShareError::InvalidImageIdMalformed);
    assert_eq!(
        error.action_error::<tc_vpc::errors::VpcErrorCode>(),
        None,
        "typed only as the called action's error type"
    );
    assert!(error.request_id().is_some_and(|id| !id.is_empty()));
    let (typed, _) = action_error::<ShareError>(client.send(describe("img-00000000")).await).await;
    assert_eq!(typed, ShareError::InvalidImageIdNotFound);
    let (typed, _) = action_error::<ModifyError>(
        client
            .send(modify("img-6pb6lrmy", &["100000000001"], "SHARE"))
            .await,
    )
    .await;
    assert_eq!(typed, ModifyError::InvalidAccountIsYourSelf);
    let (typed, _) = action_error::<ModifyError>(
        client
            .send(modify("img-6pb6lrmy", &["not-an-account"], "SHARE"))
            .await,
    )
    .await;
    assert_eq!(typed, ModifyError::InvalidAccountIdNotFound);
    let (typed, _) = action_error::<ModifyError>(
        client
            .send(modify("img-0000000x", &["101104350009"], "SHARE"))
            .await,
    )
    .await;
    assert_eq!(typed, ModifyError::InvalidImageIdNotFound);
    // Two accounts already, quota 3: one more fits, the next does not.
    client
        .send(modify("img-6pb6lrmy", &["101104350009"], "SHARE"))
        .await
        .unwrap();
    let (typed, error) = action_error::<ModifyError>(
        client
            .send(modify("img-6pb6lrmy", &["101104350010"], "SHARE"))
            .await,
    )
    .await;
    assert_eq!(typed, ModifyError::OverQuota);
    assert!(error.to_string().starts_with("OverQuota: "), "{error}");
    assert_eq!(
        shared_with(&client, "img-6pb6lrmy").await.len(),
        3,
        "a refused share changes nothing"
    );
}

#[tokio::test]
async fn a_wrong_key_is_a_signature_failure() {
    let mock = emulator(ImageSharing::seeded()).await;
    let client = Client::builder()
        .endpoint(mock.endpoint())
        .credential(Credential::new(ID, "wrong-key"))
        .build()
        .unwrap();
    let error = client.send(describe("img-6pb6lrmy")).await.unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::AuthFailureSignatureFailure),
        "{error}"
    );
    assert_eq!(mock.requests().len(), 1, "auth failures are not retried");
}

#[tokio::test]
async fn an_unknown_secret_id_is_reported() {
    let mock = emulator(ImageSharing::seeded()).await;
    let client = Client::builder()
        .endpoint(mock.endpoint())
        .credential(Credential::new("AKIDnobody", KEY))
        .build()
        .unwrap();
    let error = client.send(describe("img-6pb6lrmy")).await.unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::AuthFailureSecretIdNotFound),
        "{error}"
    );
}

#[tokio::test]
async fn one_struct_goes_as_post_or_get_per_call() {
    let mock = emulator(ImageSharing::seeded()).await;
    let client = client(&mock);
    let post = client.send(describe("img-6pb6lrmy")).await.unwrap();
    let get = client
        .call(describe("img-6pb6lrmy"))
        .method(Method::Get)
        .send()
        .await
        .unwrap();
    assert_eq!(get.share_permission_set, post.share_permission_set);
    assert_eq!(get.share_permission_set.len(), 2);
    // Typed errors decode the same way over GET.
    let (typed, _) = action_error::<ShareError>(
        client
            .call(describe("img-x"))
            .method(Method::Get)
            .send()
            .await,
    )
    .await;
    assert_eq!(typed, ShareError::InvalidImageIdMalformed);
    // Every request was signed for its own method and verified.
    let methods: Vec<String> = mock.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["POST", "GET", "GET"]);
}

#[tokio::test]
async fn a_client_can_send_everything_as_get_and_a_call_as_post() {
    let mock = emulator(ImageSharing::seeded()).await;
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .retry(RetryConfig::disabled())
        .method(Method::Get)
        .build()
        .unwrap();
    let get = client.send(describe("img-6pb6lrmy")).await.unwrap();
    let post = client
        .call(describe("img-6pb6lrmy"))
        .method(Method::Post)
        .send()
        .await
        .unwrap();
    assert_eq!(get.share_permission_set, post.share_permission_set);
    let methods: Vec<String> = mock.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["GET", "POST"]);
}

#[tokio::test]
async fn an_action_declared_get_goes_as_get_unless_a_call_says_otherwise() {
    #[tc_core::tc_action(
        service = "cvm",
        version = "2017-03-12",
        name = "DescribeImageSharePermission",
        method = "GET",
        output = tc_cvm::DescribeImageSharePermissionResponse
    )]
    struct DescribeByQuery {
        image_id: String,
    }
    let mock = emulator(ImageSharing::seeded()).await;
    let client = client(&mock);
    let request = || DescribeByQuery {
        image_id: "img-6pb6lrmy".into(),
    };
    client.send(request()).await.unwrap();
    client
        .call(request())
        .method(Method::Post)
        .send()
        .await
        .unwrap();
    let methods: Vec<String> = mock.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["GET", "POST"]);
}

/// Signs a hand-made POST the way the official SDKs do (`content-type;host`),
/// with any timestamp.
fn sdk_style_headers(
    addr: &str,
    action: &str,
    version: &str,
    body: &[u8],
    timestamp: u64,
    secret_id: &str,
) -> Vec<(String, String)> {
    let content_type = "application/json";
    let input = SigningInput {
        method: "POST",
        path: "/",
        query: "",
        headers: &[("content-type", content_type), ("host", addr)],
        payload: Payload::Bytes(body),
        timestamp,
        service: "cvm",
    };
    let signature = sign::sign(&input, secret_id, KEY);
    vec![
        ("Host".into(), addr.into()),
        ("Content-Type".into(), content_type.into()),
        ("X-TC-Action".into(), action.into()),
        ("X-TC-Version".into(), version.into()),
        ("X-TC-Timestamp".into(), timestamp.to_string()),
        ("X-TC-Region".into(), "ap-guangzhou".into()),
        ("Authorization".into(), signature.authorization),
    ]
}

async fn send_raw(mock: &MockServer, headers: &[(String, String)], body: &[u8]) -> (u16, Value) {
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    raw_request(mock.addr(), "POST", "/", &headers, body).await
}

fn code(reply: &(u16, Value)) -> &str {
    assert_eq!(reply.0, 200, "errors come in a 200 envelope");
    assert!(
        reply.1["Response"]["RequestId"]
            .as_str()
            .is_some_and(|id| !id.is_empty()),
        "{}",
        reply.1
    );
    reply.1["Response"]["Error"]["Code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn protocol_errors_match_the_service() {
    let mock = emulator(ImageSharing::seeded()).await;
    let addr = mock.addr().to_string();
    let body = br#"{"ImageId":"img-6pb6lrmy"}"#;
    let now = tc_sign::time::unix_now();
    let good = sdk_style_headers(
        &addr,
        "DescribeImageSharePermission",
        "2017-03-12",
        body,
        now,
        ID,
    );

    // The official SDKs' header set (content-type;host) is accepted.
    let reply = send_raw(&mock, &good, body).await;
    assert_eq!(code(&reply), "", "{}", reply.1);
    assert_eq!(
        reply.1["Response"]["SharePermissionSet"][0]["AccountId"],
        "101104350000"
    );

    let stale = sdk_style_headers(
        &addr,
        "DescribeImageSharePermission",
        "2017-03-12",
        body,
        now - 301,
        ID,
    );
    assert_eq!(
        code(&send_raw(&mock, &stale, body).await),
        "AuthFailure.SignatureExpire"
    );

    let unknown = sdk_style_headers(
        &addr,
        "DescribeImageSharePermission",
        "2017-03-12",
        body,
        now,
        "AKIDunknown",
    );
    assert_eq!(
        code(&send_raw(&mock, &unknown, body).await),
        "AuthFailure.SecretIdNotFound"
    );

    let tampered = br#"{"ImageId":"img-8toqc6s3"}"#;
    assert_eq!(
        code(&send_raw(&mock, &good, tampered).await),
        "AuthFailure.SignatureFailure"
    );

    let without_auth: Vec<_> = good
        .iter()
        .filter(|(n, _)| n != "Authorization")
        .cloned()
        .collect();
    assert_eq!(
        code(&send_raw(&mock, &without_auth, body).await),
        "AuthFailure.InvalidAuthorization"
    );
    let mut garbled = without_auth.clone();
    garbled.push(("Authorization".into(), "TC3-HMAC-SHA256 nonsense".into()));
    assert_eq!(
        code(&send_raw(&mock, &garbled, body).await),
        "AuthFailure.InvalidAuthorization"
    );

    let without_action: Vec<_> = good
        .iter()
        .filter(|(n, _)| n != "X-TC-Action")
        .cloned()
        .collect();
    assert_eq!(
        code(&send_raw(&mock, &without_action, body).await),
        "MissingParameter"
    );

    // Signed for `cvm`: a host named for another service is refused, one
    // named for cvm, localhost or an IP address is not.
    for (host, expected) in [
        (
            "vpc.tencentcloudapi.com",
            "AuthFailure.InvalidAuthorization",
        ),
        ("cvm.tencentcloudapi.com", ""),
        ("cvm.internal:8080", ""),
        ("localhost:9000", ""),
        ("[::1]:9000", ""),
    ] {
        let headers = sdk_style_headers(
            host,
            "DescribeImageSharePermission",
            "2017-03-12",
            body,
            now,
            ID,
        );
        assert_eq!(
            code(&send_raw(&mock, &headers, body).await),
            expected,
            "{host}"
        );
    }

    let bad_action = sdk_style_headers(&addr, "DescribeNothing", "2017-03-12", body, now, ID);
    assert_eq!(
        code(&send_raw(&mock, &bad_action, body).await),
        "InvalidAction"
    );
    let bad_version = sdk_style_headers(
        &addr,
        "DescribeImageSharePermission",
        "2099-01-01",
        body,
        now,
        ID,
    );
    assert_eq!(
        code(&send_raw(&mock, &bad_version, body).await),
        "NoSuchVersion"
    );

    let empty = b"{}";
    let missing_param = sdk_style_headers(
        &addr,
        "DescribeImageSharePermission",
        "2017-03-12",
        empty,
        now,
        ID,
    );
    let reply = send_raw(&mock, &missing_param, empty).await;
    assert_eq!(code(&reply), "MissingParameter");
    assert!(
        reply.1["Response"]["Error"]["Message"]
            .as_str()
            .unwrap()
            .contains("ImageId")
    );
}

#[tokio::test]
async fn the_verifier_accepts_every_official_signing_vector() {
    let text = include_str!("../../tc-sign/tests/data/tc3.json");
    let vectors: Value = serde_json::from_str(text).unwrap();
    for vector in vectors["vectors"].as_array().unwrap() {
        let s = |k: &str| vector[k].as_str().unwrap().to_owned();
        let timestamp = vector["timestamp"].as_u64().unwrap();
        let mock = MockServer::builder()
            .credential(s("secret_id"), s("secret_key"))
            .fixed_time(timestamp + 10)
            .start()
            .await
            .unwrap();
        let mut headers = vec![
            ("Host".to_owned(), s("host")),
            ("Content-Type".to_owned(), s("content_type")),
            ("X-TC-Action".to_owned(), s("action")),
            ("X-TC-Version".to_owned(), s("version")),
            ("X-TC-Timestamp".to_owned(), timestamp.to_string()),
            ("X-TC-Region".to_owned(), s("region")),
            ("Authorization".to_owned(), s("authorization")),
        ];
        if vector["unsigned_payload"] == true {
            headers.insert(
                0,
                (
                    "X-TC-Content-SHA256".to_owned(),
                    "UNSIGNED-PAYLOAD".to_owned(),
                ),
            );
        }
        // The signature verifies, so the request is answered: with the
        // specs' example, as no handler for DescribeInstances is registered.
        let reply = send_raw(&mock, &headers, s("payload").as_bytes()).await;
        assert_eq!(code(&reply), "", "{}: {}", s("name"), reply.1);
        assert!(reply.1["Response"]["InstanceSet"].is_array(), "{}", reply.1);
        // An unsigned payload is just that: another body verifies as well.
        let other_body = s("payload").replace("\"Limit\": 1", "\"Limit\": 2");
        let reply = send_raw(&mock, &headers, other_body.as_bytes()).await;
        let expected = if vector["unsigned_payload"] == true {
            ""
        } else {
            "AuthFailure.SignatureFailure"
        };
        assert_eq!(code(&reply), expected, "{}: {}", s("name"), reply.1);
        // One changed digit in the signature and it no longer does.
        let last = headers.len() - 1;
        let auth = headers[last].1.clone();
        let flipped = if auth.ends_with('0') { "1" } else { "0" };
        headers[last].1 = format!("{}{flipped}", &auth[..auth.len() - 1]);
        let reply = send_raw(&mock, &headers, s("payload").as_bytes()).await;
        assert_eq!(
            code(&reply),
            "AuthFailure.SignatureFailure",
            "{}",
            s("name")
        );
    }
}

#[tokio::test]
async fn the_request_log_keeps_the_most_recent_requests() {
    let mock = MockServer::builder()
        .credential(ID, KEY)
        .request_log_limit(2)
        .start()
        .await
        .unwrap();
    Arc::new(ImageSharing::seeded()).install(&mock);
    let client = client(&mock);
    for image_id in ["img-6pb6lrmy", "img-00000001", "img-6pb6lrmy"] {
        let _ = client.send(describe(image_id)).await;
    }
    let errors: Vec<Option<String>> = mock.requests().into_iter().map(|r| r.error_code).collect();
    assert_eq!(
        errors,
        [Some("InvalidImageId.NotFound".to_owned()), None],
        "the last two, oldest first"
    );
}
