//! Temporary credentials of the CAM role bound to a CVM instance, from the
//! instance metadata service.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use serde::Deserialize;

use super::issued::temporary_credential;
use crate::credential::{
    Cache, Credential, CredentialError, CredentialErrorKind, Env, ProvideCredential, ProvideFuture,
    RefreshConfig, Secret,
};
use crate::transport::http::{REQUEST_CLIENT, tls_config};

/// The metadata service as seen from a CVM instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";
/// Environment variable replacing [`DEFAULT_METADATA_ENDPOINT`] (for tests,
/// or to rule the source out quickly with a closed local port).
pub const ENV_METADATA_ENDPOINT: &str = "TENCENTCLOUD_METADATA_ENDPOINT";

/// Under the base URL: lists the role's name; with the name appended, gives
/// its credentials.
const ROLE_PATH: &str = "/latest/meta-data/cam/security-credentials/";
/// More than any answer of the metadata service.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// The CAM role of the CVM instance this runs on: its name is read from
/// `{endpoint}/latest/meta-data/cam/security-credentials/`, then its
/// temporary credentials from the same path followed by the name. They are
/// cached and refreshed ahead of expiry (one refresh at a time).
///
/// Off CVM the metadata service does not answer; short time-outs (1 s to
/// connect, 3 s in all by default) make that quick, and it counts as
/// [`NotFound`](CredentialErrorKind::NotFound), as does an instance
/// without a role.
pub struct CvmRoleProvider {
    endpoint: String,
    role: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    http: OnceLock<reqwest::Client>,
    cache: Cache,
}

/// The answer for a role, as the metadata service writes it.
#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
struct RoleCredentials {
    tmp_secret_id: String,
    tmp_secret_key: Secret,
    token: Secret,
    expired_time: u64,
    expiration: String,
    code: String,
}

impl CvmRoleProvider {
    /// Asks the metadata service at `endpoint` (such as
    /// `http://metadata.tencentyun.com`).
    pub fn new(endpoint: impl Into<String>) -> Self {
        CvmRoleProvider {
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            role: None,
            connect_timeout: Duration::from_secs(1),
            timeout: Duration::from_secs(3),
            http: OnceLock::new(),
            cache: Cache::new(RefreshConfig::default()),
        }
    }

    /// The endpoint in `TENCENTCLOUD_METADATA_ENDPOINT` of the process
    /// environment, else [`DEFAULT_METADATA_ENDPOINT`].
    pub fn from_env() -> Self {
        Self::with_env(&Env::process())
    }

    /// The endpoint in `TENCENTCLOUD_METADATA_ENDPOINT` of `env`, else
    /// [`DEFAULT_METADATA_ENDPOINT`].
    pub fn with_env(env: &Env) -> Self {
        Self::new(
            env.var(ENV_METADATA_ENDPOINT)
                .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.to_owned()),
        )
    }

    /// Uses this role instead of asking which one is bound.
    #[must_use]
    pub fn role_name(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }

    /// Time allowed to connect, and for a whole request (defaults 1 s and 3 s).
    #[must_use]
    pub fn timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.connect_timeout = connect;
        self.timeout = total;
        self
    }

    /// Sets when to refresh.
    #[must_use]
    pub fn refresh_config(mut self, config: RefreshConfig) -> Self {
        self.cache.set_config(config);
        self
    }

    /// The metadata service's base URL.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn http(&self) -> Result<&reqwest::Client, CredentialError> {
        if let Some(http) = self.http.get() {
            return Ok(http);
        }
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config().map_err(CredentialError::invalid)?)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .no_proxy()
            // The metadata service never redirects; a redirect is not followed.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(REQUEST_CLIENT)
            .build()
            .map_err(|e| {
                CredentialError::invalid(format!("cannot create the metadata HTTP client: {e}"))
            })?;
        Ok(self.http.get_or_init(|| http))
    }

    /// The name of the role bound to the instance.
    async fn discover(&self, http: &reqwest::Client) -> Result<String, CredentialError> {
        let url = format!("{}{ROLE_PATH}", self.endpoint);
        let (status, body) = get(http, &url).await.map_err(|e| {
            CredentialError::not_found(format!(
                "the metadata service at {} did not answer ({}), so this is probably not a CVM instance",
                self.endpoint,
                transport_reason(&e)
            ))
        })?;
        match status {
            200..=299 => {}
            404 => {
                return Err(CredentialError::not_found(format!(
                    "no CAM role is bound to this instance ({url} answered HTTP 404)"
                )));
            }
            _ => {
                return Err(CredentialError::new(
                    CredentialErrorKind::Provider,
                    format!("the metadata service answered HTTP {status} at {url}"),
                ));
            }
        }
        let text = String::from_utf8_lossy(&body);
        match text.lines().map(str::trim).find(|l| !l.is_empty()) {
            Some(role) => Ok(role.to_owned()),
            None => Err(CredentialError::not_found(format!(
                "no CAM role is bound to this instance ({url} lists none)"
            ))),
        }
    }

    async fn fetch(&self) -> Result<Arc<Credential>, CredentialError> {
        let http = self.http()?;
        let role = match &self.role {
            Some(role) => role.clone(),
            None => self.discover(http).await?,
        };
        let context = |e: CredentialError| e.context(format!("CVM role `{role}`"));
        if role.is_empty()
            || !role
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
        {
            return Err(context(CredentialError::invalid(
                "the role name has characters CAM does not allow",
            )));
        }
        let url = format!("{}{ROLE_PATH}{role}", self.endpoint);
        let (status, body) = get(http, &url).await.map_err(|e| {
            let message = format!(
                "the metadata service at {} failed ({})",
                self.endpoint,
                transport_reason(&e)
            );
            context(CredentialError::provider(message, e))
        })?;
        let body = zeroize::Zeroizing::new(body);
        if !(200..=299).contains(&status) {
            return Err(context(CredentialError::new(
                CredentialErrorKind::Provider,
                format!("{url} answered HTTP {status}"),
            )));
        }
        let answer: RoleCredentials = serde_json::from_slice(&body).map_err(|e| {
            context(CredentialError::invalid(format!(
                "{url} answered with unexpected JSON: {e}"
            )))
        })?;
        if answer.code != "Success" {
            return Err(context(CredentialError::new(
                CredentialErrorKind::Provider,
                format!("the metadata service refused: Code `{}`", answer.code),
            )));
        }
        temporary_credential(
            "the answer",
            &answer.tmp_secret_id,
            &answer.tmp_secret_key,
            &answer.token,
            answer.expired_time,
            &answer.expiration,
        )
        .map_err(context)
    }
}

/// GETs `url`: the status and at most [`MAX_ANSWER_BYTES`] of the body.
async fn get(http: &reqwest::Client, url: &str) -> Result<(u16, Vec<u8>), reqwest::Error> {
    let mut response = http.get(url).send().await?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = MAX_ANSWER_BYTES.saturating_sub(body.len());
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if room <= chunk.len() {
            break;
        }
    }
    Ok((status, body))
}

/// A short reason for a failed request.
fn transport_reason(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connect() {
        "cannot connect".to_owned()
    } else {
        let mut reason = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            reason = format!("{reason}: {cause}");
            source = cause.source();
        }
        reason
    }
}

impl ProvideCredential for CvmRoleProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(self.cache.get(|| self.fetch()))
    }

    fn ready_credential(&self) -> Option<Arc<Credential>> {
        self.cache.fresh()
    }
}

impl fmt::Debug for CvmRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CvmRoleProvider")
            .field("endpoint", &self.endpoint)
            .field("role", &self.role)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}
