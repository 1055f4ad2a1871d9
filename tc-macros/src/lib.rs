//! Attribute macros for Tencent Cloud API 3.0 calls. Use them through `tc_core`
//! (`use tc_core::tc_action;`): the generated code names `::tc_core` paths.
//!
//! This crate is only the compiler-facing shim; the parsing, validation and code
//! generation live in `tc-macros-impl`, so that they can be tested without a
//! compiler.

use proc_macro::TokenStream;

/// Declares a Tencent Cloud API 3.0 action: the struct's named fields are the
/// request parameters, and the attribute fills in `tc_core::Action`.
///
/// ```
/// use tc_core::{tc_action, tc_model};
///
/// #[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImageSharePermission")]
/// pub struct DescribeImageSharePermission {
///     /// The image to inspect (sent as `ImageId`).
///     pub image_id: String,
/// }
///
/// #[tc_model]
/// pub struct DescribeImageSharePermissionResponse {
///     /// The request id, sent with every response.
///     pub request_id: String,
/// }
///
/// # fn main() {}
/// ```
///
/// Required arguments:
/// - `service = "cvm"`: lowercase ASCII letters and digits;
/// - `version = "2017-03-12"`: a real calendar date;
/// - `name = "DescribeImageSharePermission"`: the UpperCamelCase action name.
///
/// Optional arguments:
/// - `output = Type`: the decoded response (default: `<StructName>Response`, found
///   beside the struct);
/// - `error = Type`: the action's error codes, a `#[tc_error]` enum (default
///   `tc_core::CommonCode`);
/// - `method = "GET"` or `method = "POST"` (the default): how the action is sent
///   unless its client (`ClientBuilder::method`) or the call (`Client::call`)
///   says otherwise;
/// - `rate_limit = 20`: the documented requests per second (a positive integer);
/// - `paginate(...)`: the answers come in pages, and the attribute implements
///   `tc_core::Paginate`. It names the request's field keeping the place, one
///   of `offset = offset`, `page = page_number` or `token = next_token`, and
///   optionally its page size (`limit = limit`); the answer's list
///   (`items = instance_set`) and its element type (`item = Instance`), and
///   optionally its total (`total = total_count`) and, for a token, the field
///   handing back the next one (`next = next_token`). Numbers may be integers
///   or text, any member an `Option` (see the example below);
/// - `crate = "path"`: where `tc_core` is, when the dependency is renamed.
///
/// Each field is sent under its PascalCase name (`image_id` as `ImageId`);
/// `#[tc(rename = "CAMRoleName")]` on a field overrides that (`#[serde(...)]` is
/// refused). `Option` fields are left out of the request when `None`. Each
/// field's type must be a `tc_core::WireType`: a `#[tc_model]` struct, a string,
/// number or `bool`, or a list, map or `Option` of those. A `ClientToken` member
/// (`Option<String>`) is filled in when `None`, which makes the call safe to
/// retry; declared as a plain `String`, only a non-empty token does. The struct
/// also gets `Clone`, `Debug`, `PartialEq`, `Default` (unless already derived;
/// a request is written as `X { a, ..Default::default() }`),
/// `Serialize` and `Deserialize`.
///
/// The struct must have named fields and no generic parameters: the wire format
/// has no type parameters.
///
/// An action whose answers come in pages:
///
/// ```
/// use tc_core::{tc_action, tc_model, Cursor, Paginate};
///
/// #[tc_action(
///     service = "cvm",
///     version = "2017-03-12",
///     name = "DescribeInstances",
///     paginate(offset = offset, limit = limit, items = instance_set, item = Instance, total = total_count)
/// )]
/// pub struct DescribeInstances {
///     pub offset: Option<i64>,
///     pub limit: Option<i64>,
/// }
///
/// #[tc_model]
/// pub struct DescribeInstancesResponse {
///     pub instance_set: Vec<Instance>,
///     pub total_count: i64,
/// }
///
/// #[tc_model]
/// pub struct Instance {
///     pub instance_id: String,
/// }
///
/// # fn main() {
/// let mut request = DescribeInstances { limit: Some(20), ..Default::default() };
/// assert_eq!(request.cursor(), Cursor::Offset(0));
/// request.set_cursor(Cursor::Offset(40));
/// assert_eq!((request.offset, request.page_size()), (Some(40), Some(20)));
/// # }
/// ```
#[proc_macro_attribute]
pub fn tc_action(args: TokenStream, input: TokenStream) -> TokenStream {
    tc_macros_impl::expand_action(args.into(), input.into()).into()
}

/// Declares a data model (a nested object or an action's response) that decodes
/// tolerantly.
///
/// ```
/// use tc_core::tc_model;
///
/// #[tc_model]
/// pub struct SharePermission {
///     /// When the image was shared (`CreatedTime`).
///     pub created_time: String,
///     /// The account it was shared with (`AccountId`).
///     pub account_id: String,
/// }
///
/// #[tc_model]
/// pub struct DescribeImageSharePermissionResponse {
///     /// Every share of the image; `null` or absent decodes as empty.
///     pub share_permission_set: Vec<SharePermission>,
///     /// The request id.
///     pub request_id: String,
/// }
///
/// # fn main() {}
/// ```
///
/// Each field is named on the wire in PascalCase (`account_id` as `AccountId`;
/// override with `#[tc(rename = "...")]`). When decoding, an absent or `null`
/// member becomes the field's default value and unknown members are ignored;
/// `Option` fields are left out when encoding `None`. The struct also gets
/// `Clone`, `Debug`, `PartialEq`, `Default` (unless already derived), `Serialize`
/// and `Deserialize`, and is a `tc_core::WireType`, so that other models and
/// actions can hold it.
///
/// The only argument is `crate = "path"`, for a renamed `tc_core` dependency.
#[proc_macro_attribute]
pub fn tc_model(args: TokenStream, input: TokenStream) -> TokenStream {
    tc_macros_impl::expand_model(args.into(), input.into()).into()
}

/// Declares a set of service error codes as a fieldless enum, implementing
/// `tc_core::ErrorCode`, `Display` (the code) and `std::error::Error`.
///
/// ```
/// use tc_core::{tc_error, ErrorCode};
///
/// #[tc_error]
/// pub enum DescribeImageSharePermissionError {
///     /// The image does not exist.
///     #[tc(code = "InvalidImageId.NotFound")]
///     InvalidImageIdNotFound,
///     /// The image id is malformed.
///     #[tc(code = "InvalidImageId.Malformed")]
///     InvalidImageIdMalformed,
/// }
///
/// # fn main() {
/// let e = DescribeImageSharePermissionError::from_code("InvalidImageId.NotFound");
/// assert_eq!(e, Some(DescribeImageSharePermissionError::InvalidImageIdNotFound));
/// assert_eq!(DescribeImageSharePermissionError::ALL.len(), 2);
/// # }
/// ```
///
/// Every variant needs `#[tc(code = "...")]`, and no two variants may share a
/// code. The enum also derives `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq` and
/// `Hash` (unless already derived) and gets `pub const ALL: &[Self]`, every
/// variant in declaration order.
///
/// The only argument is `crate = "path"`, for a renamed `tc_core` dependency.
#[proc_macro_attribute]
pub fn tc_error(args: TokenStream, input: TokenStream) -> TokenStream {
    tc_macros_impl::expand_error(args.into(), input.into()).into()
}
