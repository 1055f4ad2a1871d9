//! The client: builds, signs and sends requests, decodes responses, retries.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::num::NonZeroU32;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tc_sign::{Payload, SKIP_AUTHORIZATION, SigningInput, SigningKeyCache};
use tokio::time::{Instant, Sleep};
use tracing::{Instrument, Span, field};

mod build;
pub(crate) mod call;
mod config;
pub(crate) mod credential;
mod http_profile;
pub(crate) mod paginate;
pub(crate) mod send_json;
pub mod streaming;
pub(crate) mod wait;

use crate::client::streaming::StreamConfig;
use crate::credential::Env;
use crate::credential::{Credential, CredentialError, ProvideCredential, StaticProvider};
use crate::transport::breaker::{CircuitBreakerConfig, CircuitBreakers};
use crate::transport::call_settings::CallSettings;
use crate::transport::clock_skew::{ClockSkew, describe};
use crate::transport::endpoint::{DEFAULT_ROOT_DOMAIN, Endpoint};
use crate::transport::extra_headers::X_TC_TRACE_ID;
use crate::transport::http::REQUEST_CLIENT;
use crate::transport::http_client::{Transport, build_http_client};
use crate::transport::metrics;
use crate::transport::op::Op;
use crate::transport::rate_limit::{ActionKey, RateLimits};
use crate::transport::region::region_from_env;
use crate::transport::request_limit::RequestLimits;
use crate::transport::request_template::{ClientHeaders, RequestTemplate, Templates};
use crate::transport::retry::{RetryClass, RetryConfig, RetryState, classify};
use crate::transport::time_limit::{AttemptLimits, within};
use crate::transport::wire_log;
use crate::wire::action::{Action, ErrorCode, Method};
use crate::wire::common_code::CommonCode;
use crate::wire::envelope;
use crate::wire::error::{Error, Name};
use crate::wire::lenient;
use crate::wire::query;
use crate::wire::uuid::random_uuid;
use config::Config;
pub use config::DEFAULT_MAX_RESPONSE_BYTES;

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
    /// What the builder set that the client keeps as it is.
    config: Config,
    http: reqwest::Client,
    credentials: Arc<dyn ProvideCredential>,
    endpoint: Endpoint,
    region: Option<String>,
    /// The user's extra headers, `X-TC-RequestClient`, `X-TC-Region`,
    /// `X-TC-Language`.
    headers: ClientHeaders,
    /// The constant part of each action's requests, made on first use.
    templates: Templates,
    rate_limits: RateLimits,
    breakers: Option<CircuitBreakers>,
    /// Derived signing keys, one derivation per secret, UTC day and service.
    signing_keys: SigningKeyCache,
    /// The service's clock minus ours, learnt from its `Date` headers.
    clock: ClockSkew,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The region sent as `X-TC-Region`, if any: the builder's, else
    /// `TENCENTCLOUD_REGION`, else the selected profile's (see
    /// [`ClientBuilder::region`]).
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Sends one action and decodes its response, retrying transient faults as
    /// configured. Each attempt is signed afresh.
    ///
    /// Read-only actions (`Describe*`, `Inquiry*`, `Get*`) and requests that
    /// carry a `ClientToken` (one is generated when the member is unset) are
    /// retried on any transient fault; other actions only when the failed
    /// attempt was certainly not acted on (no connection, or throttled). An
    /// action with a declared rate limit waits for its turn.
    ///
    /// The parameters travel as the client's [`method`](ClientBuilder::method)
    /// says, else as the action declares; [`call`](Self::call) chooses per
    /// call, and sets the call's region, endpoint, time limits, retries and
    /// headers.
    ///
    /// # Errors
    /// See [`Error`]: the service's own error, a network failure or time-out,
    /// an HTTP error page, an undecodable or oversized body, missing
    /// credentials, or a request that cannot be built.
    pub async fn send<A: Action>(&self, action: A) -> Result<A::Output, Error> {
        self.send_typed(
            action,
            &CallSettings::default(),
            &Decode::<A::Output, A::Error>::new(),
        )
        .await
    }

    /// A typed action's call with `settings`, received by `receive`.
    pub(crate) async fn send_typed<A: Action, R: Receive>(
        &self,
        mut action: A,
        settings: &CallSettings,
        receive: &R,
    ) -> Result<R::Output, Error> {
        let repeatable = action.ensure_client_token() || A::READ_ONLY;
        self.execute(&Op::of::<A>(), &action, repeatable, settings, receive)
            .await
    }

    /// One call, with `receive` making each attempt's result from its
    /// response (the decoded body for [`send`](Self::send), the opened event
    /// stream for [`send_streaming`](Self::send_streaming)); everything before
    /// it, retries and the deadline around it, is the same for both.
    /// `repeatable` says whether any transient fault may be retried.
    pub(crate) async fn execute<R: Receive>(
        &self,
        op: &Op,
        params: &(impl Serialize + ?Sized),
        repeatable: bool,
        settings: &CallSettings,
        receive: &R,
    ) -> Result<R::Output, Error> {
        let inner = &*self.inner;
        let region = settings
            .region
            .as_deref()
            .or(inner.region.as_deref())
            .unwrap_or("");
        // The caller's own trace id, else a fresh one, kept across retries.
        let trace_id = match settings.headers.get(&X_TC_TRACE_ID) {
            Some(id) => id.to_str().unwrap_or_default().to_owned(),
            None => random_uuid(),
        };
        let span = tracing::info_span!(
            "tc.call",
            service = &*op.service,
            action = &*op.name,
            region,
            trace_id = trace_id.as_str(),
            request_id = field::Empty,
            rpc.system = "tencentcloud",
            rpc.service = &*op.service,
            rpc.method = &*op.name,
        );
        let started = Instant::now();
        let call = async {
            let prepared = self.prepare(op, params, settings, region, &trace_id)?;
            self.send_prepared(op, &prepared, repeatable, settings, region, &span, receive)
                .await
        }
        .instrument(span.clone());
        let result = match settings.deadline.or(inner.config.deadline) {
            None => call.await,
            Some(deadline) => tokio::time::timeout(deadline, call)
                .await
                .unwrap_or_else(|_| {
                    Err(Error::timeout(
                        op.name.clone(),
                        "",
                        format!("the call did not finish within its deadline of {deadline:?}"),
                    ))
                }),
        };
        metrics::call(op, region, started.elapsed(), result.as_ref().err());
        result.map_err(|error| error.with_trace_id(&trace_id))
    }

    /// The streaming settings.
    pub(crate) fn stream_config(&self) -> &StreamConfig {
        &self.inner.config.streaming
    }

    /// The retry loop around single attempts.
    #[expect(
        clippy::too_many_arguments,
        reason = "the parts of one call, passed once"
    )]
    async fn send_prepared<R: Receive>(
        &self,
        op: &Op,
        prepared: &Prepared,
        repeatable: bool,
        settings: &CallSettings,
        region: &str,
        call_span: &Span,
        receive: &R,
    ) -> Result<R::Output, Error> {
        let inner = &*self.inner;
        let mut retry = RetryState::new(
            settings.retry.as_ref().unwrap_or(&inner.config.retry),
            repeatable,
        );
        let mut attempt = 1u32;
        let mut clock_corrected = false;
        loop {
            if let Some(breakers) = &inner.breakers {
                breakers.admit(region).map_err(|refused| {
                    Error::circuit_open(
                        op.name.clone(),
                        prepared.url().as_str(),
                        region,
                        refused.retry_in,
                    )
                })?;
            }
            inner
                .rate_limits
                .acquire(&op.service, &op.name, op.rate_limit)
                .await;
            let attempt_span =
                tracing::debug_span!("tc.attempt", attempt, request_id = field::Empty);
            let offset = inner.clock.offset();
            let result = self
                .attempt(op, prepared, receive)
                .instrument(attempt_span.clone())
                .await;
            let class = result.as_ref().err().map(|f| classify(&f.error));
            metrics::attempt(op, region, class == Some(RetryClass::Throttled));
            if let Some(breakers) = &inner.breakers {
                breakers.record(region, class == Some(RetryClass::Transient));
            }
            let Failure { error, retry_after } = match result {
                Ok((output, request_id)) => {
                    attempt_span.record("request_id", request_id.as_str());
                    call_span.record("request_id", request_id.as_str());
                    return Ok(output);
                }
                Err(failure) => failure,
            };
            if let Some(id) = error.request_id() {
                call_span.record("request_id", id);
            }
            let error = if error.common_code() == Some(CommonCode::AuthFailureSignatureExpire) {
                // The service refused the signature before acting, so a
                // re-signed request is safe to send, once, when its `Date`
                // told us a better time.
                let learnt = inner.clock.offset();
                if learnt != offset && !clock_corrected {
                    clock_corrected = true;
                    tracing::warn!(attempt, offset = learnt, "{}; re-signing", describe(learnt));
                    attempt += 1;
                    continue;
                }
                error.with_note(if learnt == 0 {
                    "the local clock may be off: the response's Date header (if any) did not show by how much".to_owned()
                } else {
                    format!("{} (already corrected for, and still refused)", describe(learnt))
                })
            } else {
                error
            };
            let Some(backoff) = retry.next_backoff(&error) else {
                tracing::debug!(attempt, %error, "call failed");
                return Err(error);
            };
            // The service's own hint wins when it asks for a longer pause.
            let backoff = retry_after.map_or(backoff, |hint| hint.max(backoff));
            tracing::warn!(attempt, ?backoff, %error, "retrying");
            tokio::time::sleep(backoff).await;
            attempt += 1;
        }
    }

    /// Serializes the parameters once and gathers the call's own headers;
    /// every attempt reuses the result.
    fn prepare(
        &self,
        op: &Op,
        params: &(impl Serialize + ?Sized),
        settings: &CallSettings,
        region: &str,
        trace_id: &str,
    ) -> Result<Prepared, Error> {
        let inner = &*self.inner;
        let build_error = |message: String| Error::build(op.name.clone(), message);
        let method = settings.method.or(inner.config.method).unwrap_or(op.method);
        if let Some(problem) = &settings.invalid {
            return Err(build_error(problem.clone()));
        }
        let make = |endpoint: &Endpoint| RequestTemplate::new(op, method, endpoint, &inner.headers);
        let template = match &settings.endpoint {
            None => inner
                .templates
                .get(op, method, || make(&inner.endpoint))
                .map_err(build_error)?,
            // A call's own endpoint is rare: its template is not kept.
            Some(url) => Arc::new(
                Endpoint::fixed(url)
                    .and_then(|endpoint| make(&endpoint))
                    .map_err(build_error)?,
            ),
        };
        let (body, url_with_query) = match method {
            Method::Post => {
                let body = serde_json::to_vec(params)
                    .map_err(|e| build_error(format!("cannot serialize parameters: {e}")))?;
                inner
                    .config
                    .request_limits
                    .check(Method::Post, body.len())
                    .map_err(build_error)?;
                (Some(Bytes::from(body)), None)
            }
            Method::Get => {
                let query = query::encode(params)
                    .map_err(|e| build_error(format!("cannot flatten parameters: {e}")))?;
                inner
                    .config
                    .request_limits
                    .check(Method::Get, query.len())
                    .map_err(build_error)?;
                let mut url = template.url.clone();
                url.set_query(Some(&query));
                (None, Some(url))
            }
        };
        let mut headers = settings.headers.clone();
        let value = |setting: &str, text: &str| {
            HeaderValue::from_str(text)
                .map_err(|_| build_error(format!("{setting} `{text}` is not a valid header value")))
        };
        headers.insert(X_TC_TRACE_ID, value("trace id", trace_id)?);
        if settings.region.is_some() {
            headers.insert("x-tc-region", value("region", region)?);
        }
        if let Some(language) = &settings.language {
            headers.insert("x-tc-language", value("language", language)?);
        }
        let limits = AttemptLimits {
            attempt: settings.timeout.unwrap_or(inner.config.limits.attempt),
            ..inner.config.limits
        };
        Ok(Prepared {
            template,
            url_with_query,
            body,
            headers,
            limits,
        })
    }

    async fn attempt<R: Receive>(
        &self,
        op: &Op,
        prepared: &Prepared,
        receive: &R,
    ) -> Result<(R::Output, String), Failure> {
        let inner = &*self.inner;
        // Static and cached credentials are at hand; only the others are awaited.
        let credential = match inner.credentials.ready_credential() {
            Some(credential) => credential,
            None => inner
                .credentials
                .provide_credential()
                .await
                .map_err(|e| Failure::from(Error::from(e)))?,
        };
        // A provider of the user's own may hand out a blank key: refuse it
        // here rather than send a request bound to fail its signature check.
        credential
            .check()
            .map_err(|e| Failure::from(Error::from(e)))?;
        let timestamp = inner.clock.now();
        let authorization =
            authorization(&inner.signing_keys, op, prepared, &credential, timestamp);
        let request = prepared
            .template
            .request(
                prepared.url().clone(),
                prepared.body.clone(),
                timestamp,
                authorization,
                credential.token(),
                &prepared.headers,
            )
            .map_err(|e| Error::build(op.name.clone(), e))?;
        drop(credential);
        wire_log::request(&request);

        let url = prepared.url().as_str();
        let limits = &prepared.limits;
        let started = Instant::now();
        let mut timer = pin!(limits.headers_timer(started));
        let response = within(timer.as_mut(), inner.http.execute(request))
            .await
            .ok_or_else(|| Error::timeout(op.name.clone(), url, limits.headers_late()))?
            .map_err(|e| Error::transport(op.name.clone(), url, e))?;
        let date = response.headers().get(reqwest::header::DATE);
        inner.clock.observe(date.map(|v| v.as_bytes()));
        let retry_after = retry_after(response.headers());
        let trace_id = prepared
            .headers
            .get(X_TC_TRACE_ID)
            .and_then(|id| id.to_str().ok())
            .unwrap_or_default();
        let answer = Answer {
            response,
            retry_after,
            action: &op.name,
            url,
            trace_id,
            timer,
            started,
            limits,
            max_response_bytes: inner.config.max_response_bytes,
            strict: inner.config.strict_decoding,
        };
        receive.receive(answer).await
    }
}

