//! A local Tencent Cloud API 3.0 endpoint for offline tests.
//!
//! It checks every request the way the service does (required headers, TC3
//! signature with any `SignedHeaders` set that includes `content-type` and
//! `host`, clock skew, known SecretId, action and version), then hands the
//! decoded, typed request to the handler registered for its action and wraps
//! the handler's typed answer in the usual envelope with a fresh RequestId.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use serde_json::json;
//! use tc_mock::MockServer;
//!
//! let mock = MockServer::builder().credential("AKIDtest", "test-key").start().await?;
//! mock.on_json("cvm", "2017-03-12", "DescribeImageSharePermission", |request| {
//!     assert_eq!(request["ImageId"], "img-6pb6lrmy");
//!     Ok(json!({ "SharePermissionSet": [] }))
//! });
//! let client = mock.client_builder().region("ap-guangzhou").build()?;
//! let out = client
//!     .send_json(
//!         "cvm",
//!         "2017-03-12",
//!         "DescribeImageSharePermission",
//!         json!({ "ImageId": "img-6pb6lrmy" }),
//!     )
//!     .await?;
//! assert_eq!(out["SharePermissionSet"], json!([]));
//! # Ok(()) }
//! ```
//!
//! [`MockServer::on`] takes a typed handler instead: the action's type from a
//! service crate (`tc_cvm::DescribeImageSharePermission`) or your own
//! `#[tc_action]` struct, and its typed output.
//!
//! [`MockServer::on_stream`] registers a handler that streams its answer as
//! server-sent events ([`MockStream`]); an action without a handler that the
//! specs show streaming (Hunyuan `ChatCompletions`) streams its example to a
//! request with `"Stream": true`.
//!
//! It knows no service: the typed handlers come from the crates of the actions
//! they serve, and the services with state that the examples and tests run
//! against (CVM images and instances, STS) live in `tc-emulator`, which builds
//! on this crate.
//!
//! The `tc-mock` binary serves the same endpoint for tests written in any
//! language, scripted by a scenario file ([`Scenario`]): canned answers, error
//! codes, throttling, latency, cut connections and streams, per action.

#[rustfmt::skip]
mod answers;
mod defaults;
mod log;
mod params;
mod reply;
mod route;
mod scenario;
mod server;
mod stream;
mod verify;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, PoisonError, RwLockWriteGuard};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tc_core::{Action, Client, ClientBuilder, Credential};
use tokio::task::JoinHandle;

pub use log::DEFAULT_REQUEST_LOG_LIMIT;
pub use log::Received;
pub use reply::{MockError, request_id};
pub use scenario::{Scenario, ScenarioError};
pub use stream::MockStream;
pub use verify::MAX_CLOCK_SKEW_SECS;

use log::RequestLog;
use route::Routes;
use server::Shared;

/// A running local endpoint. Stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    first_credential: Option<(String, String)>,
    task: JoinHandle<()>,
}

impl MockServer {
    /// Starts configuring an endpoint.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The base URL to give a client, such as `http://127.0.0.1:41234`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Registers the handler of action `A` (replacing any earlier one). The
    /// request arrives decoded and typed; return the typed output, or a
    /// [`MockError`] to answer with an error envelope.
    pub fn on<A, F>(&self, handler: F) -> &Self
    where
        A: Action + DeserializeOwned,
        A::Output: Serialize,
        F: Fn(A) -> Result<A::Output, MockError> + Send + Sync + 'static,
    {
        self.routes().insert::<A, F>(handler);
        self
    }

    /// Registers a handler of action `A` (replacing any earlier one) that
    /// streams its answer: the request arrives decoded and typed; return the
    /// chunks to send as server-sent events, or a [`MockError`] to answer
    /// with an error envelope instead.
    pub fn on_stream<A, F>(&self, handler: F) -> &Self
    where
        A: Action + DeserializeOwned,
        F: Fn(A) -> Result<MockStream, MockError> + Send + Sync + 'static,
    {
        self.routes().insert_stream::<A, F>(handler);
        self
    }

    /// Registers an untyped handler of `action` of `service` at `version`
    /// (replacing any earlier one): the request's parameters arrive as JSON
    /// (a GET query's values as strings), and the handler returns the
    /// `Response` object as JSON, without its RequestId, or a [`MockError`].
    /// For an action no crate declares, or a test that wants no typed code
    /// per action.
    pub fn on_json<F>(
        &self,
        service: &'static str,
        version: &'static str,
        action: &'static str,
        handler: F,
    ) -> &Self
    where
        F: Fn(serde_json::Value) -> Result<serde_json::Value, MockError> + Send + Sync + 'static,
    {
        self.routes()
            .insert_json((service, version, action), handler);
        self
    }

    fn routes(&self) -> RwLockWriteGuard<'_, Routes> {
        self.shared
            .routes
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The requests answered so far, oldest first: the most recent
    /// [`DEFAULT_REQUEST_LOG_LIMIT`] of them, or as many as
    /// [`MockServerBuilder::request_log_limit`] says.
    pub fn requests(&self) -> Vec<Received> {
        self.shared
            .log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .snapshot()
    }

    /// The key pairs this endpoint accepts, to add temporary ones to while
    /// it runs.
    pub fn accepted_keys(&self) -> AcceptedKeys {
        AcceptedKeys(Arc::clone(&self.shared))
    }

