//! The default chain, env → profile file → OIDC → CVM role, with every input
//! given explicitly (a fixed environment, a temporary home, loopback servers),
//! so that no test touches the process environment.

mod support;

use std::sync::Arc;

use support::{
    MetadataStandIn, ROLE_LIST_PATH, closed_port_url, metadata_stand_in, role_answer, temp_dir,
    write_profile_file,
};
use tc_core::credential::{CredentialErrorKind, DefaultChain, Env, ProvideCredential};
use tc_emulator::sts::Sts;
use tc_mock::MockServer;

const PROFILE: &str = "[default]\nsecret_id = AKIDprofile\nsecret_key = profile-key\n\n[ci]\nsecret_id = AKIDci\nsecret_key = ci-key\n";
const ROLE_ARN: &str = "qcs::cam::uin/100000000001:roleName/tke-workload";

/// A metadata service with role `cvm-role` and its credentials.
async fn metadata() -> MetadataStandIn {
    metadata_stand_in(|path| match path.strip_prefix(ROLE_LIST_PATH) {
        Some("") => (200, "cvm-role".to_owned()),
        Some("cvm-role") => (200, role_answer("AKIDcvm", "cvm-key", "cvm-token", 3600)),
        _ => (404, "not found".to_owned()),
    })
    .await
}

fn env(home: &std::path::Path, metadata: &str, extra: &[(&str, &str)]) -> Env {
    let mut vars = vec![
        ("HOME".to_owned(), home.display().to_string()),
        (
            "TENCENTCLOUD_METADATA_ENDPOINT".to_owned(),
            metadata.to_owned(),
        ),
    ];
    vars.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Env::fixed(vars)
}

async fn secret_id(chain: &DefaultChain) -> String {
    chain
        .provide_credential()
        .await
        .unwrap()
        .secret_id()
        .to_owned()
}

#[tokio::test]
async fn the_environment_comes_first() {
    let home = temp_dir("chain-env");
    write_profile_file(&home, PROFILE);
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", "env-key"),
            ("TENCENTCLOUD_SESSION_TOKEN", "env-token"),
        ],
    ));
    let credential = chain.provide_credential().await.unwrap();
    assert_eq!(
        (credential.secret_id(), credential.token()),
        ("AKIDenv", Some("env-token"))
    );
    assert_eq!(chain.chosen(), Some("environment"));
    assert!(metadata.paths().is_empty(), "later sources are not asked");
}

#[tokio::test]
async fn the_profile_file_comes_second_and_profiles_are_selectable() {
    let home = temp_dir("chain-profile");
    write_profile_file(&home, PROFILE);
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(&home, &metadata.endpoint(), &[]));
    assert_eq!(secret_id(&chain).await, "AKIDprofile");
    assert_eq!(chain.chosen(), Some("profile file"));

    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[("TENCENTCLOUD_PROFILE", "ci")],
    ));
    assert_eq!(secret_id(&chain).await, "AKIDci");

    let elsewhere = temp_dir("chain-profile-file").join("creds.ini");
    std::fs::write(
        &elsewhere,
        "[default]\nsecret_id = AKIDnamed\nsecret_key = k\n",
    )
    .unwrap();
    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[("TENCENTCLOUD_CREDENTIALS_FILE", elsewhere.to_str().unwrap())],
    ));
    assert_eq!(
        secret_id(&chain).await,
        "AKIDnamed",
        "TENCENTCLOUD_CREDENTIALS_FILE wins over ~/.tencentcloud"
    );
    assert!(metadata.paths().is_empty());
}

#[tokio::test]
async fn oidc_comes_third_when_its_variables_are_set() {
    let home = temp_dir("chain-oidc");
    let token_file = home.join("token");
    std::fs::write(&token_file, "oidc-jwt-token\n").unwrap();
    let mock = MockServer::builder().start().await.unwrap();
    Arc::new(
        Sts::new()
            .with_role(ROLE_ARN)
            .with_web_identity("OIDC", "oidc-jwt-token"),
    )
    .install(&mock);
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[
            ("TKE_REGION", "ap-guangzhou"),
            ("TKE_PROVIDER_ID", "OIDC"),
            ("TKE_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
            ("TKE_ROLE_ARN", ROLE_ARN),
        ],
    ))
    .sts_endpoint(mock.endpoint());
    let credential = chain.provide_credential().await.unwrap();
    assert!(
        credential.secret_id().starts_with("AKIDtmp"),
        "{credential:?}"
    );
    assert!(credential.token().is_some() && credential.expires_at().is_some());
    assert_eq!(chain.chosen(), Some("OIDC (TKE)"));
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (
            requests[0].action.as_str(),
            requests[0].error_code.as_deref()
        ),
        ("AssumeRoleWithWebIdentity", None)
    );
    assert!(metadata.paths().is_empty(), "the CVM role is not asked");
}