/// What an attempt does once the response headers are in, to make its result
/// and the RequestId.
pub(crate) trait Receive: Sync {
    type Output: Send;

    fn receive(
        &self,
        answer: Answer<'_>,
    ) -> impl Future<Output = Result<(Self::Output, String), Failure>> + Send;
}

/// [`Client::send`]'s: the whole body, decoded from its envelope as `T`, an
/// error's code resolved against `E`.
pub(crate) struct Decode<T, E>(PhantomData<fn() -> (T, E)>);

impl<T, E> Decode<T, E> {
    pub(crate) fn new() -> Self {
        Decode(PhantomData)
    }
}

impl<T: DeserializeOwned + Send, E: ErrorCode> Receive for Decode<T, E> {
    type Output = T;

    async fn receive(&self, answer: Answer<'_>) -> Result<(T, String), Failure> {
        answer.decode::<T, E>().await
    }
}

/// A response whose headers are in, with what reading its body needs.
pub(crate) struct Answer<'a> {
    pub(crate) response: reqwest::Response,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) action: &'a Name,
    pub(crate) url: &'a str,
    /// The call's `X-TC-TraceId`.
    pub(crate) trace_id: &'a str,
    /// The attempt's timer, until now on the headers.
    timer: Pin<&'a mut Sleep>,
    started: Instant,
    limits: &'a AttemptLimits,
    max_response_bytes: usize,
    /// [`ClientBuilder::strict_decoding`].
    strict: bool,
}

