//! Temporary credentials from STS (tc-mock answering `AssumeRole` and
//! `AssumeRoleWithWebIdentity`), used by a client for real signed calls to the
//! same endpoint, which accepts them with their token until they expire.
//! These tests wait for real time to pass (a few seconds each): expiry is
//! given by the service in whole Unix seconds.

mod support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tc_core::credential::{
    AssumeRoleProvider, CredentialErrorKind, OidcRoleProvider, ProvideCredential, RefreshConfig,
};
use tc_core::{Client, Credential, Error, RetryConfig};
use tc_cvm::DescribeImageSharePermission;
use tc_emulator::cvm::ImageSharing;
use tc_emulator::sts::Sts;
use tc_mock::{MockError, MockServer};

const ROLE: &str = "qcs::cam::uin/100000000001:roleName/deployer";

struct Setup {
    mock: MockServer,
    sts: Arc<Sts>,
}

async fn setup(sts: Sts) -> Setup {
    let mock = MockServer::builder()
        .credential("AKIDbase", "base-key")
        .start()
        .await
        .unwrap();
    Arc::new(ImageSharing::seeded()).install(&mock);
    let sts = Arc::new(sts);
    Arc::clone(&sts).install(&mock);
    Setup { mock, sts }
}

impl Setup {
    fn assume_role(&self, config: RefreshConfig) -> Arc<AssumeRoleProvider> {
        let sts_client = self
            .mock
            .client_builder()
            .region("ap-guangzhou")
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        Arc::new(AssumeRoleProvider::new(sts_client, ROLE, "refresh-test").refresh_config(config))
    }

    fn cvm_client(&self, provider: &Arc<AssumeRoleProvider>) -> Client {
        Client::builder()
            .endpoint(self.mock.endpoint())
            .region("ap-guangzhou")
            .credentials_provider(Arc::clone(provider))
            .retry(RetryConfig::disabled())
            .rate_limits(false)
            .build()
            .unwrap()
    }

    /// Requests for `action` so far, and how many of them failed.
    fn count(&self, action: &str) -> (usize, usize) {
        let requests: Vec<_> = self
            .mock
            .requests()
            .into_iter()
            .filter(|r| r.action == action)
            .collect();
        (
            requests.len(),
            requests.iter().filter(|r| r.error_code.is_some()).count(),
        )
    }
}

fn describe() -> DescribeImageSharePermission {
    DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    }
}

/// Sends the seed call from `n` tasks at once.
async fn concurrent_calls(client: &Client, n: usize) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.send(describe()).await.map(|_| ()) })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

async fn expiry_of(provider: &AssumeRoleProvider) -> SystemTime {
    provider
        .provide_credential()
        .await
        .unwrap()
        .expires_at()
        .unwrap()
}

/// Sleeps until `offset` before `instant` (at once if that has passed).
async fn sleep_until_before(instant: SystemTime, offset: Duration) {
    let target = instant - offset;
    if let Ok(wait) = target.duration_since(SystemTime::now()) {
        tokio::time::sleep(wait).await;
    }
}

