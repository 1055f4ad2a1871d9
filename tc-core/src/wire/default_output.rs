//! What an action's default response type stands for when it is missing.
//!
//! `#[tc_action]` without `output = ...` names `<Action>Response`, and also
//! glob-imports an alias of that name, which a type the user declares (or
//! imports by name) shadows. Only when there is no such type does the alias
//! apply: it names [`ResponseType::Type`] of [`NoResponseType`], which does
//! not exist, so that the one error says how to fix it rather than "cannot
//! find type".

/// Implemented by no type: asking for it reports a missing response type.
#[diagnostic::on_unimplemented(
    message = "this action has no response type: declare `<Action>Response` beside it with \
               `#[tc_model]`, or name its response type with `output = ...`",
    label = "no response type",
    note = "without `output = ...`, the response type of `struct Foo` is `FooResponse`, beside it"
)]
pub trait ResponseType {
    /// Never known: there is no impl.
    type Type;
}

/// The stand-in for a missing `<Action>Response`.
#[derive(Debug)]
pub struct NoResponseType;
