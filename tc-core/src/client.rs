//! The client: builds, signs and sends requests, decodes responses, retries.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use tracing::{Instrument, field};

use crate::action::{Action, Method};
use crate::credential::{Credential, EnvironmentProvider, ProvideCredential, StaticProvider};
use crate::endpoint::{DEFAULT_ROOT_DOMAIN, Endpoint, Target};
use crate::envelope;
use crate::error::{BuildError, Error, TransportError, TransportErrorKind};
use crate::query;
use crate::retry::{RetryConfig, RetryState};
use crate::sign::{self, Payload, SigningInput};
use crate::time::unix_now;

/// The `X-TC-RequestClient` value identifying this SDK.
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_", env!("CARGO_PKG_VERSION"));

const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A Tencent Cloud API 3.0 client for every service. Cheap to clone (one
/// `Arc`), safe to share across tasks; clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), tc_core::Error> {
/// use tc_core::{Client, Credential};
/// let client = Client::builder()
///     .region("ap-guangzhou")
///     .credential(Credential::new("AKID...", "..."))
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    credentials: Arc<dyn ProvideCredential>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<String>,
    request_client: String,
    retry: RetryConfig,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The region sent as `X-TC-Region`, if any.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Sends one action and decodes its response, retrying transient faults as
    /// configured. Each attempt is signed afresh.
    ///
    /// # Errors
    /// See [`Error`]: the service's own error, a network failure, an HTTP error
    /// page, an undecodable body, missing credentials, or a request that cannot
    /// be built.
    pub async fn send<A: Action>(&self, action: A) -> Result<A::Output, Error> {
        let span = tracing::info_span!(
            "tc.call",
            service = A::SERVICE,
            action = A::NAME,
            region = self.inner.region.as_deref().unwrap_or(""),
            request_id = field::Empty,
        );
        async {
            let prepared = self.prepare(&action)?;
            let mut retry = RetryState::new(&self.inner.retry);
            let mut attempt = 1u32;
            loop {
                let attempt_span = tracing::debug_span!(
                    "tc.attempt",
                    attempt,
                    request_id = field::Empty
                );
                let result = self
                    .attempt::<A>(&prepared)
                    .instrument(attempt_span.clone())
                    .await;
                let error = match result {
                    Ok((output, request_id)) => {
                        attempt_span.record("request_id", request_id.as_str());
                        tracing::Span::current().record("request_id", request_id.as_str());
                        return Ok(output);
                    }
                    Err(error) => error,
                };
                if let Some(id) = error.request_id() {
                    tracing::Span::current().record("request_id", id);
                }
                let Some(backoff) = retry.next_backoff(&error) else {
                    tracing::debug!(attempt, %error, "call failed");
                    return Err(error);
                };
                tracing::warn!(attempt, ?backoff, %error, "retrying");
                tokio::time::sleep(backoff).await;
                attempt += 1;
            }
        }
        .instrument(span)
        .await
    }

    /// Serializes the action once; every attempt reuses the result.
    fn prepare<A: Action>(&self, action: &A) -> Result<Prepared, Error> {
        let build_error = |message: String| Error::Build(Box::new(BuildError::new(A::NAME, message)));
        let mut target = self.inner.endpoint.target(A::SERVICE).map_err(build_error)?;
        let (body, content_type) = match A::METHOD {
            Method::Post => {
                let body = serde_json::to_vec(action)
                    .map_err(|e| build_error(format!("cannot serialize parameters: {e}")))?;
                (Bytes::from(body), JSON_CONTENT_TYPE)
            }
            Method::Get => {
                let query = query::encode(action)
                    .map_err(|e| build_error(format!("cannot flatten parameters: {e}")))?;
                target.url.set_query(Some(&query));
                (Bytes::new(), FORM_CONTENT_TYPE)
            }
        };
        Ok(Prepared {
            target,
            body,
            content_type,
            action_lower: A::NAME.to_ascii_lowercase(),
        })
    }

    async fn attempt<A: Action>(&self, prepared: &Prepared) -> Result<(A::Output, String), Error> {
        let inner = &*self.inner;
        let credential = inner.credentials.provide_credential().await?;
        let timestamp = unix_now();
        let authorization = authorization::<A>(prepared, &credential, timestamp);

        let method = match A::METHOD {
            Method::Post => reqwest::Method::POST,
            Method::Get => reqwest::Method::GET,
        };
        let mut request = inner
            .http
            .request(method, prepared.target.url.clone())
            .header("Host", &prepared.target.host)
            .header("Content-Type", prepared.content_type)
            .header("X-TC-Action", A::NAME)
            .header("X-TC-Version", A::VERSION)
            .header("X-TC-Timestamp", timestamp)
            .header("X-TC-RequestClient", &inner.request_client)
            .header("Authorization", authorization);
        if let Some(region) = &inner.region {
            request = request.header("X-TC-Region", region);
        }
        if let Some(token) = credential.token() {
            request = request.header("X-TC-Token", token);
        }
        if let Some(language) = &inner.language {
            request = request.header("X-TC-Language", language);
        }
        if A::METHOD == Method::Post {
            request = request.body(prepared.body.clone());
        }

        let url = prepared.target.url.as_str();
        let response = request
            .send()
            .await
            .map_err(|e| transport_error(A::NAME, url, e))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport_error(A::NAME, url, e))?;
        envelope::decode::<A::Output, A::Error>(A::NAME, status, &body)
    }
}

