//! The input side: what the user wrote, read and checked, as the model the
//! emitters in `expand` work on. Nothing here writes code.
//!
//! - `attr`: the attributes' own arguments and the `#[tc(...)]` helper
//!   attributes (`keys`: the names the user writes, as constants, and how each
//!   is written; `paginate`: the `paginate(...)` argument);
//! - `rules`, `date`: what one value may be (a service name, a version date, ...);
//! - `naming`: how a field's wire name is derived, and the way back (public:
//!   the generator uses the same rules);
//! - `sensitive`: the wire names whose values `Debug` masks (public: the
//!   tests compare it with tc-core's list);
//! - `default_output`: the response type an action names when `output = ...`
//!   is not given;
//! - `ast`: the input item, as the model the rest works on (keeping spans);
//! - `valid`: rules that involve more than one field, variant or argument;
//! - `ctxt`: where every mistake of one attribute is collected.

pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod ctxt;
pub(crate) mod date;
pub(crate) mod default_output;
pub(crate) mod keys;
pub mod naming;
pub(crate) mod paginate;
pub(crate) mod rules;
pub mod sensitive;
pub(crate) mod valid;
