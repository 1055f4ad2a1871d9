//! Temporary credentials kept until shortly before they expire, then refreshed
//! by one caller while the others go on using them (single flight).

use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::error::CredentialError;
use super::value::Credential;
use super::{ProvideCredential, ProvideFuture};

/// When cached temporary credentials are refreshed.
///
/// A credential is refreshed `refresh_ahead` plus a random share of `jitter`
/// before it expires (but never before half its lifetime has passed), so that
/// many processes started together do not refresh together. It is never used
/// once less than `min_validity` remains. After a failed refresh the still
/// valid credential keeps being served and the refresh is tried again
/// `retry_after_failure` later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshConfig {
    /// How long before expiry to refresh (default 5 minutes).
    pub refresh_ahead: Duration,
    /// Upper bound of the random extra advance (default 1 minute).
    pub jitter: Duration,
    /// Least remaining validity for a credential to be used (default 15 s),
    /// so that a signed request still holds when it arrives.
    pub min_validity: Duration,
    /// Pause after a failed fetch before trying again (default 5 s); callers
    /// with nothing valid to use get the failure meanwhile.
    pub retry_after_failure: Duration,
}

impl Default for RefreshConfig {
    fn default() -> Self {
        RefreshConfig {
            refresh_ahead: Duration::from_secs(300),
            jitter: Duration::from_secs(60),
            min_validity: Duration::from_secs(15),
            retry_after_failure: Duration::from_secs(5),
        }
    }
}

impl RefreshConfig {
    /// Sets how long before expiry to refresh, and the random extra advance.
    #[must_use]
    pub fn with_refresh_ahead(mut self, ahead: Duration, jitter: Duration) -> Self {
        self.refresh_ahead = ahead;
        self.jitter = jitter;
        self
    }

    /// Sets the least remaining validity for a credential to be used.
    #[must_use]
    pub fn with_min_validity(mut self, min: Duration) -> Self {
        self.min_validity = min;
        self
    }

    /// Sets the pause after a failed fetch.
    #[must_use]
    pub fn with_retry_after_failure(mut self, pause: Duration) -> Self {
        self.retry_after_failure = pause;
        self
    }
}

/// The clock the cache reads (replaceable in tests).
type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The cache behind every provider of temporary credentials.
pub(crate) struct Cache {
    config: RefreshConfig,
    clock: Clock,
    state: Mutex<State>,
    /// Held by the one caller fetching; keeps the last failure for callers
    /// that waited on it.
    gate: tokio::sync::Mutex<Option<CredentialError>>,
    /// Completed fetches, successful or not.
    attempts: AtomicU64,
}

#[derive(Default)]
struct State {
    current: Option<Arc<Credential>>,
    /// When to refresh `current` (`None` for a credential without expiry).
    refresh_at: Option<SystemTime>,
    /// No new fetch before this, after a failure.
    quiet_until: Option<SystemTime>,
}

/// What the cache holds, seen at one instant.
enum Look {
    /// Valid, and not yet due for refresh.
    Fresh(Arc<Credential>),
    /// Valid, but due for refresh.
    Due(Arc<Credential>),
    /// Nothing valid; `true` while the pause after a failed fetch runs.
    Unusable(bool),
}

impl Cache {
    pub(crate) fn new(config: RefreshConfig) -> Self {
        Self::with_clock(config, Arc::new(SystemTime::now))
    }

    fn with_clock(config: RefreshConfig, clock: Clock) -> Self {
        Cache {
            config,
            clock,
            state: Mutex::new(State::default()),
            gate: tokio::sync::Mutex::new(None),
            attempts: AtomicU64::new(0),
        }
    }

    pub(crate) fn set_config(&mut self, config: RefreshConfig) {
        self.config = config;
    }

