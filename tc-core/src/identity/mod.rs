//! Who a request is signed as: the [`Credential`], the [`ProvideCredential`]
//! contract, and the sources that need no service to answer (fixed values,
//! the environment, the credentials file, a cache and a chain around other
//! sources). No module here calls the client; the providers that call STS or
//! the metadata service are in [`providers`](crate::providers), above it.
//!
//! Users see all of it through the [`credential`](crate::credential) facade.

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
