//! One call with settings of its own:
//! `client.call(action).region("ap-singapore").timeout(..).send()`.

use std::time::Duration;

use crate::client::streaming::ChunkStream;
use crate::client::{Client, Decode};
use crate::transport::call_settings::CallSettings;
use crate::transport::retry::RetryConfig;
use crate::wire::action::{Action, Method};
use crate::wire::error::Error;

/// An action about to be sent, with settings for this call only. Made by
/// [`Client::call`] for a typed action (`A` is the action) or
/// [`Client::call_json`] for one called by name (`A` is
/// [`JsonRequest`](crate::JsonRequest)); [`Client::send`] and
/// [`Client::send_json`] are the same calls with no settings. Each setting
/// replaces the client's for this call.
///
/// ```no_run
/// # use tc_core::{tc_action, tc_model};
/// # #[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImageSharePermission")]
/// # pub struct DescribeImageSharePermission { pub image_id: String }
/// # #[tc_model]
/// # pub struct DescribeImageSharePermissionResponse { pub request_id: String }
/// # async fn run(client: &tc_core::Client) -> Result<(), tc_core::Error> {
/// use std::time::Duration;
/// use tc_core::{Method, RetryConfig};
///
/// let request = DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() };
/// let out = client
///     .call(request)
///     .region("ap-singapore")
///     .method(Method::Get)                     // parameters in the query string
///     .timeout(Duration::from_secs(5))         // each attempt
///     .deadline(Duration::from_secs(20))       // the whole call
///     .retry(RetryConfig::disabled())
///     .header("X-Request-Source", "nightly-audit")
///     .language("en-US")
///     .send()
///     .await?;
/// # let _ = out; Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'c, A> {
    pub(crate) client: &'c Client,
    pub(crate) action: A,
    pub(crate) settings: CallSettings,
}

impl<'c, A> Call<'c, A> {
    pub(crate) fn new(client: &'c Client, action: A) -> Self {
        Call {
            client,
            action,
            settings: CallSettings::default(),
        }
    }

    /// Sends the parameters this way for this call, whatever the action
    /// declares (`method = "GET"`) and the client's default
    /// ([`ClientBuilder::method`](crate::ClientBuilder::method)).
    pub fn method(mut self, method: Method) -> Self {
        self.settings.method = Some(method);
        self
    }

    /// The region of this call (`X-TC-Region`), instead of the client's.
    /// The circuit breaker and the call's span count it under this region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = Some(region.into());
        self
    }

    /// Sends this call to `url` instead of the client's endpoint (as
    /// [`ClientBuilder::endpoint`](crate::ClientBuilder::endpoint) does,
    /// and signed for that host). A URL that cannot be used fails the call
    /// with [`Error::Build`].
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.settings.endpoint = Some(url.into());
        self
    }

    /// Time allowed for each attempt of this call, from sending to the end of
    /// the body ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = Some(timeout);
        self
    }

    /// Time allowed for the whole call, retries and waits included
    /// ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline)).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.settings.deadline = Some(deadline);
        self
    }

    /// Retry settings of this call ([`RetryConfig::disabled`] for one
    /// attempt).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.settings.retry = Some(retry);
        self
    }

    /// The language of error messages for this call (`X-TC-Language`:
    /// `zh-CN` or `en-US`).
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.settings.language = Some(language.into());
        self
    }

    /// Adds a header to this call's requests, after the client's own
    /// ([`ClientBuilder::header`](crate::ClientBuilder::header), whose rules
    /// apply: a header the SDK owns, or one that cannot be sent, fails the
    /// call with [`Error::Build`] before anything is sent).
    /// `X-TC-TraceId` replaces the call's generated trace id.
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.settings.header(name.as_ref(), value.as_ref());
        self
    }
}

impl<A: Action> Call<'_, A> {
    /// Sends the call, as [`Client::send`] does, with this call's settings.
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn send(self) -> Result<A::Output, Error> {
        let receive = Decode::<A::Output, A::Error>::new();
        self.client
            .send_typed(self.action, &self.settings, &receive)
            .await
    }

    /// Sends the call, as [`Client::send_streaming`] does, with this call's
    /// settings.
    ///
    /// # Errors
    /// As [`Client::send_streaming`].
    pub async fn send_streaming(self) -> Result<ChunkStream<A>, Error> {
        self.client
            .open_streaming(self.action, &self.settings)
            .await
    }
}

impl Client {
    /// Starts one call with settings of its own (its HTTP method, region,
    /// endpoint, time limits, retries, headers, language; see [`Call`]):
    /// `client.call(action).region("ap-singapore").send().await`.
    pub fn call<A: Action>(&self, action: A) -> Call<'_, A> {
        Call::new(self, action)
    }
}