/// A request serialized once and sent by each attempt.
#[derive(Debug)]
struct Prepared {
    target: Target,
    body: Bytes,
    content_type: &'static str,
    action_lower: String,
}

fn authorization<A: Action>(prepared: &Prepared, credential: &Credential, timestamp: u64) -> String {
    let headers = [
        ("content-type", prepared.content_type),
        ("host", prepared.target.host.as_str()),
        ("x-tc-action", prepared.action_lower.as_str()),
    ];
    let input = SigningInput {
        method: A::METHOD.as_str(),
        path: "/",
        query: prepared.target.url.query().unwrap_or(""),
        headers: &headers,
        payload: Payload::Bytes(&prepared.body),
        timestamp,
        service: A::SERVICE,
    };
    sign::sign(&input, credential.secret_id(), credential.secret_key()).authorization
}

fn transport_error(action: &'static str, url: &str, error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if has_tls_cause(&error) {
        TransportErrorKind::Tls
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Io
    };
    let url = error.url().map_or(url, reqwest::Url::as_str).to_owned();
    Error::Transport(Box::new(TransportError::new(kind, action, url, error)))
}

fn has_tls_cause(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<rustls::Error>() {
            return true;
        }
        cause = e.source();
    }
    false
}

/// Configures a [`Client`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredential>>,
    endpoint: Option<String>,
    root_domain: String,
    language: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    request_client_suffix: Option<String>,
    retry: RetryConfig,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            region: None,
            credentials: None,
            endpoint: None,
            root_domain: DEFAULT_ROOT_DOMAIN.to_owned(),
            language: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(60),
            request_client_suffix: None,
            retry: RetryConfig::default(),
        }
    }
}

impl ClientBuilder {
    /// The region (`ap-guangzhou`), sent as `X-TC-Region`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A fixed credential.
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials = Some(Arc::new(StaticProvider::new(credential)));
        self
    }

    /// A credential provider, asked before each attempt. Without this or
    /// [`credential`](Self::credential), the `TENCENTCLOUD_*` environment
    /// variables are read.
    pub fn credentials_provider(mut self, provider: impl ProvideCredential + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends every request to this URL instead of `https://{service}.{root domain}/`
    /// (plain `http://` is allowed, for local endpoints such as `tc-mock`).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The root domain (default `tencentcloudapi.com`).
    pub fn root_domain(mut self, domain: impl Into<String>) -> Self {
        self.root_domain = domain.into();
        self
    }

    /// The language of error messages (`zh-CN` or `en-US`), sent as `X-TC-Language`.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    /// Time allowed to open a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for one attempt, from sending to the end of the body
    /// (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Appended to `X-TC-RequestClient`, to tell your application's calls apart.
    pub fn request_client_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.request_client_suffix = Some(suffix.into());
        self
    }

    /// Retry settings ([`RetryConfig::disabled`] turns retries off).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`Error::Build`] for an invalid endpoint, root domain, header value, or
    /// TLS set-up.
    pub fn build(self) -> Result<Client, Error> {
        let build_error = |message: String| Error::Build(Box::new(BuildError::new("client", message)));
        let endpoint = match &self.endpoint {
            Some(url) => Endpoint::fixed(url),
            None => Endpoint::domain(&self.root_domain),
        }
        .map_err(build_error)?;
        let request_client = match &self.request_client_suffix {
            Some(suffix) => format!("{REQUEST_CLIENT};{suffix}"),
            None => REQUEST_CLIENT.to_owned(),
        };
        for (name, value) in [
            ("region", self.region.as_deref()),
            ("language", self.language.as_deref()),
            ("request client", Some(request_client.as_str())),
        ] {
            if let Some(value) = value
                && reqwest::header::HeaderValue::from_str(value).is_err()
            {
                return Err(build_error(format!("{name} `{value}` is not a valid header value")));
            }
        }
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls_config().map_err(build_error)?)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .pool_idle_timeout(Duration::from_secs(50))
            .tcp_nodelay(true)
            .user_agent(REQUEST_CLIENT)
            .build()
            .map_err(|e| build_error(format!("cannot create the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials: self
                    .credentials
                    .unwrap_or_else(|| Arc::new(EnvironmentProvider)),
                endpoint,
                region: self.region,
                language: self.language,
                request_client,
                retry: self.retry,
            }),
        })
    }
}

/// TLS with the `ring` provider (lighter to build than aws-lc) and the
/// platform's certificate verifier.
fn tls_config() -> Result<rustls::ClientConfig, String> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map(|builder| builder.with_no_client_auth())
        .map_err(|e| format!("cannot set up TLS: {e}"))
}