fn all_ok(results: &[Result<(), Error>]) {
    for result in results {
        if let Err(error) = result {
            panic!("a call failed: {error}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_fetch_then_one_refresh_ahead_of_expiry_under_100_concurrent_callers() {
    let setup = setup(
        Sts::new()
            .with_role(ROLE)
            .with_lifetime(Duration::from_secs(10)),
    )
    .await;
    let config = RefreshConfig::default()
        .with_refresh_ahead(Duration::from_secs(5), Duration::ZERO)
        .with_min_validity(Duration::from_secs(2));
    let provider = setup.assume_role(config);
    let client = setup.cvm_client(&provider);

    all_ok(&concurrent_calls(&client, 100).await);
    assert_eq!(
        setup.count("AssumeRole"),
        (1, 0),
        "100 first callers, one fetch"
    );
    assert_eq!(
        setup.count("DescribeImageSharePermission"),
        (100, 0),
        "signed with the temporary key and token"
    );
    let first = provider.provide_credential().await.unwrap();

    // Due for refresh (5 s ahead), still valid for more than 2 s.
    sleep_until_before(first.expires_at().unwrap(), Duration::from_millis(4200)).await;
    all_ok(&concurrent_calls(&client, 100).await);
    assert_eq!(setup.count("AssumeRole"), (2, 0), "exactly one refresh");
    assert_eq!(setup.sts.issued(), 2);
    let second = provider.provide_credential().await.unwrap();
    assert_ne!(first.secret_id(), second.secret_id());
    assert!(second.expires_at() > first.expires_at());
    assert_eq!(setup.count("DescribeImageSharePermission"), (200, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_expiry_100_concurrent_callers_trigger_one_fetch_and_none_uses_the_expired_key() {
    let setup = setup(
        Sts::new()
            .with_role(ROLE)
            .with_lifetime(Duration::from_secs(3)),
    )
    .await;
    let config = RefreshConfig::default()
        .with_refresh_ahead(Duration::from_secs(1), Duration::ZERO)
        .with_min_validity(Duration::from_millis(500));
    let provider = setup.assume_role(config);
    let client = setup.cvm_client(&provider);
    client.send(describe()).await.unwrap();
    let expired = provider.provide_credential().await.unwrap();

    // Past the real expiry: the endpoint would refuse the old key.
    let expires_at = expired.expires_at().unwrap();
    tokio::time::sleep(
        expires_at
            .duration_since(SystemTime::now())
            .unwrap_or_default()
            + Duration::from_millis(1100),
    )
    .await;
    all_ok(&concurrent_calls(&client, 100).await);
    assert_eq!(
        setup.count("AssumeRole"),
        (2, 0),
        "one fetch for 100 callers"
    );
    assert_eq!(
        setup.count("DescribeImageSharePermission"),
        (101, 0),
        "no call went out with the expired key"
    );
    assert_ne!(
        provider.provide_credential().await.unwrap().secret_id(),
        expired.secret_id()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_refresh_keeps_serving_valid_credentials_retries_later_and_never_uses_expired_ones()
 {
    let setup = setup(
        Sts::new()
            .with_role(ROLE)
            .with_lifetime(Duration::from_secs(10)),
    )
    .await;
    let config = RefreshConfig::default()
        .with_refresh_ahead(Duration::from_secs(5), Duration::ZERO)
        .with_min_validity(Duration::from_secs(2))
        .with_retry_after_failure(Duration::from_secs(1));
    let provider = setup.assume_role(config);
    let client = setup.cvm_client(&provider);
    client.send(describe()).await.unwrap();
    let expires_at = expiry_of(&provider).await;

    setup.sts.set_outage(Some(MockError::new(
        "InternalError.SystemError",
        "STS is down for maintenance.",
    )));
    sleep_until_before(expires_at, Duration::from_millis(4400)).await;
    all_ok(&concurrent_calls(&client, 100).await);
    assert_eq!(
        setup.count("AssumeRole"),
        (2, 1),
        "one refresh tried, and it failed"
    );
    client.send(describe()).await.unwrap();
    assert_eq!(
        setup.count("AssumeRole"),
        (2, 1),
        "not tried again during the pause"
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.send(describe()).await.unwrap();
    assert_eq!(
        setup.count("AssumeRole"),
        (3, 2),
        "tried again after the pause"
    );
    assert_eq!(
        setup.count("DescribeImageSharePermission"),
        (103, 0),
        "served with the still-valid key"
    );

    // Less than 2 s left: no longer usable, and STS still down.
    sleep_until_before(expires_at, Duration::from_millis(1500)).await;
    let error = client.send(describe()).await.unwrap_err();
    let Error::Credentials(credential_error) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(credential_error.kind(), CredentialErrorKind::Provider);
    assert!(
        error
            .to_string()
            .contains("InternalError.SystemError: STS is down"),
        "{error}"
    );
    assert!(error.to_string().contains(ROLE), "{error}");
    assert_eq!(
        setup.count("DescribeImageSharePermission"),
        (103, 0),
        "nothing sent with an expiring key"
    );

    setup.sts.set_outage(None);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    client.send(describe()).await.unwrap();
    assert_eq!(setup.sts.issued(), 2);
}

#[tokio::test]
async fn a_rejected_role_is_reported_with_the_service_code() {
    let setup = setup(Sts::new().with_role(ROLE)).await;
    let sts_client = setup
        .mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let provider = AssumeRoleProvider::new(
        sts_client,
        "qcs::cam::uin/100000000001:roleName/nobody",
        "s",
    );
    let error = provider.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Provider);
    let text = error.to_string();
    assert!(text.starts_with("assuming role qcs::cam::uin/100000000001:roleName/nobody: AssumeRole failed: ResourceNotFound.RoleNotFound: "), "{text}");
}

#[tokio::test]
async fn the_endpoint_checks_the_token_of_temporary_credentials() {
    let setup = setup(Sts::new()).await;
    let provider = setup.assume_role(RefreshConfig::default());
    let issued = provider.provide_credential().await.unwrap();
    let without_token = Client::builder()
        .endpoint(setup.mock.endpoint())
        .credential(Credential::new(issued.secret_id(), issued.secret_key()))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    let error = without_token.send(describe()).await.unwrap_err();
    assert_eq!(error.code(), Some("AuthFailure.TokenFailure"), "{error}");
}

#[tokio::test]
async fn oidc_sends_the_token_unsigned_and_unsigned_calls_are_refused_elsewhere() {
    let setup = setup(
        Sts::new()
            .with_role(ROLE)
            .with_web_identity("OIDC", "jwt-from-tke"),
    )
    .await;
    let dir = support::temp_dir("oidc");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "jwt-from-tke\n").unwrap();
    let sts = Client::builder()
        .endpoint(setup.mock.endpoint())
        .region("ap-guangzhou");
    let provider = Arc::new(
        OidcRoleProvider::new(sts, "OIDC", &token_file, ROLE)
            .unwrap()
            .duration_seconds(900),
    );
    let credential = provider.provide_credential().await.unwrap();
    assert!(credential.token().is_some());
    let client = Client::builder()
        .endpoint(setup.mock.endpoint())
        .credentials_provider(Arc::clone(&provider))
        .build()
        .unwrap();
    client.send(describe()).await.unwrap();
    assert_eq!(setup.count("AssumeRoleWithWebIdentity"), (1, 0));

    // A wrong token: refused by STS, and not shown in the error.
    std::fs::write(&token_file, "forged-jwt-token").unwrap();
    let sts = Client::builder()
        .endpoint(setup.mock.endpoint())
        .region("ap-guangzhou");
    let forged = OidcRoleProvider::new(sts, "OIDC", &token_file, ROLE).unwrap();
    let error = forged.provide_credential().await.unwrap_err();
    assert!(
        error.to_string().contains("InvalidParameter.ParamError"),
        "{error}"
    );
    assert!(!format!("{error} {error:?} {forged:?}").contains("forged-jwt-token"));

    // Unsigned is for AssumeRoleWithWebIdentity only.
    let anonymous = Client::builder()
        .endpoint(setup.mock.endpoint())
        .credential(Credential::anonymous())
        .build()
        .unwrap();
    let error = anonymous.send(describe()).await.unwrap_err();
    assert_eq!(
        error.code(),
        Some("AuthFailure.InvalidAuthorization"),
        "{error}"
    );
}
