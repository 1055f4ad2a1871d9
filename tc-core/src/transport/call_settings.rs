//! One call's own settings, which replace the client's for that call only.
//! [`Call`](crate::Call) fills them; the client reads them.

use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::transport::extra_headers::{self, Scope};
use crate::transport::retry::RetryConfig;
use crate::wire::action::Method;

/// What a call overrides; `None` or empty keeps the client's setting.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallSettings {
    pub(crate) method: Option<Method>,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: Option<RetryConfig>,
    pub(crate) language: Option<String>,
    /// Added to the client's extra headers (and replacing those of the same
    /// name).
    pub(crate) headers: HeaderMap,
    /// The first setting that cannot be sent, reported when the call is.
    pub(crate) invalid: Option<String>,
}

impl CallSettings {
    /// Adds `name: value`, or remembers why it cannot be sent.
    pub(crate) fn header(&mut self, name: &str, value: &str) {
        extra_headers::add(
            &mut self.headers,
            &mut self.invalid,
            Scope::Call,
            name,
            value,
        );
    }
}