#[tokio::test]
async fn the_cvm_role_comes_last() {
    let home = temp_dir("chain-cvm");
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(&home, &metadata.endpoint(), &[]));
    let credential = chain.provide_credential().await.unwrap();
    assert_eq!(
        (credential.secret_id(), credential.token()),
        ("AKIDcvm", Some("cvm-token"))
    );
    assert_eq!(chain.chosen(), Some("CVM role"));
    assert_eq!(
        metadata.paths(),
        [
            ROLE_LIST_PATH.to_owned(),
            format!("{ROLE_LIST_PATH}cvm-role")
        ]
    );
}

#[tokio::test]
async fn a_broken_profile_file_is_reported_not_skipped() {
    let home = temp_dir("chain-broken");
    let path = write_profile_file(
        &home,
        "[default]\nsecret_id = AKIDx\nsecret_key profile-secret\n",
    );
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(&home, &metadata.endpoint(), &[]));
    let error = chain.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Invalid);
    let text = error.to_string();
    assert!(
        text.contains(&path.display().to_string()) && text.contains("line 3"),
        "{text}"
    );
    assert!(
        text.starts_with(
            "credentials source `profile file` is unusable (before it, 1) environment: "
        ),
        "{text}"
    );
    assert!(!text.contains("profile-secret"), "{text}");
    assert!(
        metadata.paths().is_empty(),
        "the CVM role is not asked in its place"
    );
    assert_eq!(chain.chosen(), None);
}

#[tokio::test]
async fn half_set_variables_are_reported_not_skipped() {
    let home = temp_dir("chain-half");
    write_profile_file(&home, PROFILE);
    let metadata = metadata().await;
    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[("TENCENTCLOUD_SECRET_ID", "AKIDenv")],
    ));
    let error = chain.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Invalid);
    assert_eq!(
        error.to_string(),
        "credentials source `environment` is unusable: TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"
    );

    let chain = DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[("TKE_REGION", "ap-guangzhou")],
    ));
    assert_eq!(
        secret_id(&chain).await,
        "AKIDprofile",
        "the profile file answers before OIDC is looked at"
    );
    let empty_home = temp_dir("chain-half-oidc");
    let chain = DefaultChain::with_env(env(
        &empty_home,
        &metadata.endpoint(),
        &[("TKE_REGION", "ap-guangzhou")],
    ));
    let error = chain.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Invalid);
    assert!(
        error.to_string().contains("`OIDC (TKE)` is unusable"),
        "{error}"
    );
    assert!(metadata.paths().is_empty());
}

#[tokio::test]
async fn nothing_anywhere_lists_every_source_tried_in_order() {
    let home = temp_dir("chain-nothing");
    let closed = closed_port_url();
    let chain = DefaultChain::with_env(env(&home, &closed, &[]));
    let started = std::time::Instant::now();
    let error = chain.provide_credential().await.unwrap_err();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "fails fast: {:?}",
        started.elapsed()
    );
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
    let text = error.to_string();
    let expected = format!(
        "no credentials found; tried in order: \
         1) environment: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set; \
         2) profile file: no credentials file at {home}/.tencentcloud/credentials or /etc/tencentcloud/credentials; \
         3) OIDC (TKE): TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN are not set; \
         4) CVM role: the metadata service at {closed} did not answer (cannot connect), so this is probably not a CVM instance",
        home = home.display()
    );
    if std::path::Path::new("/etc/tencentcloud/credentials").exists() {
        eprintln!("skipped the exact message: this machine has /etc/tencentcloud/credentials");
        return;
    }
    assert_eq!(text, expected);
}

#[tokio::test]
async fn the_answering_source_is_remembered_and_files_are_read_once() {
    let home = temp_dir("chain-once");
    let path = write_profile_file(&home, PROFILE);
    let chain = DefaultChain::with_env(env(&home, &closed_port_url(), &[]));
    assert_eq!(secret_id(&chain).await, "AKIDprofile");
    std::fs::write(&path, "this is no longer INI").unwrap();
    for _ in 0..3 {
        assert_eq!(secret_id(&chain).await, "AKIDprofile", "not read again");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_requests_share_one_search() {
    let home = temp_dir("chain-concurrent");
    let metadata = metadata().await;
    let chain = Arc::new(DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[],
    )));
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let chain = Arc::clone(&chain);
            tokio::spawn(async move {
                chain
                    .provide_credential()
                    .await
                    .map(|c| c.secret_id().to_owned())
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), "AKIDcvm");
    }
    assert_eq!(
        metadata.paths().len(),
        2,
        "one discovery and one fetch: {:?}",
        metadata.paths()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_callers_share_one_failed_search() {
    let home = temp_dir("chain-concurrent-fail");
    let metadata = metadata_stand_in(|_| (404, String::new())).await;
    let chain = Arc::new(DefaultChain::with_env(env(
        &home,
        &metadata.endpoint(),
        &[],
    )));
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let chain = Arc::clone(&chain);
            tokio::spawn(async move { chain.provide_credential().await.map(|_| ()) })
        })
        .collect();
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        assert!(
            error.to_string().contains("no CAM role is bound"),
            "{error}"
        );
    }
    // Callers that waited take the failure they waited on; later ones get it
    // from the CVM role's pause after a failure, so the service is asked once.
    assert_eq!(metadata.paths().len(), 1, "{:?}", metadata.paths());
}