impl Answer<'_> {
    /// Reads the whole body within the attempt's time and size limits and
    /// decodes its envelope.
    pub(crate) async fn decode<T: DeserializeOwned, E: ErrorCode>(
        self,
    ) -> Result<(T, String), Failure> {
        let Answer {
            response,
            retry_after,
            action,
            url,
            trace_id: _,
            mut timer,
            started,
            limits,
            max_response_bytes,
            strict,
        } = self;
        let status = response.status().as_u16();
        let headers = wire_log::enabled().then(|| response.headers().clone());
        if response.status().is_redirection() {
            if let Some(headers) = headers {
                wire_log::response(status, &headers, None);
            }
            let location = response.headers().get(reqwest::header::LOCATION);
            let error =
                Error::redirect(action.clone(), status, url, location.map(|v| v.as_bytes()));
            return Err(Failure { error, retry_after });
        }
        limits.extend_to_body(timer.as_mut(), started);
        let body = within(timer, read_body(response, max_response_bytes, action, url))
            .await
            .unwrap_or_else(|| Err(Error::timeout(action.clone(), url, limits.body_late())))
            .map_err(|error| Failure { error, retry_after })?;
        if let Some(headers) = headers {
            wire_log::response(status, &headers, Some(&body));
        }
        lenient::strictly(strict, || {
            envelope::decode::<T, E>(action.clone(), status, &body)
        })
        .map_err(|error| Failure { error, retry_after })
    }
}

