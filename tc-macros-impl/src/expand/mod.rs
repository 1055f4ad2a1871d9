//! Code generation, for input that passed every check.
//!
//! Generated paths start at `::core`, `::std` or the `tc_core` root (`crate =
//! "..."`), never at a name the user might shadow. Trait impls sit inside
//! `const _: () = { ... };` and carry `#[automatically_derived]`. Spans: tokens
//! that stand for something the user wrote (a field's wire name, the output
//! type) are located at the user's tokens, so that the compiler's errors point
//! there, but resolve at the call site like the rest.
//!
//! One mistake, one error: every impl that uses a field whose type is not a
//! known wire type first names `<Leaf as WireType>::ASSERT`, at the leaf's
//! tokens, and uses the field at those same tokens. A type that is not a wire
//! type is then reported once, with the fix (`WireType`'s message); the
//! compiler drops the errors about the traits `WireType` implies at the same
//! place, and the same error from the next impl is a duplicate it prints once.

mod action;
mod error;
pub(crate) mod fallback;
mod model;
mod serde;
mod shared;

pub(crate) use action::action;
pub(crate) use error::error;
pub(crate) use model::model;
