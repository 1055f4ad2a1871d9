//! One call with settings of its own: `client.call(action).method(Method::Get).send()`.

use crate::action::{Action, Method};
use crate::client::Client;
use crate::error::Error;

/// An action about to be sent, with settings for this call only. Made by
/// [`Client::call`]; [`Client::send`] is the same call with no settings.
///
/// ```no_run
/// # use tc_core::{tc_action, tc_model};
/// # #[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImageSharePermission")]
/// # pub struct DescribeImageSharePermission { pub image_id: String }
/// # #[tc_model]
/// # pub struct DescribeImageSharePermissionResponse { pub request_id: String }
/// # async fn run(client: &tc_core::Client) -> Result<(), tc_core::Error> {
/// use tc_core::Method;
///
/// let request = DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() };
/// // The same struct, sent as GET this once (parameters in the query string).
/// let out = client.call(request).method(Method::Get).send().await?;
/// # let _ = out; Ok(()) }
/// ```
#[derive(Debug)]
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'c, A> {
    client: &'c Client,
    action: A,
    method: Option<Method>,
}

impl<'c, A: Action> Call<'c, A> {
    pub(crate) fn new(client: &'c Client, action: A) -> Self {
        Call {
            client,
            action,
            method: None,
        }
    }

    /// Sends the parameters this way for this call, whatever the action
    /// declares (`method = "GET"`) and the client's default
    /// ([`ClientBuilder::method`](crate::ClientBuilder::method)).
    pub fn method(mut self, method: Method) -> Self {
        self.method = Some(method);
        self
    }

    /// Sends the call, as [`Client::send`] does, with this call's settings.
    ///
    /// # Errors
    /// As [`Client::send`].
    pub async fn send(self) -> Result<A::Output, Error> {
        self.client
            .execute(self.action, self.method, &crate::client::Decode)
            .await
    }
}

impl Client {
    /// Starts one call with settings of its own, such as its HTTP method:
    /// `client.call(action).method(Method::Get).send().await`.
    pub fn call<A: Action>(&self, action: A) -> Call<'_, A> {
        Call::new(self, action)
    }
}