    /// A client builder aimed at this endpoint, signing with the first key pair
    /// the endpoint was given.
    pub fn client_builder(&self) -> ClientBuilder {
        let builder = Client::builder().endpoint(self.endpoint());
        match &self.first_credential {
            Some((id, key)) => builder.credential(Credential::new(id.clone(), key.clone())),
            None => builder,
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// A handle to the key pairs a [`MockServer`] accepts, kept by emulations
/// that issue credentials while the endpoint runs (as STS does).
#[derive(Clone)]
pub struct AcceptedKeys(Arc<Shared>);

impl AcceptedKeys {
    /// Accepts temporary credentials from now on: requests signed with
    /// `secret_key` under `secret_id`, sent with `token`, until `expires_at`
    /// (Unix seconds).
    pub fn insert_temporary(
        &self,
        secret_id: String,
        secret_key: String,
        token: String,
        expires_at: u64,
    ) {
        self.0
            .keys
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert_temporary(secret_id, secret_key, token, expires_at);
    }
}

impl std::fmt::Debug for AcceptedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AcceptedKeys").finish_non_exhaustive()
    }
}

/// Configures a [`MockServer`].
#[derive(Default)]
#[must_use]
pub struct MockServerBuilder {
    credentials: Vec<(String, String)>,
    addr: Option<SocketAddr>,
    fixed_now: Option<u64>,
    no_defaults: bool,
    request_log_limit: Option<usize>,
    clock_offset: i64,
    limits: server::Limits,
    scenario: Scenario,
}

impl MockServerBuilder {
    /// Accepts requests signed with this key pair (may be repeated).
    pub fn credential(
        mut self,
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Self {
        self.credentials.push((secret_id.into(), secret_key.into()));
        self
    }

    /// Listens on `addr` (default `127.0.0.1:0`, an ephemeral loopback port).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.addr = Some(addr);
        self
    }

    /// Freezes the endpoint's clock at `unix_seconds` for the timestamp check,
    /// so that recorded requests (such as published signing examples) verify.
    pub fn fixed_time(mut self, unix_seconds: u64) -> Self {
        self.fixed_now = Some(unix_seconds);
        self
    }

    /// Runs the endpoint's clock `seconds` ahead of the machine's (behind
    /// when negative), for the timestamp check and the `Date` header, as a
    /// service would look to a client whose clock is wrong.
    pub fn clock_offset(mut self, seconds: i64) -> Self {
        self.clock_offset = seconds;
        self
    }

    /// How long a client may take to send a request's headers (default
    /// 10 s) and then its body (default 30 s); a slower one has its
    /// connection closed (headers) or gets `RequestTimeout` (body), so that
    /// stalled clients cannot tie the endpoint up.
    pub fn read_timeouts(
        mut self,
        headers: std::time::Duration,
        body: std::time::Duration,
    ) -> Self {
        self.limits = server::Limits {
            header_read: headers,
            body_read: body,
        };
        self
    }

    /// Whether an action with no registered handler is answered with the first
    /// example response of its service's specs (the default), or refused with
    /// `InvalidAction` as if the endpoint knew only the registered actions.
    pub fn answer_from_examples(mut self, on: bool) -> Self {
        self.no_defaults = !on;
        self
    }

    /// Answers the actions `scenario` names as it scripts (before any
    /// registered handler or the specs' examples); see [`Scenario`] for the
    /// file format.
    pub fn scenario(mut self, scenario: Scenario) -> Self {
        self.scenario = scenario;
        self
    }

    /// Remembers the last `limit` requests for [`MockServer::requests`]
    /// (default [`DEFAULT_REQUEST_LOG_LIMIT`]; 0 keeps none), so that memory
    /// stays flat however long the endpoint runs.
    pub fn request_log_limit(mut self, limit: usize) -> Self {
        self.request_log_limit = Some(limit);
        self
    }

    /// Binds and starts serving on the current Tokio runtime.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let addr = self
            .addr
            .unwrap_or(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
        let (listener, addr) = server::bind(addr).await?;
        let mut shared = Shared {
            fixed_now: self.fixed_now,
            defaults: !self.no_defaults,
            clock_offset: self.clock_offset,
            limits: self.limits,
            scenario: self.scenario,
            log: RequestLog::with_limit(
                self.request_log_limit.unwrap_or(DEFAULT_REQUEST_LOG_LIMIT),
            )
            .into(),
            ..Shared::default()
        };
        let keys = shared
            .keys
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        for (id, key) in &self.credentials {
            keys.insert(id.clone(), key.clone());
        }
        let shared = Arc::new(shared);
        let task = tokio::spawn(server::serve(listener, Arc::clone(&shared)));
        Ok(MockServer {
            addr,
            shared,
            first_credential: self.credentials.into_iter().next(),
            task,
        })
    }
}

impl std::fmt::Debug for MockServerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.credentials.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("MockServerBuilder")
            .field("secret_ids", &ids)
            .field("addr", &self.addr)
            .field("fixed_now", &self.fixed_now)
            .field("answer_from_examples", &!self.no_defaults)
            .field("request_log_limit", &self.request_log_limit)
            .field("clock_offset", &self.clock_offset)
            .field("limits", &self.limits)
            .field("scenario_rules", &self.scenario.len())
            .finish()
    }
}
