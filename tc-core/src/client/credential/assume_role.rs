//! Temporary credentials for a CAM role, by STS `AssumeRole`.

use std::fmt;
use std::sync::Arc;

use super::issued::{credential_from, sts_failure};
use super::sts::AssumeRole;
use crate::client::Client;
use crate::credential::{
    Cache, Credential, CredentialError, ProvideCredential, ProvideFuture, RefreshConfig,
};

/// Assumes a role with STS `AssumeRole` and serves its temporary credentials,
/// cached and refreshed ahead of expiry (one refresh at a time).
///
/// The STS calls go through `client`, which holds the credential allowed to
/// assume the role, the region, and any endpoint override:
///
/// ```no_run
/// use tc_core::{Client, Credential};
/// use tc_core::credential::AssumeRoleProvider;
///
/// # fn run() -> Result<(), tc_core::Error> {
/// let sts = Client::builder()
///     .region("ap-guangzhou")
///     .credential(Credential::new("AKID...", "..."))
///     .build()?;
/// let role = AssumeRoleProvider::new(sts, "qcs::cam::uin/100000000001:roleName/deployer", "ci-run")
///     .duration_seconds(3600);
/// let client = Client::builder().region("ap-guangzhou").credentials_provider(role).build()?;
/// # let _ = client; Ok(()) }
/// ```
pub struct AssumeRoleProvider {
    client: Client,
    request: AssumeRole,
    cache: Cache,
}

impl AssumeRoleProvider {
    /// Assumes `role_arn` for a session named `session_name`, calling STS
    /// through `client`.
    pub fn new(
        client: Client,
        role_arn: impl Into<String>,
        session_name: impl Into<String>,
    ) -> Self {
        AssumeRoleProvider {
            client,
            request: AssumeRole {
                role_arn: role_arn.into(),
                role_session_name: session_name.into(),
                duration_seconds: None,
                policy: None,
                external_id: None,
            },
            cache: Cache::new(RefreshConfig::default()),
        }
    }

    /// Asks for credentials valid this many seconds (the service's default is 7200).
    #[must_use]
    pub fn duration_seconds(mut self, seconds: u64) -> Self {
        self.request.duration_seconds = Some(seconds);
        self
    }

    /// Narrows the role's permissions with a policy (JSON).
    #[must_use]
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.request.policy = Some(policy.into());
        self
    }

    /// Sends the external id the role's trust policy requires.
    #[must_use]
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.request.external_id = Some(external_id.into());
        self
    }

    /// Sets when to refresh.
    #[must_use]
    pub fn refresh_config(mut self, config: RefreshConfig) -> Self {
        self.cache.set_config(config);
        self
    }

    async fn fetch(&self) -> Result<Arc<Credential>, CredentialError> {
        let action = "AssumeRole";
        let role = &self.request.role_arn;
        let out = self
            .client
            .send(self.request.clone())
            .await
            .map_err(|e| sts_failure(action, e).context(format!("assuming role {role}")))?;
        credential_from(action, &out.credentials, out.expired_time, &out.expiration)
            .map_err(|e| e.context(format!("assuming role {role}")))
    }
}

impl ProvideCredential for AssumeRoleProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(self.cache.get(|| self.fetch()))
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.cache.fresh()
    }
}

impl fmt::Debug for AssumeRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleProvider")
            .field("role_arn", &self.request.role_arn)
            .field("role_session_name", &self.request.role_session_name)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}