    /// The cached credential, or a fresh one from `fetch` when it is due;
    /// `fetch` runs at most once at a time across all callers.
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<Arc<Credential>, CredentialError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Arc<Credential>, CredentialError>>,
    {
        let seen = self.attempts.load(Ordering::Acquire);
        let mut gate = match self.look() {
            Look::Fresh(credential) => return Ok(credential),
            Look::Due(credential) => {
                // Someone else is refreshing: use what is still valid.
                let Ok(gate) = self.gate.try_lock() else {
                    return Ok(credential);
                };
                gate
            }
            Look::Unusable(_) => self.gate.lock().await,
        };
        // Holding the gate now; what did the caller before us achieve?
        let current = match self.look() {
            Look::Fresh(credential) => return Ok(credential),
            Look::Due(credential) => Some(credential),
            Look::Unusable(in_pause) => {
                let failed_meanwhile = self.attempts.load(Ordering::Acquire) != seen;
                if let Some(error) = gate.as_ref().filter(|_| in_pause || failed_meanwhile) {
                    return Err(error.clone());
                }
                None
            }
        };

        let result = fetch().await.and_then(|fresh| self.accept(fresh));
        let now = (self.clock)();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let outcome = match result {
            Ok((credential, refresh_at)) => {
                state.current = Some(Arc::clone(&credential));
                state.refresh_at = refresh_at;
                state.quiet_until = None;
                *gate = None;
                Ok(credential)
            }
            Err(error) => {
                state.quiet_until = now.checked_add(self.config.retry_after_failure);
                *gate = Some(error.clone());
                match current {
                    Some(still_valid) => {
                        tracing::warn!(%error, "refreshing temporary credentials failed; using the current ones meanwhile");
                        Ok(still_valid)
                    }
                    None => Err(error),
                }
            }
        };
        drop(state);
        self.attempts.fetch_add(1, Ordering::Release);
        outcome
    }

    /// The cached credential when it is valid and not yet due for refresh.
    pub(crate) fn fresh(&self) -> Option<Arc<Credential>> {
        match self.look() {
            Look::Fresh(credential) => Some(credential),
            Look::Due(_) | Look::Unusable(_) => None,
        }
    }

    fn look(&self) -> Look {
        let now = (self.clock)();
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let in_pause = state.quiet_until.is_some_and(|until| now < until);
        match &state.current {
            Some(credential) if self.usable(credential, now) => {
                let due = state.refresh_at.is_some_and(|at| now >= at);
                if due && !in_pause {
                    Look::Due(Arc::clone(credential))
                } else {
                    Look::Fresh(Arc::clone(credential))
                }
            }
            _ => Look::Unusable(in_pause),
        }
    }

    /// Whether `credential` may still be used at `now`.
    fn usable(&self, credential: &Credential, now: SystemTime) -> bool {
        credential.expires_at().is_none_or(|expires| {
            expires
                .duration_since(now)
                .is_ok_and(|left| left > self.config.min_validity)
        })
    }

    /// Checks a fetched credential and works out when to refresh it.
    fn accept(
        &self,
        credential: Arc<Credential>,
    ) -> Result<(Arc<Credential>, Option<SystemTime>), CredentialError> {
        let now = (self.clock)();
        let Some(expires) = credential.expires_at() else {
            return Ok((credential, None));
        };
        if !self.usable(&credential, now) {
            return Err(CredentialError::invalid(format!(
                "the fetched credentials expire at {} (Unix time), which leaves less than {:?} by the local clock; check the system clock",
                expires
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs()),
                self.config.min_validity
            )));
        }
        let lifetime = expires.duration_since(now).unwrap_or_default();
        let jitter_ms = u64::try_from(self.config.jitter.as_millis()).unwrap_or(u64::MAX);
        let ahead = self
            .config
            .refresh_ahead
            .saturating_add(Duration::from_millis(fastrand::u64(0..=jitter_ms)));
        let halfway = now.checked_add(lifetime / 2).unwrap_or(expires);
        let refresh_at = expires
            .checked_sub(ahead)
            .map_or(halfway, |at| at.max(halfway));
        Ok((credential, Some(refresh_at)))
    }
}

