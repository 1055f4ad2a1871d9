//! Sources asked in turn.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use super::error::{CredentialError, CredentialErrorKind};
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
