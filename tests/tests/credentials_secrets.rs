//! No secret (key, session token, web identity token) shows in any error
//! text, error source, or `Debug` output of the credential machinery, even
//! when a malformed answer or file holds it.

mod support;

use std::sync::Arc;

use support::{
    ROLE_LIST_PATH, Reply, metadata_stand_in, role_answer, scripted, temp_dir, write_profile_file,
};
use tc_core::credential::sts::AssumeRoleWithWebIdentity;
use tc_core::credential::{
    AssumeRoleProvider, CvmRoleProvider, DefaultChain, Env, EnvironmentProvider, OidcRoleProvider,
    ProfileProvider, ProvideCredential, Secret,
};
use tc_core::{Client, Credential, RetryConfig};
use tc_cvm::DescribeImageSharePermission;
use tc_emulator::sts::Sts;
use tc_mock::MockServer;

const MARKERS: [&str; 9] = [
    "ENV-SECRET-KEY-marker",
    "ENV-TOKEN-marker",
    "PROFILE-SECRET-marker",
    "META-SECRET-marker",
    "META-TOKEN-marker",
    "STS-SECRET-marker",
    "STS-TOKEN-marker",
    "OIDC-TOKEN-marker",
    "987654321987",
];

/// Display and Debug of `error` and of every error in its source chain.
fn error_texts(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = format!("{error} | {error:?} | {error:#?}");
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(" | {cause} | {cause:?}"));
        source = cause.source();
    }
    text
}

fn assert_clean(label: &str, text: &str) {
    for marker in MARKERS {
        assert!(!text.contains(marker), "{label} shows `{marker}`: {text}");
    }
}

#[tokio::test]
async fn credentials_and_providers_never_print_secrets() {
    let env = Env::fixed([
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "ENV-SECRET-KEY-marker"),
        ("TENCENTCLOUD_SESSION_TOKEN", "ENV-TOKEN-marker"),
    ]);
    let provider = EnvironmentProvider::with_env(env.clone());
    let credential = provider.provide_credential().await.unwrap();
    assert_eq!(credential.secret_key(), "ENV-SECRET-KEY-marker");
    let chain = DefaultChain::with_env(env.clone());
    chain.provide_credential().await.unwrap();
    let client = Client::builder()
        .credentials_provider(chain)
        .build()
        .unwrap();
    assert_clean(
        "env",
        &format!("{env:?} {provider:?} {credential:?} {credential:#?} {client:?}"),
    );

    let home = temp_dir("secrets-profile");
    write_profile_file(
        &home,
        "[default]\nsecret_id = AKIDp\nsecret_key = PROFILE-SECRET-marker\n",
    );
    let profile = ProfileProvider::with_env(&Env::fixed([("HOME", home.to_str().unwrap())]));
    let credential = profile.provide_credential().await.unwrap();
    assert_clean("profile", &format!("{profile:?} {credential:?}"));

    let metadata = metadata_stand_in(|path| match path.strip_prefix(ROLE_LIST_PATH) {
        Some("") => (200, "r".to_owned()),
        _ => (
            200,
            role_answer("AKIDm", "META-SECRET-marker", "META-TOKEN-marker", 3600),
        ),
    })
    .await;
    let cvm = CvmRoleProvider::new(metadata.endpoint());
    let credential = cvm.provide_credential().await.unwrap();
    assert_eq!(credential.token(), Some("META-TOKEN-marker"));
    assert_clean("cvm role", &format!("{cvm:?} {credential:?}"));

    let request = AssumeRoleWithWebIdentity {
        provider_id: "OIDC".into(),
        web_identity_token: Secret::new("OIDC-TOKEN-marker"),
        role_arn: "qcs::cam::uin/1:roleName/r".into(),
        role_session_name: "s".into(),
        duration_seconds: None,
    };
    assert_clean("request", &format!("{request:?} {request:#?}"));
    assert!(
        serde_json::to_string(&request)
            .unwrap()
            .contains("\"WebIdentityToken\":\"OIDC-TOKEN-marker\"")
    );
}

