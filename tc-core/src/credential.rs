//! Credentials and the providers that supply them.
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
//! This module only re-exports: the credential types and the providers that
//! call no service live below the client, the providers that call STS or the
//! metadata service above it (see the crate's layers).

pub use crate::identity::{
    CachedProvider, ChainProvider, Credential, CredentialError, CredentialErrorKind,
    DEFAULT_PROFILE, ENV_CREDENTIALS_FILE, ENV_PROFILE, ENV_SECRET_ID, ENV_SECRET_KEY,
    ENV_SESSION_TOKEN, Env, EnvironmentProvider, ProfileProvider, ProvideCredential, ProvideFuture,
    RefreshConfig, SYSTEM_CREDENTIALS_FILE, Secret, StaticProvider,
};
pub use crate::providers::sts;
pub use crate::providers::{
    AssumeRoleProvider, CvmRoleProvider, DEFAULT_METADATA_ENDPOINT, DefaultChain,
    ENV_METADATA_ENDPOINT, ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN,
    ENV_TKE_WEB_IDENTITY_TOKEN_FILE, OidcRoleProvider,
};
