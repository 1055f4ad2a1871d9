//! Why a provider has no credential to give.

use std::sync::Arc;

/// Why no credential could be provided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialErrorKind {
    /// The source has nothing to offer (variables unset, file absent, not on
    /// a CVM instance); a chain moves on to its next source.
    NotFound,
    /// The source exists but is unusable (half-set variables, malformed file,
    /// a response without the expected members).
    Invalid,
    /// The source failed while fetching or refreshing credentials (network
    /// failure, role rejected by the service).
    Provider,
}

/// A credential provider's failure. Its text never contains secrets: neither
/// keys nor tokens nor the lines of a credentials file.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{message}")]
pub struct CredentialError {
    kind: CredentialErrorKind,
    message: String,
    #[source]
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
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
        error.source = Some(Arc::from(source.into()));
        error
    }

    /// An error of `kind` with `message` and no underlying cause.
    pub fn new(kind: CredentialErrorKind, message: impl Into<String>) -> Self {
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

    /// The message, without the underlying cause.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error with `context: ` before its message.
    #[must_use]
    pub fn context(mut self, context: impl std::fmt::Display) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }
}
