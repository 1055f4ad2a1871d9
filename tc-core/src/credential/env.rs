//! Where providers read environment variables from, and the provider of the
//! `TENCENTCLOUD_*` key pair.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::error::CredentialError;
use super::value::Credential;
use super::{ProvideCredential, ProvideFuture};

/// Environment variable holding the SecretId.
pub const ENV_SECRET_ID: &str = "TENCENTCLOUD_SECRET_ID";
/// Environment variable holding the SecretKey.
pub const ENV_SECRET_KEY: &str = "TENCENTCLOUD_SECRET_KEY";
/// Environment variable holding an optional session token (temporary credentials).
pub const ENV_SESSION_TOKEN: &str = "TENCENTCLOUD_SESSION_TOKEN";

/// The environment a provider reads: the process's own, or a fixed set of
/// variables (for tests, or to configure providers without touching the
/// process). An empty variable counts as unset.
///
/// ```
/// use tc_core::credential::Env;
/// let env = Env::fixed([("HOME", "/home/alice"), ("TENCENTCLOUD_PROFILE", "")]);
/// assert_eq!(env.var("HOME").as_deref(), Some("/home/alice"));
/// assert_eq!(env.var("TENCENTCLOUD_PROFILE"), None);
/// ```
#[derive(Clone)]
pub struct Env(Source);

#[derive(Clone)]
enum Source {
    Process,
    Fixed(Arc<BTreeMap<String, String>>),
}

impl Env {
    /// The process environment, read at each look-up.
    pub fn process() -> Self {
        Env(Source::Process)
    }

    /// Exactly these variables, and no others.
    pub fn fixed<K, V>(vars: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let vars = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Env(Source::Fixed(Arc::new(vars)))
    }

    /// The value of `name`, or `None` when it is unset, empty or not Unicode.
    pub fn var(&self, name: &str) -> Option<String> {
        let value = match &self.0 {
            Source::Process => std::env::var(name).ok(),
            Source::Fixed(vars) => vars.get(name).cloned(),
        };
        value.filter(|v| !v.is_empty())
    }

    /// The user's home directory: `HOME`, else `USERPROFILE` (Windows).
    pub fn home_dir(&self) -> Option<PathBuf> {
        self.var("HOME")
            .or_else(|| self.var("USERPROFILE"))
            .map(PathBuf::from)
    }
}

impl Default for Env {
    fn default() -> Self {
        Env::process()
    }
}

impl fmt::Debug for Env {
    // Names only: the values may be secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Process => f.write_str("Env::process"),
            Source::Fixed(vars) => f
                .debug_tuple("Env::fixed")
                .field(&vars.keys().collect::<Vec<_>>())
                .finish(),
        }
    }
}

/// Reads the key pair (and optional token) from `env`.
fn read_key_pair(env: &Env) -> Result<Credential, CredentialError> {
    match (env.var(ENV_SECRET_ID), env.var(ENV_SECRET_KEY)) {
        (None, None) => Err(CredentialError::not_found(format!(
            "{ENV_SECRET_ID} and {ENV_SECRET_KEY} are not set"
        ))),
        (Some(id), Some(key)) => {
            let credential = Credential::try_new(id, key)
                .map_err(|e| e.context(format_args!("{ENV_SECRET_ID}/{ENV_SECRET_KEY}")))?;
            Ok(match env.var(ENV_SESSION_TOKEN) {
                Some(token) => credential.with_token(token),
                None => credential,
            })
        }
        (Some(_), None) => Err(CredentialError::invalid(format!(
            "{ENV_SECRET_ID} is set but {ENV_SECRET_KEY} is not"
        ))),
        (None, Some(_)) => Err(CredentialError::invalid(format!(
            "{ENV_SECRET_KEY} is set but {ENV_SECRET_ID} is not"
        ))),
    }
}

/// How long a key pair read from the environment is used before the
/// variables are read again.
const REREAD_AFTER: Duration = Duration::from_secs(1);

/// The key pair in `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY`, with
/// the optional `TENCENTCLOUD_SESSION_TOKEN`, read again at most once a second,
/// so that a rotated key is picked up without reading the environment on
/// every request.
#[derive(Default)]
pub struct EnvironmentProvider {
    env: Env,
    /// The last key pair read, and when.
    last_read: Mutex<Option<(Instant, Arc<Credential>)>>,
}

impl EnvironmentProvider {
    /// Reads the process environment.
    pub fn from_env() -> Self {
        Self::with_env(Env::process())
    }

    /// Reads `env`.
    pub fn with_env(env: Env) -> Self {
        EnvironmentProvider {
            env,
            last_read: Mutex::default(),
        }
    }

    fn last_read(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Arc<Credential>)>> {
        self.last_read
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clone for EnvironmentProvider {
    fn clone(&self) -> Self {
        Self::with_env(self.env.clone())
    }
}

impl fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnvironmentProvider")
            .field("env", &self.env)
            .finish_non_exhaustive()
    }
}

impl ProvideCredential for EnvironmentProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(async {
            let credential = Arc::new(read_key_pair(&self.env)?);
            *self.last_read() = Some((Instant::now(), Arc::clone(&credential)));
            Ok(credential)
        })
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        match &*self.last_read() {
            Some((read_at, credential)) if read_at.elapsed() < REREAD_AFTER => {
                Some(Arc::clone(credential))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialErrorKind;

    #[test]
    fn key_pair_from_fixed_variables() {
        let env = Env::fixed([
            (ENV_SECRET_ID, "AKIDenv"),
            (ENV_SECRET_KEY, "env-key"),
            (ENV_SESSION_TOKEN, "tok"),
        ]);
        let credential = read_key_pair(&env).unwrap();
        assert_eq!(
            (
                credential.secret_id(),
                credential.secret_key(),
                credential.token()
            ),
            ("AKIDenv", "env-key", Some("tok"))
        );

        let error =
            read_key_pair(&Env::fixed([(ENV_SECRET_ID, ""), (ENV_SECRET_KEY, "")])).unwrap_err();
        assert_eq!(error.kind(), CredentialErrorKind::NotFound);
        let error = read_key_pair(&Env::fixed([(ENV_SECRET_ID, "AKIDenv")])).unwrap_err();
        assert_eq!(error.kind(), CredentialErrorKind::Invalid);
        assert_eq!(
            error.to_string(),
            "TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is not"
        );
        let error = read_key_pair(&Env::fixed([(ENV_SECRET_KEY, "half-key")])).unwrap_err();
        assert!(!error.to_string().contains("half-key"));
    }

    #[tokio::test]
    async fn a_read_key_pair_is_at_hand_for_a_second() {
        let provider = EnvironmentProvider::with_env(Env::fixed([
            (ENV_SECRET_ID, "AKIDenv"),
            (ENV_SECRET_KEY, "env-key"),
        ]));
        assert!(provider.ready_credential().is_none(), "nothing read yet");
        let read = provider.provide_credential().await.unwrap();
        let ready = provider.ready_credential().expect("just read");
        assert!(Arc::ptr_eq(&read, &ready));
        *provider.last_read() = Some((Instant::now() - REREAD_AFTER, read));
        assert!(
            provider.ready_credential().is_none(),
            "read again after a second"
        );
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = Env::fixed([(ENV_SECRET_KEY, "do-not-print")]);
        let text = format!("{env:?} {:?}", EnvironmentProvider::with_env(env.clone()));
        assert!(
            text.contains(ENV_SECRET_KEY) && !text.contains("do-not-print"),
            "{text}"
        );
    }
}
