//! The credentials a program finds without being told, and the builder's
//! use of them when given no credential.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::cvm_role::CvmRoleProvider;
use super::oidc::OidcRoleProvider;
use crate::credential::{
    ChainProvider, Credential, Env, EnvironmentProvider, ProfileProvider, ProvideCredential,
    ProvideFuture,
};

/// The credentials a program finds without being told, in this order:
///
/// 1. `environment`: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and
///    the optional `TENCENTCLOUD_SESSION_TOKEN` ([`EnvironmentProvider`]);
/// 2. `profile file`: the file named by `TENCENTCLOUD_CREDENTIALS_FILE`, else
///    `~/.tencentcloud/credentials`, else `/etc/tencentcloud/credentials`,
///    profile `TENCENTCLOUD_PROFILE` or `default` ([`ProfileProvider`]);
/// 3. `OIDC (TKE)`: when `TKE_REGION`, `TKE_PROVIDER_ID`,
///    `TKE_WEB_IDENTITY_TOKEN_FILE` and `TKE_ROLE_ARN` are set,
///    `AssumeRoleWithWebIdentity` ([`OidcRoleProvider`]);
/// 4. `CVM role`: the instance's CAM role from the metadata service at
///    `TENCENTCLOUD_METADATA_ENDPOINT`, else `http://metadata.tencentyun.com`
///    ([`CvmRoleProvider`]).
///
/// It behaves as a [`ChainProvider`]: absent sources are passed over, a broken
/// one is reported, the source that answered is remembered. This is what
/// `Client::builder()` uses when given no credential (see
/// [`ClientBuilder::build`](crate::ClientBuilder::build)).
pub struct DefaultChain {
    env: Env,
    sts_endpoint: Option<String>,
    chain: OnceLock<ChainProvider>,
}

impl DefaultChain {
    /// Reads the process environment (when first asked, not now).
    pub fn from_env() -> Self {
        Self::with_env(Env::process())
    }

    /// Reads `env` instead of the process environment.
    pub fn with_env(env: Env) -> Self {
        DefaultChain {
            env,
            sts_endpoint: None,
            chain: OnceLock::new(),
        }
    }

    /// Sends the OIDC source's STS call to `url` instead of
    /// `https://sts.tencentcloudapi.com` (for tests and private endpoints).
    #[must_use]
    pub fn sts_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sts_endpoint = Some(url.into());
        self
    }

    /// The name of the source that answered, once one has.
    pub fn chosen(&self) -> Option<&str> {
        self.chain.get().and_then(ChainProvider::chosen)
    }

    fn chain(&self) -> &ChainProvider {
        self.chain.get_or_init(|| {
            ChainProvider::new()
                .source(
                    "environment",
                    EnvironmentProvider::with_env(self.env.clone()),
                )
                .source("profile file", ProfileProvider::with_env(&self.env))
                .source(
                    "OIDC (TKE)",
                    LazyOidc {
                        env: self.env.clone(),
                        sts_endpoint: self.sts_endpoint.clone(),
                        provider: OnceLock::new(),
                    },
                )
                .source("CVM role", CvmRoleProvider::with_env(&self.env))
        })
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::from_env()
    }
}

impl ProvideCredential for DefaultChain {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        self.chain().provide_credential()
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.chain.get()?.ready_credential()
    }
}

impl fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultChain")
            .field("env", &self.env)
            .field("chosen", &self.chosen())
            .finish_non_exhaustive()
    }
}

/// The OIDC source, set up from the environment when first asked, since its
/// STS client is only worth creating when the TKE variables are there.
#[derive(Debug)]
struct LazyOidc {
    env: Env,
    sts_endpoint: Option<String>,
    provider: OnceLock<OidcRoleProvider>,
}

impl ProvideCredential for LazyOidc {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            let provider = match self.provider.get() {
                Some(provider) => provider,
                None => {
                    let provider =
                        OidcRoleProvider::with_env_at(&self.env, self.sts_endpoint.as_deref())?;
                    self.provider.get_or_init(|| provider)
                }
            };
            provider.provide_credential().await
        })
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.provider.get()?.ready_credential()
    }
}
