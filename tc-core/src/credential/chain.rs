//! Sources asked in turn, and the default order `Client::builder()` uses.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::cvm_role::CvmRoleProvider;
use super::env::{Env, EnvironmentProvider};
use super::error::{CredentialError, CredentialErrorKind};
use super::oidc::OidcRoleProvider;
use super::profile::ProfileProvider;
use super::value::Credential;
use super::{ProvideCredential, ProvideFuture};

/// Asks its sources in order and keeps the first that has credentials.
///
/// A source that has none ([`CredentialErrorKind::NotFound`]) is passed over;
/// one that is present but broken (any other error) stops the search and is
/// reported, so that a typo in a credentials file is not silently replaced by
/// another identity. When no source has credentials the error lists each one
/// tried and why it had none.
///
/// The search runs once: later requests go straight to the source that
/// answered (which refreshes its own temporary credentials). A failed search
/// runs again at the next request. Concurrent first requests share one search.
pub struct ChainProvider {
    sources: Vec<(String, Box<dyn ProvideCredential>)>,
    chosen: OnceLock<usize>,
    /// Held by the one caller searching; keeps the last failure for the
    /// callers that waited on it.
    gate: tokio::sync::Mutex<Option<CredentialError>>,
    /// Completed searches.
    searches: AtomicU64,
}

impl ChainProvider {
    /// A chain without sources (add them with [`source`](Self::source)).
    pub fn new() -> Self {
        ChainProvider {
            sources: Vec::new(),
            chosen: OnceLock::new(),
            gate: tokio::sync::Mutex::new(None),
            searches: AtomicU64::new(0),
        }
    }

    /// Adds `provider`, called `name` in messages, after the sources so far.
    #[must_use]
    pub fn source(
        mut self,
        name: impl Into<String>,
        provider: impl ProvideCredential + 'static,
    ) -> Self {
        self.sources.push((name.into(), Box::new(provider)));
        self
    }

    /// The name of the source that answered, once one has.
    pub fn chosen(&self) -> Option<&str> {
        self.chosen_source().map(|(name, _)| name.as_str())
    }

    fn chosen_source(&self) -> Option<&(String, Box<dyn ProvideCredential>)> {
        self.chosen.get().and_then(|&i| self.sources.get(i))
    }

    async fn provide(&self) -> Result<Arc<Credential>, CredentialError> {
        if let Some((_, source)) = self.chosen_source() {
            return source.provide_credential().await;
        }
        let seen = self.searches.load(Ordering::Acquire);
        let mut gate = self.gate.lock().await;
        if let Some((_, source)) = self.chosen_source() {
            drop(gate);
            return source.provide_credential().await;
        }
        if self.searches.load(Ordering::Acquire) != seen
            && let Some(error) = gate.as_ref()
        {
            return Err(error.clone());
        }
        let outcome = match self.search().await {
            Ok((i, credential)) => {
                let _ = self.chosen.set(i);
                *gate = None;
                Ok(credential)
            }
            Err(error) => {
                *gate = Some(error.clone());
                Err(error)
            }
        };
        self.searches.fetch_add(1, Ordering::Release);
        outcome
    }

    async fn search(&self) -> Result<(usize, Arc<Credential>), CredentialError> {
        let mut tried = Vec::new();
        for (i, (name, provider)) in self.sources.iter().enumerate() {
            match provider.provide_credential().await {
                Ok(credential) => {
                    tracing::debug!(source = %name, "credentials found");
                    return Ok((i, credential));
                }
                Err(error) if error.kind() == CredentialErrorKind::NotFound => {
                    tried.push(format!("{}) {name}: {error}", tried.len() + 1));
                }
                Err(error) => {
                    let context = if tried.is_empty() {
                        format!("credentials source `{name}` is unusable")
                    } else {
                        format!(
                            "credentials source `{name}` is unusable (before it, {})",
                            tried.join("; ")
                        )
                    };
                    return Err(error.context(context));
                }
            }
        }
        Err(CredentialError::not_found(if tried.is_empty() {
            "no credentials sources are configured".to_owned()
        } else {
            format!("no credentials found; tried in order: {}", tried.join("; "))
        }))
    }
}

impl Default for ChainProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredential for ChainProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(self.provide())
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.chosen_source()?.1.ready_credential()
    }
}

impl fmt::Debug for ChainProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.sources.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("ChainProvider")
            .field("sources", &names)
            .field("chosen", &self.chosen())
            .finish_non_exhaustive()
    }
}

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
/// `Client::builder()` uses when given no credential.
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
