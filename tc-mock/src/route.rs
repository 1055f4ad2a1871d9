//! Typed handlers, stored per (service, action) behind one type-erased signature.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tc_core::Action;

use crate::params::{self, Params};
use crate::reply::{MockError, invalid_action, no_such_version};
use crate::scenario::CutAt;
use crate::stream::{DEFAULT_PAUSE, MockStream};

/// What a handler answers with.
pub(crate) enum Reply {
    /// The `Response` object, to wrap in the envelope.
    Json(Value),
    /// Chunks to stream as server-sent events.
    Events(MockStream),
    /// No answer: the connection is broken (a scenario's `cut`).
    Cut(CutAt),
}

/// `(service, version, action)`: what a handler is registered for.
pub(crate) type RouteKey = (&'static str, &'static str, &'static str);

type Handler = Arc<dyn Fn(Params<'_>) -> Result<Reply, MockError> + Send + Sync>;

struct Route {
    version: &'static str,
    handler: Handler,
}

/// Every registered action, by (service, action): one route per version,
/// since a service's versions may share action names.
#[derive(Default)]
pub(crate) struct Routes(HashMap<(&'static str, &'static str), Vec<Route>>);

impl Routes {
    /// Registers (or replaces) the handler of action `A`.
    pub(crate) fn insert<A, F>(&mut self, handler: F)
    where
        A: Action + DeserializeOwned,
        A::Output: Serialize,
        F: Fn(A) -> Result<A::Output, MockError> + Send + Sync + 'static,
    {
        self.insert_handler::<A>(Arc::new(move |params| {
            let request: A = params::decode(params)?;
            let output = handler(request)?;
            serde_json::to_value(output).map(Reply::Json).map_err(|e| {
                MockError::new(
                    "InternalError",
                    format!("The handler's output cannot be encoded: {e}"),
                )
            })
        }));
    }

    /// Registers (or replaces) the handler of action `A` that streams.
    pub(crate) fn insert_stream<A, F>(&mut self, handler: F)
    where
        A: Action + DeserializeOwned,
        F: Fn(A) -> Result<MockStream, MockError> + Send + Sync + 'static,
    {
        self.insert_handler::<A>(Arc::new(move |params| {
            handler(params::decode(params)?).map(Reply::Events)
        }));
    }

    /// Registers (or replaces) an untyped handler: the request's parameters
    /// arrive as JSON, the answer is the `Response` object as JSON.
    pub(crate) fn insert_json<F>(&mut self, key: RouteKey, handler: F)
    where
        F: Fn(Value) -> Result<Value, MockError> + Send + Sync + 'static,
    {
        self.insert_route(
            key,
            Arc::new(move |params| handler(params::decode(params)?).map(Reply::Json)),
        );
    }

    fn insert_handler<A: Action>(&mut self, handler: Handler) {
        self.insert_route((A::SERVICE, A::VERSION, A::NAME), handler);
    }

    fn insert_route(&mut self, (service, version, action): RouteKey, handler: Handler) {
        let routes = self.0.entry((service, action)).or_default();
        routes.retain(|route| route.version != version);
        routes.push(Route { version, handler });
    }

    /// The handler for `action` of `service` at `version`: the registered one,
    /// else (when `defaults` is on) one answering with the specs' example
    /// (streaming its streamed example to a request with `"Stream": true`);
    /// or the error the service gives for an unknown action or version.
    pub(crate) fn find(
        &self,
        service: &str,
        action: &str,
        version: &str,
        defaults: bool,
    ) -> Result<Handler, MockError> {
        let routes = self
            .0
            .get(&(service, action))
            .map_or(&[][..], Vec::as_slice);
        if let Some(route) = routes.iter().find(|route| route.version == version) {
            return Ok(Arc::clone(&route.handler));
        }
        if !defaults {
            return Err(match routes.first() {
                Some(other) => no_such_version(service, action, version, other.version),
                None => invalid_action(service, action),
            });
        }
        let answer = crate::defaults::answer(service, action, version)?;
        let response = Arc::clone(&answer.response);
        let stream = answer.stream.clone();
        Ok(Arc::new(move |params| match &stream {
            Some(chunks) if asks_for_stream(&params) => Ok(Reply::Events(MockStream::from_chunks(
                chunks,
                DEFAULT_PAUSE,
            ))),
            _ => Ok(Reply::Json(Value::clone(&response))),
        }))
    }
}

/// Whether a POST body has `"Stream": true`, as a chat request that wants
/// its answer streamed.
fn asks_for_stream(params: &Params<'_>) -> bool {
    #[derive(serde::Deserialize)]
    struct Flag {
        #[serde(rename = "Stream")]
        stream: Option<bool>,
    }
    match params {
        Params::Json(body) => {
            serde_json::from_slice::<Flag>(body).is_ok_and(|flag| flag.stream == Some(true))
        }
        Params::Query(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer_of(routes: &Routes, version: &str, defaults: bool) -> Result<Value, String> {
        let handler = routes
            .find("monitor", "DescribeX", version, defaults)
            .map_err(|e| e.code)?;
        match handler(Params::Json(b"{}")) {
            Ok(Reply::Json(value)) => Ok(value),
            Ok(Reply::Events(_)) => Err("a stream".to_owned()),
            Ok(Reply::Cut(_)) => Err("a cut".to_owned()),
            Err(e) => Err(e.code),
        }
    }

    #[test]
    fn each_version_of_an_action_keeps_its_own_handler() {
        let mut routes = Routes::default();
        for version in ["2018-07-24", "2023-06-16"] {
            routes.insert_json(("monitor", version, "DescribeX"), move |_| {
                Ok(serde_json::json!({ "Version": version }))
            });
        }
        // Registering a version again replaces only that version's handler.
        routes.insert_json(("monitor", "2023-06-16", "DescribeX"), |_| {
            Ok(serde_json::json!({ "Version": "replaced" }))
        });
        assert_eq!(
            answer_of(&routes, "2018-07-24", false),
            Ok(serde_json::json!({ "Version": "2018-07-24" }))
        );
        assert_eq!(
            answer_of(&routes, "2023-06-16", false),
            Ok(serde_json::json!({ "Version": "replaced" }))
        );
        assert_eq!(
            answer_of(&routes, "2000-01-01", false),
            Err("NoSuchVersion".to_owned())
        );
        assert!(matches!(
            routes.find("monitor", "DescribeY", "2018-07-24", false),
            Err(e) if e.code == "InvalidAction"
        ));
    }
}