impl fmt::Debug for Cache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("Cache")
            .field("config", &self.config)
            .field("current", &state.current)
            .field("refresh_at", &state.refresh_at)
            .finish_non_exhaustive()
    }
}

/// Any provider with the cache in front: its credentials are kept and
/// refreshed as [`RefreshConfig`] says, and concurrent callers trigger one
/// fetch, not many. The providers of temporary credentials in this module
/// ([`CvmRoleProvider`](crate::credential::CvmRoleProvider),
/// [`AssumeRoleProvider`](crate::credential::AssumeRoleProvider),
/// [`OidcRoleProvider`](crate::credential::OidcRoleProvider)) already cache this way.
#[derive(Debug)]
pub struct CachedProvider<P> {
    source: P,
    cache: Cache,
}

impl<P: ProvideCredential> CachedProvider<P> {
    /// Caches what `source` provides, with the default [`RefreshConfig`].
    pub fn new(source: P) -> Self {
        CachedProvider {
            source,
            cache: Cache::new(RefreshConfig::default()),
        }
    }

    /// Sets when to refresh.
    #[must_use]
    pub fn refresh_config(mut self, config: RefreshConfig) -> Self {
        self.cache.set_config(config);
        self
    }
}

impl<P: ProvideCredential> ProvideCredential for CachedProvider<P> {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(self.cache.get(|| self.source.provide_credential()))
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.cache.fresh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialErrorKind;
    use std::sync::atomic::AtomicUsize;

    /// A clock at `base + offset seconds`, moved by the test.
    fn test_clock() -> (Clock, Arc<AtomicU64>) {
        let base = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let offset = Arc::new(AtomicU64::new(0));
        let read = Arc::clone(&offset);
        (
            Arc::new(move || base + Duration::from_secs(read.load(Ordering::SeqCst))),
            offset,
        )
    }

    fn config() -> RefreshConfig {
        RefreshConfig::default()
            .with_refresh_ahead(Duration::from_secs(60), Duration::ZERO)
            .with_min_validity(Duration::from_secs(10))
            .with_retry_after_failure(Duration::from_secs(5))
    }

    /// A source issuing credentials valid 600 s from the clock, counting
    /// calls, failing while `fail` is set, slow enough for callers to pile up.
    struct Source {
        clock: Clock,
        calls: AtomicUsize,
        fail: std::sync::atomic::AtomicBool,
    }

    impl Source {
        async fn fetch(&self) -> Result<Arc<Credential>, CredentialError> {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
            if self.fail.load(Ordering::SeqCst) {
                return Err(CredentialError::provider(
                    "source down",
                    std::io::Error::other("down"),
                ));
            }
            let expires = (self.clock)() + Duration::from_secs(600);
            Ok(Arc::new(
                Credential::new(format!("AKID{n}"), "k").with_expiry(expires),
            ))
        }
    }

