//! Temporary credentials for a TKE workload, by STS `AssumeRoleWithWebIdentity`
//! with the service account's OIDC token.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::issued::{credential_from, sts_failure};
use super::sts::AssumeRoleWithWebIdentity;
use crate::client::{Client, ClientBuilder};
use crate::credential::{
    Cache, Credential, CredentialError, Env, ProvideCredential, ProvideFuture, RefreshConfig,
    Secret, StaticProvider,
};
use tc_sign::time::unix_now;

/// Environment variable with the region to call STS in.
pub const ENV_TKE_REGION: &str = "TKE_REGION";
/// Environment variable with the OIDC identity provider's id.
pub const ENV_TKE_PROVIDER_ID: &str = "TKE_PROVIDER_ID";
/// Environment variable with the path of the file holding the OIDC token.
pub const ENV_TKE_WEB_IDENTITY_TOKEN_FILE: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// Environment variable with the role to assume.
pub const ENV_TKE_ROLE_ARN: &str = "TKE_ROLE_ARN";

const TKE_VARIABLES: [&str; 4] = [
    ENV_TKE_REGION,
    ENV_TKE_PROVIDER_ID,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
    ENV_TKE_ROLE_ARN,
];

/// Exchanges an OIDC token for a role's temporary credentials with STS
/// `AssumeRoleWithWebIdentity` (sent unsigned: the token is the proof), and
/// serves them cached and refreshed ahead of expiry. The token file is read
/// again at each refresh, since the platform rotates it.
pub struct OidcRoleProvider {
    client: Client,
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    session_name: String,
    duration_seconds: Option<u64>,
    cache: Cache,
}

impl OidcRoleProvider {
    /// Assumes `role_arn` with the token in `token_file`, issued by
    /// `provider_id`. `sts` configures the STS client (region, endpoint,
    /// timeouts); its credential is replaced by
    /// [`Credential::anonymous`].
    ///
    /// # Errors
    /// [`CredentialErrorKind::Invalid`](crate::credential::CredentialErrorKind::Invalid)
    /// when the STS client cannot be built.
    pub fn new(
        sts: ClientBuilder,
        provider_id: impl Into<String>,
        token_file: impl Into<PathBuf>,
        role_arn: impl Into<String>,
    ) -> Result<Self, CredentialError> {
        let client = sts
            .build_with(Arc::new(StaticProvider::new(Credential::anonymous())))
            .map_err(|e| CredentialError::invalid(format!("cannot set up the STS client: {e}")))?;
        Ok(OidcRoleProvider {
            client,
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            session_name: format!("tc-rust-sdk-{}", unix_now()),
            duration_seconds: None,
            cache: Cache::new(RefreshConfig::default()),
        })
    }

    /// Reads the TKE variables of the process environment; see
    /// [`with_env`](Self::with_env).
    ///
    /// # Errors
    /// As [`with_env`](Self::with_env).
    pub fn from_env() -> Result<Self, CredentialError> {
        Self::with_env(&Env::process())
    }

    /// Configured by `TKE_REGION`, `TKE_PROVIDER_ID`,
    /// `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN` in `env`, calling
    /// `https://sts.tencentcloudapi.com`.
    ///
    /// # Errors
    /// [`NotFound`](crate::credential::CredentialErrorKind::NotFound) when none of the
    /// four is set; [`Invalid`](crate::credential::CredentialErrorKind::Invalid) when only
    /// some are.
    pub fn with_env(env: &Env) -> Result<Self, CredentialError> {
        Self::with_env_at(env, None)
    }

    /// As [`with_env`](Self::with_env), calling STS at `endpoint` when given.
    pub(crate) fn with_env_at(env: &Env, endpoint: Option<&str>) -> Result<Self, CredentialError> {
        let values = TKE_VARIABLES.map(|name| env.var(name));
        let missing: Vec<&str> = TKE_VARIABLES
            .iter()
            .zip(&values)
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| *name)
            .collect();
        if missing.len() == TKE_VARIABLES.len() {
            return Err(CredentialError::not_found(format!(
                "{} are not set",
                TKE_VARIABLES.join(", ")
            )));
        }
        let [
            Some(region),
            Some(provider_id),
            Some(token_file),
            Some(role_arn),
        ] = values
        else {
            return Err(CredentialError::invalid(format!(
                "some TKE variables are set but not {}",
                missing.join(", ")
            )));
        };
        let mut sts = Client::builder().region(region);
        if let Some(endpoint) = endpoint {
            sts = sts.endpoint(endpoint);
        }
        Self::new(sts, provider_id, token_file, role_arn)
    }

    /// Names the session (default `tc-rust-sdk-<unix time>`).
    #[must_use]
    pub fn role_session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = name.into();
        self
    }

    /// Asks for credentials valid this many seconds (the service's default is 7200).
    #[must_use]
    pub fn duration_seconds(mut self, seconds: u64) -> Self {
        self.duration_seconds = Some(seconds);
        self
    }

    /// Sets when to refresh.
    #[must_use]
    pub fn refresh_config(mut self, config: RefreshConfig) -> Self {
        self.cache.set_config(config);
        self
    }

    fn read_token(&self) -> Result<Secret, CredentialError> {
        let file = self.token_file.display();
        let bytes = Zeroizing::new(std::fs::read(&self.token_file).map_err(|e| {
            CredentialError::invalid(format!(
                "cannot read the web identity token file {file}: {e}"
            ))
        })?);
        let token = std::str::from_utf8(&bytes)
            .map_err(|_| {
                CredentialError::invalid(format!(
                    "the web identity token file {file} is not UTF-8 text"
                ))
            })?
            .trim();
        if token.is_empty() {
            return Err(CredentialError::invalid(format!(
                "the web identity token file {file} is empty"
            )));
        }
        Ok(Secret::new(token))
    }

    async fn fetch(&self) -> Result<Arc<Credential>, CredentialError> {
        let action = "AssumeRoleWithWebIdentity";
        let context = || format!("assuming role {} with a web identity", self.role_arn);
        let request = AssumeRoleWithWebIdentity {
            provider_id: self.provider_id.clone(),
            web_identity_token: self.read_token()?,
            role_arn: self.role_arn.clone(),
            role_session_name: self.session_name.clone(),
            duration_seconds: self.duration_seconds,
        };
        let out = self
            .client
            .send(request)
            .await
            .map_err(|e| sts_failure(action, e).context(context()))?;
        credential_from(action, &out.credentials, out.expired_time, &out.expiration)
            .map_err(|e| e.context(context()))
    }
}

impl ProvideCredential for OidcRoleProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(self.cache.get(|| self.fetch()))
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.cache.fresh()
    }
}

impl fmt::Debug for OidcRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcRoleProvider")
            .field("provider_id", &self.provider_id)
            .field("token_file", &self.token_file)
            .field("role_arn", &self.role_arn)
            .field("role_session_name", &self.session_name)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialErrorKind;

    #[test]
    fn variables_all_or_nothing() {
        let error = OidcRoleProvider::with_env(&Env::fixed([("HOME", "/h")])).unwrap_err();
        assert_eq!(error.kind(), CredentialErrorKind::NotFound);
        let error = OidcRoleProvider::with_env(&Env::fixed([
            (ENV_TKE_REGION, "ap-guangzhou"),
            (ENV_TKE_ROLE_ARN, "qcs::cam::uin/1:roleName/r"),
        ]))
        .unwrap_err();
        assert_eq!(error.kind(), CredentialErrorKind::Invalid);
        assert_eq!(
            error.to_string(),
            "some TKE variables are set but not TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE"
        );
    }
}
