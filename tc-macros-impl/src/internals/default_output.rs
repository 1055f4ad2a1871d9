//! The response type of an action without `output = ...`: `<Struct>Response`,
//! beside the struct (`expand::action` writes the stand-in used when there is
//! no such type).

use quote::format_ident;
use syn::Ident;

/// `<Struct>Response`, resolved beside the struct; an error about it points
/// at the struct's name.
pub(crate) fn name(ident: &Ident) -> Ident {
    format_ident!("{}Response", ident, span = ident.span())
}
