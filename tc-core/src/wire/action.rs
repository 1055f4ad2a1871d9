//! The contract between a call's definition (usually written by `#[tc_action]`)
//! and the client that sends it.

use std::fmt::{Debug, Display};
use std::num::NonZeroU32;

use serde::Serialize;

use crate::wire::wire_type::WireType;

/// How an action's parameters travel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// A JSON body, `Content-Type: application/json`. The default.
    #[default]
    Post,
    /// A flattened query string (`Filters.0.Values.0=...`), no body.
    Get,
}

impl Method {
    /// The HTTP method name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Get => "GET",
        }
    }
}

/// One Tencent Cloud API 3.0 action: its request parameters are the implementing
/// struct's serialized fields, and everything else a call needs is declared here.
///
/// Implement it with `#[tc_action(...)]` rather than by hand.
pub trait Action: Serialize + Send + Sync + 'static {
    /// The decoded `Response` object of a successful call (a `#[tc_model]`
    /// struct, usually).
    type Output: WireType;
    /// The codes this action documents, beyond the common ones
    /// ([`CommonCode`](crate::CommonCode) when it documents none).
    type Error: ErrorCode;

    /// Service name, the first label of the endpoint host (`cvm`).
    const SERVICE: &'static str;
    /// API version (`2017-03-12`), sent as `X-TC-Version`.
    const VERSION: &'static str;
    /// Action name (`DescribeImageSharePermission`), sent as `X-TC-Action`.
    const NAME: &'static str;
    /// How parameters are sent.
    const METHOD: Method = Method::Post;
    /// The documented limit of requests per second for this action, if any.
    const RATE_LIMIT: Option<NonZeroU32> = None;
    /// Whether the action only reads, so that repeating it is harmless. By
    /// default, actions named `Describe*`, `Inquiry*` or `Get*`.
    const READ_ONLY: bool = is_read_only_name(Self::NAME);

    /// Gives the request an idempotency token when it has a `ClientToken`
    /// member that is unset (`None`), and says whether it now carries a
    /// non-empty one (which makes retrying it safe). `#[tc_action]` writes
    /// this for such members; an empty token is sent as given, and does not
    /// make the call safe to retry.
    fn ensure_client_token(&mut self) -> bool {
        false
    }
}

/// Whether an action name reads as read-only (`Describe*`, `Inquiry*`, `Get*`).
pub(crate) const fn is_read_only_name(name: &str) -> bool {
    starts_with(name, "Describe") || starts_with(name, "Inquiry") || starts_with(name, "Get")
}

const fn starts_with(text: &str, prefix: &str) -> bool {
    let (text, prefix) = (text.as_bytes(), prefix.as_bytes());
    if text.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if text[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A set of error codes a service may return, as a Rust type (usually a fieldless
/// enum written with `#[tc_error]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of error codes: add `#[tc_error]` to it",
    label = "not a `#[tc_error]` enum",
    note = "`#[tc_error]` takes a fieldless enum whose variants each name their code: \
            `#[tc(code = \"InvalidImageId.NotFound\")]`"
)]
pub trait ErrorCode: Clone + Debug + Display + Send + Sync + 'static {
    /// The wire code, such as `InvalidImageId.NotFound`.
    fn code(&self) -> &'static str;
    /// The variant for a wire code, or `None` when the code is not in this set.
    fn from_code(code: &str) -> Option<Self>;
}
