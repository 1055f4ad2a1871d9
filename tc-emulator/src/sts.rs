//! STS with state: issues temporary credentials for `AssumeRole` and
//! `AssumeRoleWithWebIdentity`, and makes the endpoint accept them (with
//! their token, until they expire).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tc_core::credential::Secret;
use tc_core::credential::sts::{
    AssumeRole, AssumeRoleResponse, AssumeRoleWithWebIdentity, AssumeRoleWithWebIdentityResponse,
    StsCredentials, StsError,
};
use tc_core::test_util::time::{unix_now, utc_iso8601};

use tc_mock::{AcceptedKeys, MockError, MockServer};

/// Lifetime of issued credentials when the request does not ask for one, as
/// the service's default.
pub const DEFAULT_DURATION_SECONDS: u64 = 7200;

/// STS as served by a [`MockServer`]: who may assume which role, how long the
/// issued credentials last, and whether the service is failing.
#[derive(Debug, Default)]
pub struct Sts {
    state: Mutex<State>,
    issued: AtomicU64,
}

#[derive(Debug, Default)]
struct State {
    /// Roles that exist; empty means any.
    roles: BTreeSet<String>,
    /// Valid web identity tokens, by identity provider.
    web_identities: BTreeMap<String, Secret>,
    /// Lifetime forced on issued credentials, whatever the request asks.
    lifetime: Option<Duration>,
    /// The error every call answers with, while set.
    outage: Option<MockError>,
}

impl Sts {
    /// Any role may be assumed with `AssumeRole`; no web identity is valid.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only the roles added this way exist (others answer
    /// `ResourceNotFound.RoleNotFound`).
    #[must_use]
    pub fn with_role(self, role_arn: impl Into<String>) -> Self {
        self.lock().roles.insert(role_arn.into());
        self
    }

    /// Accepts `token` from identity provider `provider_id` in
    /// `AssumeRoleWithWebIdentity`.
    #[must_use]
    pub fn with_web_identity(
        self,
        provider_id: impl Into<String>,
        token: impl Into<String>,
    ) -> Self {
        self.lock()
            .web_identities
            .insert(provider_id.into(), Secret::new(token));
        self
    }

    /// Issues credentials valid for `lifetime` (whole seconds), whatever the
    /// request's `DurationSeconds`: short lifetimes let tests see expiry.
    #[must_use]
    pub fn with_lifetime(self, lifetime: Duration) -> Self {
        self.lock().lifetime = Some(lifetime);
        self
    }

    /// Answers every call with `error` from now on (`None` ends the outage).
    pub fn set_outage(&self, error: Option<MockError>) {
        self.lock().outage = error;
    }

    /// How many credentials have been issued.
    pub fn issued(&self) -> u64 {
        self.issued.load(Ordering::SeqCst)
    }

    /// Serves `AssumeRole` and `AssumeRoleWithWebIdentity` on `mock`.
    pub fn install(self: Arc<Self>, mock: &MockServer) {
        let (sts, keys) = (Arc::clone(&self), mock.accepted_keys());
        mock.on(move |request: AssumeRole| {
            sts.check(&request.role_arn, &request.role_session_name)?;
            let (credentials, expired_time) = sts.issue(&keys, request.duration_seconds);
            Ok(AssumeRoleResponse {
                credentials,
                expired_time,
                expiration: utc_iso8601(expired_time),
                request_id: String::new(),
            })
        });
        let (sts, keys) = (self, mock.accepted_keys());
        mock.on(move |request: AssumeRoleWithWebIdentity| {
            sts.check(&request.role_arn, &request.role_session_name)?;
            let valid = sts
                .lock()
                .web_identities
                .get(&request.provider_id)
                .is_some_and(|token| token == &request.web_identity_token);
            if !valid {
                return Err(MockError::code(
                    StsError::InvalidParameterParamError,
                    format!(
                        "The web identity token is not valid for identity provider `{}`.",
                        request.provider_id
                    ),
                ));
            }
            let (credentials, expired_time) = sts.issue(&keys, request.duration_seconds);
            Ok(AssumeRoleWithWebIdentityResponse {
                credentials,
                expired_time,
                expiration: utc_iso8601(expired_time),
                request_id: String::new(),
            })
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The checks both actions share: outage, role, session name.
    fn check(&self, role_arn: &str, session_name: &str) -> Result<(), MockError> {
        let state = self.lock();
        if let Some(error) = &state.outage {
            return Err(error.clone());
        }
        if !state.roles.is_empty() && !state.roles.contains(role_arn) {
            return Err(MockError::code(
                StsError::ResourceNotFoundRoleNotFound,
                format!("The role `{role_arn}` does not exist."),
            ));
        }
        if session_name.is_empty() {
            return Err(MockError::code(
                StsError::InvalidParameterParamError,
                "RoleSessionName must not be empty.",
            ));
        }
        Ok(())
    }

    /// Fresh credentials, accepted by the endpoint until they expire.
    fn issue(&self, keys: &AcceptedKeys, duration_seconds: Option<u64>) -> (StsCredentials, u64) {
        let lifetime = self
            .lock()
            .lifetime
            .map_or(duration_seconds.unwrap_or(DEFAULT_DURATION_SECONDS), |l| {
                l.as_secs()
            });
        let expired_time = unix_now().saturating_add(lifetime);
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let secret_id = format!("AKIDtmp{n:04}{:012x}", fastrand::u64(..) >> 16);
        let secret_key = format!("{:032x}", fastrand::u128(..));
        let token = format!("tok{:032x}{:016x}", fastrand::u128(..), fastrand::u64(..));
        keys.insert_temporary(
            secret_id.clone(),
            secret_key.clone(),
            token.clone(),
            expired_time,
        );
        let credentials = StsCredentials {
            token: Secret::new(token),
            tmp_secret_id: secret_id,
            tmp_secret_key: Secret::new(secret_key),
        };
        (credentials, expired_time)
    }
}