    async fn many(
        cache: &Arc<Cache>,
        source: &Arc<Source>,
        callers: usize,
    ) -> Vec<Result<String, CredentialError>> {
        let tasks: Vec<_> = (0..callers)
            .map(|_| {
                let (cache, source) = (Arc::clone(cache), Arc::clone(source));
                tokio::spawn(async move {
                    cache
                        .get(|| source.fetch())
                        .await
                        .map(|c| c.secret_id().to_owned())
                })
            })
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        results
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn one_fetch_per_refresh_under_100_callers() {
        let (clock, offset) = test_clock();
        let cache = Arc::new(Cache::with_clock(config(), Arc::clone(&clock)));
        let source = Arc::new(Source {
            clock,
            calls: AtomicUsize::new(0),
            fail: false.into(),
        });

        let first = many(&cache, &source, 100).await;
        assert!(first.iter().all(|r| matches!(r.as_deref(), Ok("AKID1"))));
        assert_eq!(
            source.calls.load(Ordering::SeqCst),
            1,
            "an empty cache is filled once"
        );

        offset.store(300, Ordering::SeqCst); // not yet due (due at 540)
        assert!(
            many(&cache, &source, 100)
                .await
                .iter()
                .all(|r| matches!(r.as_deref(), Ok("AKID1")))
        );
        assert_eq!(source.calls.load(Ordering::SeqCst), 1);

        offset.store(550, Ordering::SeqCst); // due, still valid
        let refreshed = many(&cache, &source, 100).await;
        assert!(
            refreshed
                .iter()
                .all(|r| matches!(r.as_deref(), Ok("AKID1" | "AKID2")))
        );
        assert_eq!(
            source.calls.load(Ordering::SeqCst),
            2,
            "one refresh ahead of expiry"
        );
        assert_eq!(
            cache.get(|| source.fetch()).await.unwrap().secret_id(),
            "AKID2"
        );

        offset.store(550 + 600, Ordering::SeqCst); // the second one has expired
        let after_expiry = many(&cache, &source, 100).await;
        assert!(
            after_expiry
                .iter()
                .all(|r| matches!(r.as_deref(), Ok("AKID3"))),
            "expired ones are never served"
        );
        assert_eq!(source.calls.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_failed_refresh_serves_the_valid_credential_then_retries_later() {
        let (clock, offset) = test_clock();
        let cache = Arc::new(Cache::with_clock(config(), Arc::clone(&clock)));
        let source = Arc::new(Source {
            clock,
            calls: AtomicUsize::new(0),
            fail: false.into(),
        });
        cache.get(|| source.fetch()).await.unwrap();

        source.fail.store(true, Ordering::SeqCst);
        offset.store(550, Ordering::SeqCst);
        let during = many(&cache, &source, 100).await;
        assert!(
            during.iter().all(|r| matches!(r.as_deref(), Ok("AKID1"))),
            "still valid, still served"
        );
        assert_eq!(source.calls.load(Ordering::SeqCst), 2, "one failed refresh");
        offset.store(553, Ordering::SeqCst);
        cache.get(|| source.fetch()).await.unwrap();
        assert_eq!(
            source.calls.load(Ordering::SeqCst),
            2,
            "no retry within the pause"
        );
        offset.store(556, Ordering::SeqCst);
        cache.get(|| source.fetch()).await.unwrap();
        assert_eq!(
            source.calls.load(Ordering::SeqCst),
            3,
            "retried after the pause"
        );

        offset.store(595, Ordering::SeqCst); // within min_validity of expiry: unusable
        let expired = many(&cache, &source, 100).await;
        assert!(expired.iter().all(|r| {
            r.as_ref()
                .is_err_and(|e| e.kind() == CredentialErrorKind::Provider)
        }));
        assert_eq!(
            source.calls.load(Ordering::SeqCst),
            4,
            "waiting callers share the one failure"
        );

        source.fail.store(false, Ordering::SeqCst);
        offset.store(601, Ordering::SeqCst);
        assert_eq!(
            cache.get(|| source.fetch()).await.unwrap().secret_id(),
            "AKID5"
        );
    }

    #[tokio::test]
    async fn credentials_expired_on_arrival_are_refused_and_far_expiries_are_fine() {
        let (clock, offset) = test_clock();
        let cache = Cache::with_clock(config(), Arc::clone(&clock));
        let past = clock() - Duration::from_secs(1);
        let error = cache
            .get(|| async { Ok(Arc::new(Credential::new("AKIDold", "k").with_expiry(past))) })
            .await
            .unwrap_err();
        assert!(
            error.to_string().contains("check the system clock"),
            "{error}"
        );

        offset.store(10, Ordering::SeqCst); // past the pause
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(u32::MAX) * 1000);
        let credential = cache
            .get(|| async { Ok(Arc::new(Credential::new("AKIDfar", "k").with_expiry(far))) })
            .await
            .unwrap();
        assert_eq!(credential.secret_id(), "AKIDfar");
    }
}
