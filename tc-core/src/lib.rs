//! The runtime every Tencent Cloud API 3.0 action runs on.
//!
//! An action is a plain struct annotated with [`tc_action`]; a [`Client`] sends
//! it: serializes it (JSON body, or a flattened query for GET), signs it with
//! TC3-HMAC-SHA256, decodes the `Response` envelope into the action's typed
//! output, and turns error envelopes into an [`Error`] that keeps the code, the
//! message and the RequestId.
//!
//! ```no_run
//! use tc_core::{Client, tc_action, tc_model};
//!
//! /// Lists the regions a product is offered in.
//! #[tc_action(service = "region", version = "2022-06-27", name = "DescribeRegions")]
//! pub struct DescribeRegions {
//!     /// The product, such as `cvm`.
//!     pub product: String,
//! }
//!
//! /// The answer to [`DescribeRegions`].
//! #[tc_model]
//! pub struct DescribeRegionsResponse {
//!     /// How many regions.
//!     pub total_count: u64,
//!     /// Identifies this call.
//!     pub request_id: String,
//! }
//!
//! # async fn run() -> Result<(), tc_core::Error> {
//! let client = Client::builder().region("ap-guangzhou").build()?;
//! let out = client.send(DescribeRegions { product: "cvm".into() }).await?;
//! println!("{} regions (RequestId {})", out.total_count, out.request_id);
//! # Ok(()) }
//! ```
//!
//! # How fields map to the wire
//!
//! The same rules hold for an action of your own and for every generated
//! service crate (`tc_cvm`, `tc_vpc`, ...), which states them here once:
//!
//! - A field is the member of the same name in `PascalCase` (`image_id` is
//!   `ImageId`); a field whose name does not give the wire name back carries
//!   `#[tc(rename = "...")]`. In the generated crates each field's doc starts
//!   with its wire name, then says what its Rust type does not (a date's
//!   format, whether a model's member is required one way), and the spec's
//!   example value.
//! - A request's optional parameter is an `Option`: `None` leaves it out of
//!   the request. Actions implement `Default`, so one with many optional
//!   parameters is built with `..Default::default()`.
//! - A response member the service may leave out or send as `null` is an
//!   `Option`. A plain member is one the service always sends; should it not,
//!   it decodes as its type's default rather than failing the call.
//! - In a generated model used both in requests and in responses, a member is
//!   plain only when it is required in requests and always sent in responses;
//!   its doc says which way it is required when only one is.
//! - Members the specs mark disabled are kept (the service may still send
//!   them) and `#[deprecated]`.
//! - Each generated action links to its page in Tencent Cloud's API Explorer,
//!   which says what each member means, and lists the error codes it
//!   documents.
//!
//! # Layers
//!
//! The crate's folders are its layers, bottom up; each uses only itself and
//! the layers below it (the crate root, `__private` and `test_util` are
//! re-exports and glue, and a module may re-export from above without using
//! it, as [`credential`] does). The workspace's module test
//! (`tests/tests/module_layers.rs`) reads every `use` and path of the
//! sources and fails on a module cycle or on an arrow up.
//!
//! 1. **`credential/`**: who a request is signed as: [`Credential`],
//!    [`ProvideCredential`] and the sources that call no service (fixed,
//!    environment, credentials file, cache, chain). Signing itself is the
//!    [`tc_sign`] crate, as are the wire's dates.
//! 2. **`wire/`**: what a call is and what comes back, with no network:
//!    `action` (the [`Action`] contract), `wire_type` and `default_output`
//!    (the traits whose diagnostics name the fix for a type the attributes
//!    cannot use), `common_code`, `lenient` (loosely typed values read,
//!    strict mode for tests), `redact` (the members that carry secrets,
//!    masked bodies, URLs without their query), [`query`] (the GET form,
//!    both ways: public for servers and stand-ins that read GET requests),
//!    `uuid`, `envelope` (the response envelope's decoder) and `error`
//!    ([`Error`], and every constructor of it).
//! 3. **`transport/`**: the parts a request passes between the client and
//!    the network: `http` (the SDK's name on the wire, TLS), `http_client`
//!    (proxy, trusted roots, or the user's own; it never follows a
//!    redirect), `clock_skew` (the service's time, learnt from its `Date`),
//!    `endpoint`, `region` (the default region from the environment or a
//!    profile), `extra_headers` (the headers a user may add), `op` (what a
//!    call is at run time: a typed action's constants or a call by name's
//!    names), `request_limit`, `request_template`, `retry`, `call_settings`
//!    (what one call overrides), `breaker`, `rate_limit`, `time_limit`,
//!    `wire_log` and `metrics` (empty without the `metrics` feature).
//! 4. **`client/`**: [`Client`], [`ClientBuilder`], `send`, and what is
//!    built on them: `call` (one call's own settings, [`Call`]),
//!    `streaming` (`send_streaming` and the [`ChunkStream`] and
//!    [`JsonStream`] it returns), `paginate`, `send_json` (calls by name),
//!    `wait`, `credential` (the credential sources that send through a
//!    client: STS `AssumeRole`, OIDC `AssumeRoleWithWebIdentity`, the CVM
//!    role from the metadata service, and the default chain), and last
//!    `build` ([`ClientBuilder::build`], which gives that chain to a client
//!    built without a credential). Users reach the sources through
//!    [`credential`], which re-exports them.
//!
//! At the root, outside the layers: the re-exports, `test_util` (for the
//! workspace's tests and benchmarks, behind the `test-util` feature), and
//! the hidden `__private` (what generated code calls: serde helpers, paging
//! and waiting glue).
//!
//! # Features
//!
//! - `macros` (default): re-exports [`tc_action`], [`tc_model`] and
//!   [`tc_error`].
//! - `metrics`: records each call (calls, attempts, throttled attempts,
//!   errors by code, latency) through the `metrics` facade, labelled with
//!   service, action and region.
//! - `test-util`: the `test_util` module, with what `tc-bench`, the tests
//!   and the fuzz targets use from inside: the envelope, event-stream and INI
//!   decoders. Not an API to build on: it may change in any release.
//!   (The signer is the public [`tc_sign`] crate.)

