//! Response envelopes, as the service writes them.

use serde_json::{Map, Value, json};

/// An API error a handler (or the endpoint itself) answers with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MockError {
    /// The wire code, such as `InvalidImageId.NotFound`.
    pub code: String,
    /// The human-readable message.
    pub message: String,
}

impl MockError {
    /// An error with this code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        MockError {
            code: code.into(),
            message: message.into(),
        }
    }

    /// An error with a typed code, such as a variant of a `#[tc_error]` enum.
    pub fn code(code: impl tc_core::ErrorCode, message: impl Into<String>) -> Self {
        MockError::new(code.code(), message)
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

/// A fresh RequestId in the service's UUID layout.
pub fn request_id() -> String {
    random_uuid()
}

/// A random UUID v4 (`71e69b56-32be-4412-ab45-49eded6a87be`): unique in
/// practice, not secret.
pub(crate) fn random_uuid() -> String {
    uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}

/// `{"Response": {...output..., "RequestId": id}}`.
pub(crate) fn success(output: Value, request_id: &str) -> Value {
    let mut members = match output {
        Value::Object(members) => members,
        _ => Map::new(),
    };
    members.insert("RequestId".to_owned(), Value::String(request_id.to_owned()));
    json!({ "Response": members })
}

/// `{"Response": {"Error": {"Code", "Message"}, "RequestId": id}}`.
pub(crate) fn failure(error: &MockError, request_id: &str) -> Value {
    json!({
        "Response": {
            "Error": { "Code": error.code, "Message": error.message },
            "RequestId": request_id,
        }
    })
}
