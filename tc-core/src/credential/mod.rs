//! Layer 1, credentials: who a request is signed as.
//!
//! A [`Credential`] never shows its secret key or session token in `Debug`, and
//! wipes them from memory when dropped. Providers implement
//! [`ProvideCredential`], which is asynchronous so that a provider may fetch or
//! refresh temporary credentials.
//!
//! | provider | source |
//! |---|---|
//! | [`EnvironmentProvider`] | `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SESSION_TOKEN` |
//! | [`ProfileProvider`] | the INI credentials file (`~/.tencentcloud/credentials`, ...) |
//! | [`OidcRoleProvider`] | `AssumeRoleWithWebIdentity` with a TKE service account's token |
//! | [`CvmRoleProvider`] | the CAM role of the CVM instance, from the metadata service |
//! | [`AssumeRoleProvider`] | `AssumeRole` with another credential |
//! | [`DefaultChain`] | the four first, in that order: what `Client::builder()` uses |
//!
//! Temporary credentials are cached and refreshed ahead of their expiry (see
//! [`RefreshConfig`]); providers that read the environment take an [`Env`], so
//! they can be pointed at a fixed set of variables instead of the process's.
//!
//! This module holds the credential, the [`ProvideCredential`] contract and
//! the sources that need no service to answer (fixed values, the environment,
//! the credentials file, a cache and a chain around other sources), and calls
//! nothing above it. The providers that call STS or the metadata service send
//! through the client, so they live in the client's layer
//! (`client::credential`); this module re-exports them, so that users find
//! every source here.

mod cache;
mod chain;
mod env;
mod error;
#[cfg_attr(not(feature = "test-util"), allow(unreachable_pub))]
pub(crate) mod ini;
mod profile;
mod secret;
mod value;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub(crate) use cache::Cache;
pub use cache::{CachedProvider, RefreshConfig};
pub use chain::ChainProvider;
pub use env::{ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SESSION_TOKEN, Env, EnvironmentProvider};
pub use error::{CredentialError, CredentialErrorKind};
pub(crate) use profile::read_capped;
pub use profile::{
    DEFAULT_PROFILE, ENV_CREDENTIALS_FILE, ENV_PROFILE, ProfileProvider, SYSTEM_CREDENTIALS_FILE,
};
pub use secret::Secret;
pub use value::Credential;

// The sources that call a service, from the top layer: re-exported only.
pub use crate::client::credential::sts;
pub use crate::client::credential::{
    AssumeRoleProvider, CvmRoleProvider, DEFAULT_METADATA_ENDPOINT, DefaultChain,
    ENV_METADATA_ENDPOINT, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE, OidcRoleProvider,
};

/// The future returned by [`ProvideCredential::provide_credential`].
pub type ProvideFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Arc<Credential>, CredentialError>> + Send + 'a>>;

/// A source of credentials, asked once per request attempt; it may cache,
/// fetch and refresh.
pub trait ProvideCredential: fmt::Debug + Send + Sync {
    /// Returns a credential that is valid now.
    fn provide_credential(&self) -> ProvideFuture<'_>;

    /// The credential to use now when the provider already holds one that
    /// needs no fetch, refresh or wait; `None` otherwise (the default).
    ///
    /// The client asks this first on every attempt and awaits
    /// [`provide_credential`](Self::provide_credential) only on `None`, so a
    /// provider that answers here costs an attempt no allocation.
    fn ready_credential(&self) -> Option<Arc<Credential>> {
        None
    }
}

impl<P: ProvideCredential + ?Sized> ProvideCredential for Arc<P> {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        (**self).provide_credential()
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        (**self).ready_credential()
    }
}

impl<P: ProvideCredential + ?Sized> ProvideCredential for Box<P> {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        (**self).provide_credential()
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        (**self).ready_credential()
    }
}

/// Always the same credential.
#[derive(Clone, Debug)]
pub struct StaticProvider(Arc<Credential>);

impl StaticProvider {
    /// Serves `credential` for every request.
    pub fn new(credential: Credential) -> Self {
        StaticProvider(Arc::new(credential))
    }
}

impl ProvideCredential for StaticProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        let credential = Arc::clone(&self.0);
        Box::pin(async move { Ok(credential) })
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        Some(Arc::clone(&self.0))
    }
}
