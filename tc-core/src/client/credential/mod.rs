//! The credential providers that call a service to get their credentials:
//! STS `AssumeRole` and `AssumeRoleWithWebIdentity` (OIDC), and the CVM
//! metadata service. They are built on the client, which the STS providers
//! send their calls through.
//!
//! The [`DefaultChain`] is here too, since two of its sources are;
//! [`ClientBuilder::build`](crate::ClientBuilder::build), the one place that
//! puts it into a client given no credential, is built on it.
//!
//! Users see all of it through the [`credential`](crate::credential) facade.

mod assume_role;
mod cvm_role;
mod default_chain;
mod expiry;
mod issued;
mod oidc;
pub mod sts;

pub use assume_role::AssumeRoleProvider;
pub use cvm_role::{CvmRoleProvider, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT};
pub use default_chain::DefaultChain;
pub use oidc::{
    ENV_TKE_PROVIDER_ID, ENV_TKE_REGION, ENV_TKE_ROLE_ARN, ENV_TKE_WEB_IDENTITY_TOKEN_FILE,
    OidcRoleProvider,
};
