//! The envelope as the careful path reads it, member by member; [`ApiError`]
//! is also what the one-pass decoder picks out.

use serde::Deserialize;

/// First pass: whether the body is an envelope and whether it carries an
/// error; other members are skipped without being built.
#[derive(Deserialize)]
pub(super) struct Probe {
    #[serde(rename = "Response")]
    pub(super) response: Option<ProbeResponse>,
}

/// The `Response` object, as far as the probe looks.
#[derive(Deserialize)]
pub(super) struct ProbeResponse {
    #[serde(rename = "Error")]
    pub(super) error: Option<ApiError>,
    #[serde(rename = "RequestId")]
    pub(super) request_id: Option<String>,
}

/// `Response.Error`.
#[derive(Deserialize)]
pub(super) struct ApiError {
    #[serde(rename = "Code")]
    pub(super) code: String,
    #[serde(rename = "Message", default)]
    pub(super) message: String,
}

/// Second pass: the `Response` object as the output type.
#[derive(Deserialize)]
pub(super) struct Envelope<T> {
    #[serde(rename = "Response")]
    pub(super) response: T,
}
