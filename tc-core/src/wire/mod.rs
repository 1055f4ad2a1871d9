//! Layer 2, the wire: what a call is and what can come back, with no network
//! of its own. The [`Action`](crate::Action) contract and the traits whose
//! diagnostics name the fix for a type the attributes cannot use, the common
//! error codes, loosely typed values, the members that carry secrets, the GET
//! form, idempotency tokens, the response envelope's decoder and the one
//! [`Error`](crate::Error).

pub(crate) mod action;
pub(crate) mod common_code;
pub(crate) mod default_output;
#[cfg_attr(not(feature = "test-util"), allow(unreachable_pub))]
pub(crate) mod envelope;
pub(crate) mod error;
pub(crate) mod lenient;
pub mod query;
#[cfg_attr(not(feature = "test-util"), allow(unreachable_pub))]
pub(crate) mod redact;
pub(crate) mod uuid;
pub(crate) mod wire_type;
