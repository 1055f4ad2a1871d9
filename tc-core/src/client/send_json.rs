//! Calls by name: any service, version and action, with JSON parameters and
//! a JSON answer, for an action newer than the shipped crates (the official
//! SDKs' `CommonClient`). The call takes the path of a typed one.

use serde_json::{Map, Value};

use crate::client::call::Call;
use crate::client::streaming::JsonStream;
use crate::client::streaming::Open;
use crate::client::{Client, Decode, Receive};
use crate::transport::call_settings::CallSettings;
use crate::transport::op::Op;
use crate::wire::common_code::CommonCode;
use crate::wire::error::Error;
use crate::wire::uuid::random_uuid;

/// An action named at run time, with its parameters as JSON: what
/// [`Client::call_json`] makes into a [`Call`].
#[derive(Clone, Debug)]
pub struct JsonRequest {
    op: Op,
    params: Value,
}

impl Client {
    /// Calls `action` of `service` at API `version` with `params` (a JSON
    /// object of the API's wire names, `{"ImageId": "img-6pb6lrmy"}`) and
    /// returns the answer's `Response` object, envelope removed
    /// (`RequestId` included). Use it for a service or action the shipped
    /// crates do not have yet.
    ///
    /// It takes the path of [`send`](Self::send): the endpoint
    /// `https://{service}.{root domain}/` (or the client's), signing,
    /// retries, time limits, the circuit breaker. What a typed action
    /// declares is decided from the name and parameters instead:
    ///
    /// - **read-only** (any transient fault is retried) when the name
    ///   starts with `Describe`, `Inquiry` or `Get`;
    /// - **idempotency token**: the SDK cannot know whether an action takes
    ///   a `ClientToken`, so it fills one when the parameters hold
    ///   `"ClientToken": null` (the same token on every attempt), and a
    ///   non-empty `ClientToken` (given or filled) makes any transient fault
    ///   safe to retry; otherwise a mutating call is retried only when
    ///   certainly not acted on (no connection, or throttled);
    /// - **rate limit**: the client's limit for that name, if it has one
    ///   ([`ClientBuilder::rate_limit_by_name`](crate::ClientBuilder::rate_limit_by_name));
    /// - **method**: POST, unless the client or the call says GET.
    ///
    /// An error envelope is an [`Error::Service`] with its code, message and
    /// RequestId; [`Error::common_code`] types the codes every service
    /// shares. [`call_json`](Self::call_json) sets a call's region, endpoint,
    /// time limits, retries and headers, or streams its answer.
    ///
    /// ```no_run
    /// # async fn run(client: tc_core::Client) -> Result<(), tc_core::Error> {
    /// use serde_json::json;
    ///
    /// let out = client
    ///     .send_json("cvm", "2017-03-12", "DescribeImageSharePermission", json!({"ImageId": "img-6pb6lrmy"}))
    ///     .await?;
    /// for share in out["SharePermissionSet"].as_array().into_iter().flatten() {
    ///     println!("{}", share["AccountId"]);
    /// }
    /// println!("RequestId {}", out["RequestId"]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`send`](Self::send); [`Error::Build`] when `params` is not a JSON
    /// object (or `null`, sent as `{}`).
    pub async fn send_json(
        &self,
        service: impl Into<String>,
        version: impl Into<String>,
        action: impl Into<String>,
        params: Value,
    ) -> Result<Value, Error> {
        self.call_json(service, version, action, params)
            .send()
            .await
    }

    /// Starts a call by name with settings of its own, as
    /// [`call`](Self::call) does for a typed action; see
    /// [`send_json`](Self::send_json) for how it is sent.
    ///
    /// ```no_run
    /// # async fn run(client: tc_core::Client) -> Result<(), tc_core::Error> {
    /// use serde_json::json;
    ///
    /// let out = client
    ///     .call_json("vpc", "2017-03-12", "DescribeVpcs", json!({"Limit": "20"}))
    ///     .region("ap-singapore")
    ///     .send()
    ///     .await?;
    /// println!("{} VPCs", out["TotalCount"]);
    /// # Ok(()) }
    /// ```
    pub fn call_json(
        &self,
        service: impl Into<String>,
        version: impl Into<String>,
        action: impl Into<String>,
        params: Value,
    ) -> Call<'_, JsonRequest> {
        let op = Op::named(service.into(), version.into(), action.into());
        Call::new(self, JsonRequest { op, params })
    }
}

impl Call<'_, JsonRequest> {
    /// Sends the call by name with this call's settings; see
    /// [`Client::send_json`].
    ///
    /// # Errors
    /// As [`Client::send_json`].
    pub async fn send(self) -> Result<Value, Error> {
        let receive = Decode::<Value, CommonCode>::new();
        let (request, settings) = (self.action, self.settings);
        send(self.client, request, &settings, &receive).await
    }

    /// Sends the call by name and returns its answer's chunks as they
    /// arrive, as [`Client::send_streaming`] does; the parameters must ask
    /// for a stream themselves (`"Stream": true`). See [`JsonStream`].
    ///
    /// # Errors
    /// As [`Client::send_streaming`].
    pub async fn send_streaming(self) -> Result<JsonStream, Error> {
        let open = Open::<Value, CommonCode>::new(self.client.stream_config());
        let (request, settings) = (self.action, self.settings);
        let chunks = send(self.client, request, &settings, &open).await?;
        Ok(JsonStream::new(chunks))
    }
}

/// The call by name, its parameters checked and its token filled.
async fn send<R: Receive>(
    client: &Client,
    request: JsonRequest,
    settings: &CallSettings,
    receive: &R,
) -> Result<R::Output, Error> {
    let JsonRequest { op, params } = request;
    let mut params = match params {
        Value::Object(params) => params,
        Value::Null => Map::new(),
        other => {
            let kind = match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                _ => "a boolean",
            };
            return Err(Error::build(
                op.name.clone(),
                format!("the parameters must be a JSON object, not {kind}"),
            ));
        }
    };
    let repeatable = ensure_client_token(&mut params) || op.read_only;
    client
        .execute(&op, &params, repeatable, settings, receive)
        .await
}

/// Fills a `"ClientToken": null` with a fresh token, and says whether the
/// parameters now carry a non-empty one.
fn ensure_client_token(params: &mut Map<String, Value>) -> bool {
    match params.get_mut("ClientToken") {
        Some(token @ Value::Null) => {
            *token = Value::String(random_uuid());
            true
        }
        Some(Value::String(token)) => !token.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_null_client_token_is_filled_and_makes_the_call_repeatable() {
        let mut params = json!({"ClientToken": null}).as_object().cloned().unwrap();
        assert!(ensure_client_token(&mut params));
        assert_eq!(params["ClientToken"].as_str().unwrap().len(), 36);
        let mut given = json!({"ClientToken": "mine"}).as_object().cloned().unwrap();
        assert!(ensure_client_token(&mut given));
        assert_eq!(given["ClientToken"], "mine");
        let mut empty = json!({"ClientToken": ""}).as_object().cloned().unwrap();
        assert!(!ensure_client_token(&mut empty));
        assert!(!ensure_client_token(&mut Map::new()));
    }
}
