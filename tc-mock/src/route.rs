//! Typed handlers, stored per (service, action) behind one type-erased signature.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tc_core::Action;

use crate::reply::MockError;

/// A request's parameters as they arrived.
pub(crate) enum Params<'a> {
    /// A POST body.
    Json(&'a [u8]),
    /// A GET query string.
    Query(&'a str),
}

type Handler = Arc<dyn Fn(Params<'_>) -> Result<Value, MockError> + Send + Sync>;

struct Route {
    version: &'static str,
    handler: Handler,
}

/// Every registered action.
#[derive(Default)]
pub(crate) struct Routes(HashMap<(&'static str, &'static str), Route>);

impl Routes {
    /// Registers (or replaces) the handler of action `A`.
    pub(crate) fn insert<A, F>(&mut self, handler: F)
    where
        A: Action + DeserializeOwned,
        A::Output: Serialize,
        F: Fn(A) -> Result<A::Output, MockError> + Send + Sync + 'static,
    {
        let handler: Handler = Arc::new(move |params| {
            let request: A = decode_params(params)?;
            let output = handler(request)?;
            serde_json::to_value(output).map_err(|e| {
                MockError::new(
                    "InternalError",
                    format!("The handler's output cannot be encoded: {e}"),
                )
            })
        });
        self.0.insert(
            (A::SERVICE, A::NAME),
            Route {
                version: A::VERSION,
                handler,
            },
        );
    }

    /// The handler for `action` of `service` at `version`: the registered one,
    /// else (when `defaults` is on) one answering with the specs' example; or
    /// the error the service gives for an unknown action or version.
    pub(crate) fn find(
        &self,
        service: &str,
        action: &str,
        version: &str,
        defaults: bool,
    ) -> Result<Handler, MockError> {
        if let Some(route) = self.0.get(&(service, action)) {
            if route.version != version {
                return Err(no_such_version(service, action, version, route.version));
            }
            return Ok(Arc::clone(&route.handler));
        }
        let answers = defaults
            .then(|| crate::defaults::service(service))
            .flatten()
            .ok_or_else(|| invalid_action(service, action))?;
        let response = Arc::clone(&answers.answer(service, action, version)?.response);
        Ok(Arc::new(move |_| Ok(Value::clone(&response))))
    }
}

/// The service's answer to an action it does not have.
pub(crate) fn invalid_action(service: &str, action: &str) -> MockError {
    MockError::new(
        "InvalidAction",
        format!("The action `{action}` does not exist for service `{service}`."),
    )
}

/// The service's answer to an action at a version it does not serve.
pub(crate) fn no_such_version(
    service: &str,
    action: &str,
    version: &str,
    served: &str,
) -> MockError {
    MockError::new(
        "NoSuchVersion",
        format!(
            "The version `{version}` does not exist for `{service}` `{action}`; this endpoint serves `{served}`."
        ),
    )
}

fn decode_params<A: DeserializeOwned>(params: Params<'_>) -> Result<A, MockError> {
    let message = match params {
        Params::Json(body) => match serde_json::from_slice(body) {
            Ok(request) => return Ok(request),
            Err(e) => e.to_string(),
        },
        Params::Query(query) => match tc_core::query::decode(query) {
            Ok(request) => return Ok(request),
            Err(e) => e.to_string(),
        },
    };
    Err(parameter_error(&message))
}

/// Turns a decoder's message into the service's wording.
fn parameter_error(message: &str) -> MockError {
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((name, _)) = rest.split_once('`')
    {
        return MockError::new(
            "MissingParameter",
            format!("The request is missing the required parameter `{name}`."),
        );
    }
    MockError::new(
        "InvalidParameter",
        format!("The request parameters are invalid: {message}."),
    )
}
