//! [`ClientBuilder::build`]: the one place where the builder meets the
//! [`DefaultChain`]. It has a file of its own because the chain's OIDC source
//! builds its STS client with the builder: the builder (in `client`) knows no
//! credential source that calls a service, the sources know the builder, and
//! this sits above both.

use std::sync::Arc;

use crate::client::credential::DefaultChain;
use crate::client::{Client, ClientBuilder};
use crate::wire::error::Error;

impl ClientBuilder {
    /// Builds the client. Without [`credential`](Self::credential) or
    /// [`credentials_provider`](Self::credentials_provider), it uses the
    /// [`DefaultChain`] of the process environment (environment, profile
    /// file, OIDC, CVM role).
    ///
    /// # Errors
    /// [`Error::Build`] for an invalid endpoint, root domain, header value, or
    /// TLS set-up; [`Error::Credentials`] for a fixed credential with an
    /// empty or whitespace id or key.
    pub fn build(self) -> Result<Client, Error> {
        let (builder, credentials) = self.take_credentials()?;
        builder.build_with(credentials.unwrap_or_else(|| Arc::new(DefaultChain::from_env())))
    }
}