/// A failed attempt, with the service's hint on when to try again.
pub(crate) struct Failure {
    pub(crate) error: Error,
    pub(crate) retry_after: Option<Duration>,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            retry_after: None,
        }
    }
}

/// `Retry-After: <seconds>`, when present and sane.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds.min(300)))
}

/// Reads the body, refusing more than `max` bytes so a runaway response
/// cannot exhaust memory.
async fn read_body(
    mut response: reqwest::Response,
    max: usize,
    action: &Name,
    url: &str,
) -> Result<Bytes, Error> {
    let too_large = |body: &[u8]| Error::body_too_large(action.clone(), max, body);
    let announced = response
        .content_length()
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    match announced {
        Some(n) if n > max => return Err(too_large(&[])),
        // The HTTP layer reads no more than announced: one buffer, no copy.
        Some(_) => {
            return response
                .bytes()
                .await
                .map_err(|e| Error::transport(action.clone(), url, e));
        }
        None => {}
    }
    let mut body = Vec::with_capacity(8 * 1024);
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| Error::transport(action.clone(), url, e))?
    {
        if body.len() + chunk.len() > max {
            return Err(too_large(&body));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// A request serialized once and sent by each attempt.
#[derive(Debug)]
struct Prepared {
    template: Arc<RequestTemplate>,
    /// The GET form's URL, with its query; POST uses the template's.
    url_with_query: Option<reqwest::Url>,
    /// The POST form's JSON body.
    body: Option<Bytes>,
    /// The call's own headers: its trace id and overrides.
    headers: HeaderMap,
    /// The attempt's time limits, the call's own timeout applied.
    limits: AttemptLimits,
}

impl Prepared {
    fn url(&self) -> &reqwest::Url {
        self.url_with_query.as_ref().unwrap_or(&self.template.url)
    }
}

/// Room for a usual `Authorization` value, so that writing it never reallocates.
const AUTHORIZATION_CAPACITY: usize = 224;

/// The `Authorization` value of one attempt, with the key from the client's
/// cache (the fast path of [`tc_sign`], which builds no intermediate
/// text).
fn authorization(
    keys: &SigningKeyCache,
    op: &Op,
    prepared: &Prepared,
    credential: &Credential,
    timestamp: u64,
) -> String {
    if credential.is_anonymous() {
        return SKIP_AUTHORIZATION.to_owned();
    }
    let template = &*prepared.template;
    let headers = [
        ("content-type", template.content_type),
        ("host", template.host.as_str()),
        ("x-tc-action", template.action_lower.as_str()),
    ];
    let input = SigningInput {
        method: template.method.as_str(),
        path: "/",
        query: prepared.url().query().unwrap_or(""),
        headers: &headers,
        payload: Payload::Bytes(prepared.body.as_deref().unwrap_or_default()),
        timestamp,
        service: &op.service,
    };
    let mut authorization = String::with_capacity(AUTHORIZATION_CAPACITY);
    keys.write_authorization(
        &mut authorization,
        &input,
        credential.secret_id(),
        credential.secret_key(),
    );
    authorization
}

/// Configures a [`Client`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    /// What the client will keep as it is; `build` moves it into the client.
    config: Config,
    /// The rest are what `build` makes the client's parts from.
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredential>>,
    endpoint: Option<String>,
    root_domain: String,
    language: Option<String>,
    connect_timeout: Duration,
    request_client_suffix: Option<String>,
    rate_limits_enabled: bool,
    rate_limit_overrides: HashMap<ActionKey, Option<NonZeroU32>>,
    circuit_breaker: Option<CircuitBreakerConfig>,
    /// Why the fixed credential given cannot sign, reported by `build`.
    credential_problem: Option<CredentialError>,
    /// Extra headers on every request.
    headers: HeaderMap,
    /// The first setting that cannot be used, reported by `build`.
    invalid: Option<String>,
    transport: Transport,
    /// Where the region and proxy variables are read.
    env: Env,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            config: Config::default(),
            region: None,
            credentials: None,
            endpoint: None,
            root_domain: DEFAULT_ROOT_DOMAIN.to_owned(),
            language: None,
            connect_timeout: Duration::from_secs(5),
            request_client_suffix: None,
            rate_limits_enabled: true,
            rate_limit_overrides: HashMap::new(),
            circuit_breaker: None,
            credential_problem: None,
            headers: HeaderMap::new(),
            invalid: None,
            transport: Transport::default(),
            env: Env::process(),
        }
    }
}

