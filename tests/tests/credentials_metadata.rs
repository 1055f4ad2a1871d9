//! The CVM role provider against a stand-in for the metadata service.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use support::{
    ROLE_LIST_PATH, Reply, closed_port_url, describe_image, metadata_stand_in, role_answer,
    scripted,
};
use tc_core::Client;
use tc_core::credential::{
    CredentialErrorKind, CvmRoleProvider, Env, ProvideCredential, RefreshConfig,
};

#[tokio::test]
async fn discovers_the_role_and_signs_with_its_credentials_and_token() {
    // The role list ends with a newline, as the service writes it.
    let metadata = metadata_stand_in(|path| match path.strip_prefix(ROLE_LIST_PATH) {
        Some("") => (200, "app-role\n".to_owned()),
        Some("app-role") => (
            200,
            role_answer("AKIDcvm", "cvm-secret-key", "cvm-session-token", 7200),
        ),
        _ => (404, String::new()),
    })
    .await;
    let api = scripted(vec![Reply::ok(
        r#"{"Response":{"SharePermissionSet":[],"RequestId":"r-1"}}"#,
    )])
    .await;
    let client = Client::builder()
        .endpoint(api.endpoint())
        .credentials_provider(CvmRoleProvider::new(metadata.endpoint()))
        .build()
        .unwrap();
    client.send(describe_image()).await.unwrap();
    client.send(describe_image()).await.unwrap();
    let sent = api.requests();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert!(
            request
                .header("authorization")
                .unwrap()
                .contains("Credential=AKIDcvm/")
        );
        assert_eq!(request.header("x-tc-token"), Some("cvm-session-token"));
    }
    assert_eq!(
        metadata.paths(),
        [
            ROLE_LIST_PATH.to_owned(),
            format!("{ROLE_LIST_PATH}app-role")
        ],
        "cached: asked once"
    );
}

#[tokio::test]
async fn refreshes_from_the_metadata_service_before_expiry() {
    let serial = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&serial);
    let metadata = metadata_stand_in(move |path| match path.strip_prefix(ROLE_LIST_PATH) {
        Some("app-role") => {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            (200, role_answer(&format!("AKIDcvm{n}"), "k", "t", 4))
        }
        _ => (404, String::new()),
    })
    .await;
    // Valid about 4 s and refreshed 60 s ahead: due after half the lifetime,
    // the earliest a refresh happens.
    let provider = CvmRoleProvider::new(metadata.endpoint())
        .role_name("app-role")
        .refresh_config(
            RefreshConfig::default()
                .with_refresh_ahead(Duration::from_secs(60), Duration::ZERO)
                .with_min_validity(Duration::from_millis(500)),
        );
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDcvm1"
    );
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDcvm1",
        "not due yet"
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDcvm2",
        "refreshed"
    );
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDcvm2"
    );
    assert_eq!(
        metadata.paths(),
        vec![format!("{ROLE_LIST_PATH}app-role"); 2],
        "a given role name skips discovery"
    );
}

#[tokio::test]
async fn an_instance_without_a_role_is_not_found() {
    let metadata = metadata_stand_in(|_| (404, "<html>404</html>".to_owned())).await;
    let error = CvmRoleProvider::new(metadata.endpoint())
        .provide_credential()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
    assert!(
        error
            .to_string()
            .starts_with("no CAM role is bound to this instance"),
        "{error}"
    );

    let empty = metadata_stand_in(|_| (200, "\n".to_owned())).await;
    let error = CvmRoleProvider::new(empty.endpoint())
        .provide_credential()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
}

#[tokio::test]
async fn off_cvm_fails_fast() {
    let started = Instant::now();
    let error = CvmRoleProvider::new(closed_port_url())
        .provide_credential()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );

    // A service that accepts the connection and never answers: the default
    // time limit (3 s in all) ends it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent = format!("http://{}", listener.local_addr().unwrap());
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let error = CvmRoleProvider::new(silent)
        .provide_credential()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
    assert!(error.to_string().contains("timed out"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    hold.abort();
}

#[tokio::test]
async fn a_present_but_failing_role_is_reported() {
    let cases: [(&str, (u16, String), CredentialErrorKind, &str); 4] = [
        (
            "refused",
            (200, r#"{"Code":"Failure","TmpSecretKey":"k"}"#.to_owned()),
            CredentialErrorKind::Provider,
            "refused: Code `Failure`",
        ),
        (
            "status",
            (500, "oops".to_owned()),
            CredentialErrorKind::Provider,
            "answered HTTP 500",
        ),
        (
            "json",
            (200, "{not json".to_owned()),
            CredentialErrorKind::Invalid,
            "unexpected JSON",
        ),
        (
            "no-expiry",
            (
                200,
                r#"{"Code":"Success","TmpSecretId":"AKIDx","TmpSecretKey":"k","Token":"t"}"#
                    .to_owned(),
            ),
            CredentialErrorKind::Invalid,
            "neither a usable ExpiredTime nor Expiration",
        ),
    ];
    for (label, answer, kind, expected) in cases {
        let metadata = metadata_stand_in(move |path| match path.strip_prefix(ROLE_LIST_PATH) {
            Some("") => (200, "app-role".to_owned()),
            _ => answer.clone(),
        })
        .await;
        let error = CvmRoleProvider::new(metadata.endpoint())
            .provide_credential()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), kind, "{label}: {error}");
        let text = error.to_string();
        assert!(
            text.starts_with("CVM role `app-role`: ") && text.contains(expected),
            "{label}: {text}"
        );
    }
}

#[tokio::test]
async fn the_expiration_string_serves_when_expired_time_is_absent() {
    let metadata = metadata_stand_in(|_| {
        (200, r#"{"Code":"Success","TmpSecretId":"AKIDiso","TmpSecretKey":"k","Token":"t","Expiration":"2999-01-01T00:00:00Z"}"#.to_owned())
    })
    .await;
    let credential = CvmRoleProvider::new(metadata.endpoint())
        .role_name("r")
        .provide_credential()
        .await
        .unwrap();
    assert_eq!(credential.secret_id(), "AKIDiso");
    assert!(credential.expires_at().is_some());
}

#[tokio::test]
async fn the_endpoint_comes_from_the_environment_given() {
    let provider = CvmRoleProvider::with_env(&Env::fixed([(
        "TENCENTCLOUD_METADATA_ENDPOINT",
        "http://127.0.0.1:9/",
    )]));
    assert_eq!(provider.endpoint(), "http://127.0.0.1:9");
    assert_eq!(
        CvmRoleProvider::with_env(&Env::fixed::<&str, &str>([])).endpoint(),
        "http://metadata.tencentyun.com"
    );
}