#[tokio::test]
async fn malformed_files_and_answers_do_not_leak_what_they_hold() {
    // A profile line that is not INI, holding the key.
    let dir = temp_dir("secrets-malformed");
    let path = dir.join("credentials");
    std::fs::write(
        &path,
        "[default]\nsecret_id = AKIDx\nsecret_key PROFILE-SECRET-marker\n",
    )
    .unwrap();
    let error = ProfileProvider::new(&path)
        .provide_credential()
        .await
        .unwrap_err();
    assert_clean("profile error", &error_texts(&error));

    // Metadata JSON with the wrong type where the key is, or elsewhere.
    for body in [
        r#"{"Code":"Success","TmpSecretId":"AKIDm","TmpSecretKey":987654321987,"Token":"META-TOKEN-marker","ExpiredTime":1}"#,
        r#"{"Code":"Success","TmpSecretId":"AKIDm","TmpSecretKey":"META-SECRET-marker","Token":"META-TOKEN-marker","ExpiredTime":"soon"}"#,
        r#"{"Code":"Failure","TmpSecretKey":"META-SECRET-marker","Token":"META-TOKEN-marker"}"#,
    ] {
        let metadata = metadata_stand_in(move |_| (200, body.to_owned())).await;
        let provider = CvmRoleProvider::new(metadata.endpoint()).role_name("r");
        let error = provider.provide_credential().await.unwrap_err();
        assert_clean(
            "metadata error",
            &format!("{} {provider:?}", error_texts(&error)),
        );
    }

    // STS answers that cannot be decoded, with the key and token inside:
    // through the provider and through a client using it.
    for body in [
        r#"{"Response":{"Credentials":{"Token":"STS-TOKEN-marker","TmpSecretId":"AKIDs","TmpSecretKey":"STS-SECRET-marker"},"ExpiredTime":"soon","Expiration":"","RequestId":"r"}}"#,
        r#"{"Response":{"Credentials":{"Token":"STS-TOKEN-marker","TmpSecretId":"AKIDs","TmpSecretKey":987654321987},"ExpiredTime":1,"Expiration":"","RequestId":"r"}}"#,
        r#"{"Response":{"Credentials":{"Token":"STS-TOKEN-marker","TmpSecretId":"","TmpSecretKey":"STS-SECRET-marker"},"ExpiredTime":1,"Expiration":"","RequestId":"r"}}"#,
        "<html>STS-SECRET-marker</html>",
    ] {
        let server = scripted(vec![Reply::ok(body)]).await;
        let sts = Client::builder()
            .endpoint(server.endpoint())
            .credential(Credential::new("AKIDbase", "k"))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        let provider = Arc::new(AssumeRoleProvider::new(
            sts,
            "qcs::cam::uin/1:roleName/r",
            "s",
        ));
        let error = provider.provide_credential().await.unwrap_err();
        assert_clean("sts error", &error_texts(&error));
        let client = Client::builder()
            .endpoint(server.endpoint())
            .credentials_provider(Arc::clone(&provider))
            .build()
            .unwrap();
        let error = client
            .send(DescribeImageSharePermission {
                image_id: "img-6pb6lrmy".into(),
            })
            .await
            .unwrap_err();
        assert!(matches!(error, tc_core::Error::Credentials(_)), "{error:?}");
        assert_clean(
            "client error",
            &format!("{} {client:?} {provider:?}", error_texts(&error)),
        );
    }
}

#[tokio::test]
async fn issued_credentials_and_rejected_tokens_stay_hidden() {
    let mock = MockServer::builder()
        .credential("AKIDbase", "base-key")
        .start()
        .await
        .unwrap();
    Arc::new(Sts::new().with_web_identity("OIDC", "the-right-token")).install(&mock);
    let sts = mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let provider = AssumeRoleProvider::new(sts, "qcs::cam::uin/1:roleName/r", "s");
    let issued = provider.provide_credential().await.unwrap();
    let debug = format!("{provider:?} {issued:?}");
    assert!(
        !debug.contains(issued.secret_key()) && !debug.contains(issued.token().unwrap()),
        "{debug}"
    );

    let dir = temp_dir("secrets-oidc");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "OIDC-TOKEN-marker").unwrap();
    let sts = Client::builder()
        .endpoint(mock.endpoint())
        .region("ap-guangzhou");
    let oidc =
        OidcRoleProvider::new(sts, "OIDC", &token_file, "qcs::cam::uin/1:roleName/r").unwrap();
    let error = oidc.provide_credential().await.unwrap_err();
    assert_clean("oidc error", &format!("{} {oidc:?}", error_texts(&error)));
}
