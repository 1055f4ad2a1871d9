//! The largest request the client sends: a request over the limit fails
//! before anything goes on the wire, instead of being uploaded in full only
//! to be refused, or cut by a server as a broken connection.

use crate::wire::action::Method;

/// Size limits of a request (see
/// [`ClientBuilder::request_limits`](crate::ClientBuilder::request_limits)).
/// The defaults are the official Go SDK's: servers cut longer query strings,
/// and the API gateway refuses larger bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestLimits {
    /// Largest query string of a GET request, in bytes (default 32 KiB).
    pub max_get_query_bytes: usize,
    /// Largest JSON body of a POST request, in bytes (default 10 MiB).
    pub max_post_body_bytes: usize,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            max_get_query_bytes: 32 * 1024,
            max_post_body_bytes: 10 * 1024 * 1024,
        }
    }
}

impl RequestLimits {
    /// Sets the GET query limit.
    #[must_use]
    pub fn with_max_get_query_bytes(mut self, max: usize) -> Self {
        self.max_get_query_bytes = max;
        self
    }

    /// Sets the POST body limit.
    #[must_use]
    pub fn with_max_post_body_bytes(mut self, max: usize) -> Self {
        self.max_post_body_bytes = max;
        self
    }

    /// Whether a request of `size` bytes sent as `method` is within the
    /// limits; if not, why, in words for a `Build` error.
    pub(crate) fn check(&self, method: Method, size: usize) -> Result<(), String> {
        let (what, max, advice) = match method {
            Method::Get => (
                "GET query string",
                self.max_get_query_bytes,
                "send it as POST, or raise RequestLimits::max_get_query_bytes",
            ),
            Method::Post => (
                "POST body",
                self.max_post_body_bytes,
                "raise RequestLimits::max_post_body_bytes if the service takes more",
            ),
        };
        if size <= max {
            return Ok(());
        }
        Err(format!(
            "the {what} is {size} bytes, over the limit of {max} bytes; nothing was sent ({advice})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_are_inclusive_and_the_message_names_both_sizes() {
        let limits = RequestLimits::default();
        assert!(limits.check(Method::Get, 32 * 1024).is_ok());
        let error = limits.check(Method::Get, 32 * 1024 + 1).unwrap_err();
        assert!(
            error.contains("32769 bytes") && error.contains("32768 bytes"),
            "{error}"
        );
        assert!(limits.check(Method::Post, 10 * 1024 * 1024).is_ok());
        assert!(limits.check(Method::Post, 11 * 1024 * 1024).is_err());
    }
}
