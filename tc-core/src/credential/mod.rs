//! Credentials and the providers that supply them.
//!
//! A [`Credential`] never shows its secret key or session token in `Debug`, and
//! wipes them from memory when dropped. Providers implement
//! [`ProvideCredential`], which is asynchronous so that a provider may fetch or
//! refresh temporary credentials.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use zeroize::Zeroizing;

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding an optional session token (temporary credentials).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";

/// A Tencent Cloud API key pair, with a session token for temporary credentials.
#[derive(Clone)]
pub struct Credential {
    secret_id: String,
    secret_key: Zeroizing<String>,
    token: Option<Zeroizing<String>>,
    expires_at: Option<SystemTime>,
}

impl Credential {
    /// A long-lived key pair.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            secret_id: secret_id.into(),
            secret_key: Zeroizing::new(secret_key.into()),
            token: None,
            expires_at: None,
        }
    }

    /// Adds a session token (sent as `X-TC-Token`).
    #[must_use]
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Zeroizing::new(token.into()));
        self
    }

    /// Marks the credential as temporary, valid until `expires_at`.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// Reads `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and the optional
    /// `TENCENTCLOUD_SESSION_TOKEN`.
    ///
    /// # Errors
    /// [`CredentialErrorKind::NotFound`] when neither id nor key is set;
    /// [`CredentialErrorKind::Invalid`] when only one of them is, or one is empty.
    pub fn from_env() -> Result<Self, CredentialError> {
        let read = |name| std::env::var(name).ok();
        match (read(ENV_SECRET_ID), read(ENV_SECRET_KEY)) {
            (None, None) => Err(CredentialError::not_found(format!(
                "{ENV_SECRET_ID} and {ENV_SECRET_KEY} are not set"
            ))),
            (Some(id), Some(key)) if !id.is_empty() && !key.is_empty() => {
                let credential = Credential::new(id, key);
                Ok(match read(ENV_SESSION_TOKEN).filter(|t| !t.is_empty()) {
                    Some(token) => credential.with_token(token),
                    None => credential,
                })
            }
            _ => Err(CredentialError::invalid(format!(
                "{ENV_SECRET_ID} and {ENV_SECRET_KEY} must both be set and non-empty"
            ))),
        }
    }

    /// The key id (not secret).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The secret key. Handle with care: never log it.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token of temporary credentials.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref().map(String::as_str)
    }

    /// When temporary credentials stop being valid.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "** redacted **";
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &REDACTED)
            .field("token", &self.token.as_ref().map(|_| REDACTED))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Why no credential could be provided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialErrorKind {
    /// The source has nothing to offer (variables unset, file absent); a chain
    /// moves on to its next source.
    NotFound,
    /// The source exists but is unusable (half-set variables, malformed file).
    Invalid,
    /// The source failed while fetching or refreshing credentials.
    Provider,
}

/// A credential provider's failure. Its text never contains secrets.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CredentialError {
    kind: CredentialErrorKind,
    message: String,
    #[source]
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl CredentialError {
    /// The source has no credentials.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(CredentialErrorKind::NotFound, message)
    }

    /// The source exists but is unusable.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(CredentialErrorKind::Invalid, message)
    }

    /// The source failed to produce credentials.
    pub fn provider(
        message: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        let mut error = Self::new(CredentialErrorKind::Provider, message);
        error.source = Some(source.into());
        error
    }

    fn new(kind: CredentialErrorKind, message: impl Into<String>) -> Self {
        CredentialError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// What went wrong, for a chain deciding whether to move on.
    pub fn kind(&self) -> CredentialErrorKind {
        self.kind
    }
}

/// The future returned by [`ProvideCredential::provide_credential`].
pub type ProvideFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Arc<Credential>, CredentialError>> + Send + 'a>>;

/// A source of credentials, asked once per request attempt; it may cache,
/// fetch and refresh.
pub trait ProvideCredential: fmt::Debug + Send + Sync {
    /// Returns a credential that is valid now.
    fn provide_credential(&self) -> ProvideFuture<'_>;
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
}

/// Reads the `TENCENTCLOUD_*` variables on each request, so a rotated key in
/// the environment is picked up.
#[derive(Clone, Debug, Default)]
pub struct EnvironmentProvider;

impl ProvideCredential for EnvironmentProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(async { Credential::from_env().map(Arc::new) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_key_and_token() {
        let credential = Credential::new("AKIDpublic", "very-secret-key").with_token("secret-token");
        let text = format!("{credential:?} {credential:#?}");
        assert!(text.contains("AKIDpublic"));
        assert!(!text.contains("very-secret-key"));
        assert!(!text.contains("secret-token"));
        assert!(text.contains("** redacted **"));
    }
}