impl ClientBuilder {
    /// The region (`ap-guangzhou`), sent as `X-TC-Region`. Without it, the
    /// client takes `TENCENTCLOUD_REGION`, else the `region` of the selected
    /// profile (`TENCENTCLOUD_PROFILE`, else `default`) in the credentials
    /// file, else the official CLI's `~/.tccli/<profile>.configure`; a call
    /// can still choose its own ([`Call::region`](crate::Call::region)).
    ///
    /// ```
    /// let client = tc_core::Client::builder().region("ap-guangzhou").build()?;
    /// assert_eq!(client.region(), Some("ap-guangzhou"));
    /// # Ok::<(), tc_core::Error>(())
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A fixed credential. One with an empty or whitespace id or key makes
    /// [`build`](Self::build) fail (see [`Credential::try_new`]).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credential_problem = credential.check().err();
        self.credentials = Some(Arc::new(StaticProvider::new(credential)));
        self
    }

    /// A credential provider, asked before each attempt. Without this or
    /// [`credential`](Self::credential), the
    /// [`DefaultChain`](crate::credential::DefaultChain) is used
    /// (environment, profile file, OIDC, CVM role).
    pub fn credentials_provider(mut self, provider: impl ProvideCredential + 'static) -> Self {
        self.credential_problem = None;
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
    /// (default 60 s). An event stream has it until its headers; then
    /// [`StreamConfig::idle_timeout`] bounds each wait for more of it.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.limits.attempt = timeout;
        self
    }

    /// Appended to `X-TC-RequestClient`, to tell your application's calls apart.
    pub fn request_client_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.request_client_suffix = Some(suffix.into());
        self
    }

    /// Retry settings ([`RetryConfig::disabled`] turns retries off).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// Time allowed from sending a request to its response headers (default 30 s).
    pub fn first_byte_timeout(mut self, timeout: Duration) -> Self {
        self.config.limits.first_byte = timeout;
        self
    }

    /// Time allowed for a whole call: every attempt, backoff and rate-limit
    /// wait together (default: unbounded beyond the retry budget). A
    /// streaming call has it until its stream is returned.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.config.deadline = Some(deadline);
        self
    }

    /// Largest response body accepted (default 64 MiB). An event stream is
    /// not cut by it: [`StreamConfig::max_event_bytes`] bounds each of its events.
    pub fn max_response_bytes(mut self, max: usize) -> Self {
        self.config.max_response_bytes = max;
        self
    }

    /// Settings of [`Client::send_streaming`]: the idle limit between the
    /// body's bytes and the size limit of one event.
    pub fn streaming(mut self, config: StreamConfig) -> Self {
        self.config.streaming = config;
        self
    }

    /// Turns client-side rate limiting on or off for every action (default on:
    /// actions that declare `rate_limit = N` wait for their turn).
    pub fn rate_limits(mut self, enabled: bool) -> Self {
        self.rate_limits_enabled = enabled;
        self
    }

    /// Sets action `A`'s limit in requests per second for this client,
    /// replacing the declared one; `None` removes it.
    pub fn action_rate_limit<A: Action>(mut self, per_second: Option<NonZeroU32>) -> Self {
        self.rate_limit_overrides
            .insert((A::SERVICE.into(), A::NAME.into()), per_second);
        self
    }

    /// Sends every action's parameters this way (the official SDKs' HTTP
    /// profile method), whatever the action declares; by default each action
    /// goes as it declares (`method = "GET"`, else POST). A call can still
    /// choose with [`Client::call`]. GET puts the parameters in the query
    /// string, which servers limit in length: keep large requests on POST.
    pub fn method(mut self, method: Method) -> Self {
        self.config.method = Some(method);
        self
    }

    /// The largest request sent (default: a GET query of 32 KiB, a POST
    /// body of 10 MiB, the official Go SDK's limits): a larger one fails
    /// with [`Error::Build`] before anything is sent.
    pub fn request_limits(mut self, limits: RequestLimits) -> Self {
        self.config.request_limits = limits;
        self
    }

    /// Strict decoding, for tests (default off): an answer that lacks a
    /// plain (non-`Option`) member of the output struct, or carries a member
    /// it does not declare (`RequestId` aside), fails with [`Error::Decode`]
    /// instead of decoding to a default, so a misspelt field in a struct of
    /// your own is caught. Loosely typed values (`"253"` for a `u64`) are
    /// read either way, with a warning naming the JSON path.
    pub fn strict_decoding(mut self, strict: bool) -> Self {
        self.config.strict_decoding = strict;
        self
    }

    /// Turns on a per-region circuit breaker (off by default): after repeated
    /// transient failures calls to that region fail fast for a cool-down,
    /// then a single probe decides whether to resume.
    pub fn circuit_breaker(mut self, config: CircuitBreakerConfig) -> Self {
        self.circuit_breaker = Some(config);
        self
    }

    /// The builder without its credential provider, and that provider if
    /// one was given ([`build`](Self::build) supplies the default).
    ///
    /// # Errors
    /// [`Error::Credentials`] when the fixed credential given cannot sign
    /// (an empty or whitespace id or key).
    pub(crate) fn take_credentials(
        mut self,
    ) -> Result<(Self, Option<Arc<dyn ProvideCredential>>), Error> {
        if let Some(problem) = self.credential_problem.take() {
            return Err(Error::from(problem));
        }
        let credentials = self.credentials.take();
        Ok((self, credentials))
    }

    /// Builds the client with `credentials`, whatever the builder was given.
    ///
    /// # Errors
    /// As [`build`](Self::build).
    pub(crate) fn build_with(
        self,
        credentials: Arc<dyn ProvideCredential>,
    ) -> Result<Client, Error> {
        let build_error = |message: String| Error::build("client", message);
        if let Some(problem) = self.invalid {
            return Err(build_error(problem));
        }
        let region = self.region.or_else(|| region_from_env(&self.env));
        let endpoint = match &self.endpoint {
            Some(url) => Endpoint::fixed(url),
            None => Endpoint::domain(&self.root_domain),
        }
        .map_err(build_error)?;
        let request_client = match &self.request_client_suffix {
            Some(suffix) => format!("{REQUEST_CLIENT};{suffix}"),
            None => REQUEST_CLIENT.to_owned(),
        };
        let headers = ClientHeaders::new(
            &request_client,
            region.as_deref(),
            self.language.as_deref(),
            self.headers,
        )
        .map_err(build_error)?;
        let http = build_http_client(&self.transport, &self.env, self.connect_timeout)
            .map_err(build_error)?;
        Ok(Client {
            inner: Arc::new(Inner {
                config: self.config,
                http,
                credentials,
                endpoint,
                region,
                headers,
                templates: Templates::default(),
                rate_limits: RateLimits::new(self.rate_limits_enabled, self.rate_limit_overrides),
                breakers: self.circuit_breaker.map(CircuitBreakers::new),
                signing_keys: SigningKeyCache::new(),
                clock: ClockSkew::default(),
            }),
        })
    }
}