// On docs.rs, items behind a feature (`metrics`) say so.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets code generated by our own attributes name `::tc_core` inside this crate too.
extern crate self as tc_core;

// The layers (bottom up: credential, wire, transport, client; see "Layers"
// above).
mod client;
pub mod credential;
mod transport;
mod wire;

// Glue: what generated code calls, and the workspace's test tools.
#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
#[cfg(feature = "test-util")]
pub mod test_util;

pub use client::call::Call;
pub use client::paginate::{Cursor, Items, Pages, Paginate};
pub use client::send_json::JsonRequest;
pub use client::streaming;
pub use client::streaming::{ChunkStream, JsonStream, StreamConfig};
pub use client::wait::{WaitConfig, WaitState};
pub use client::{Client, ClientBuilder, DEFAULT_MAX_RESPONSE_BYTES};
pub use credential::{Credential, CredentialError, ProvideCredential};
pub use transport::breaker::CircuitBreakerConfig;
pub use transport::endpoint::DEFAULT_ROOT_DOMAIN;
pub use wire::action::{Action, ErrorCode, Method};
pub use wire::common_code::CommonCode;
pub use wire::error::{
    BuildError, DecodeError, Error, HttpStatusError, PagingError, ServiceError, TransportError,
    TransportErrorKind, WaitError, WaitErrorKind,
};
// The providers a client is configured with, at the root too, so that a
// service crate re-exports them by name (its users need no `tc-core`).
pub use credential::{
    AssumeRoleProvider, CachedProvider, ChainProvider, CvmRoleProvider, DefaultChain, Env,
    EnvironmentProvider, OidcRoleProvider, ProfileProvider, RefreshConfig, StaticProvider,
};
pub use transport::region::ENV_REGION;
pub use transport::request_limit::RequestLimits;
pub use transport::retry::{RetryConfig, THROTTLING_CODES};
pub use wire::query;
pub use wire::wire_type::WireType;

// At the root so that the compiler's messages name them without a path.
#[doc(hidden)]
pub use wire::default_output::{NoResponseType, ResponseType};

#[cfg(feature = "macros")]
pub use tc_macros::{tc_action, tc_error, tc_model};

/// The HTTP library the client runs on, for
/// [`ClientBuilder::http_client`] with the very version tc-core uses.
pub use reqwest;

/// JSON values, for [`Client::send_json`] with the very version tc-core uses.
pub use serde_json;
