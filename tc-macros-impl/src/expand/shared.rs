//! What the emitters share: which struct attribute, where a field's errors
//! land, the wire-type checks, and the item's own attributes and derives.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::{Attribute, LitStr, Path, Token};

use crate::internals::ast::{Field, Struct};
use crate::internals::attr::{is_helper, respan};

/// Which struct attribute: the two differ in derives and in decoding.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Request parameters: a missing non-`Option` parameter is an error.
    Action,
    /// Decoded tolerantly: absent or `null` members become defaults.
    Model,
}

/// A field's wire name as a literal located at what gave it (the `rename`
/// literal or the field's name), so that errors about it point there.
pub(super) fn wire_literal(field: &Field) -> LitStr {
    LitStr::new(
        &field.wire.value,
        Span::call_site().located_at(field.wire.span),
    )
}

/// Where errors about a field's type should land: on the name of its leaf
/// type (`TagResource` in `Vec<TagResource>`).
pub(super) fn type_span(field: &Field) -> Span {
    Span::call_site().located_at(field.wire_type.span)
}

/// `<Leaf as WireType>::ASSERT` for each field whose type is not a known wire
/// type, at the field's type span: the first statement of every impl that
/// uses the fields (see the module docs).
pub(super) fn wire_type_checks(input: &Struct, root: &Path) -> TokenStream {
    input
        .fields
        .iter()
        .filter(|field| !field.wire_type.known)
        .map(|field| {
            let span = type_span(field);
            let leaf = respan(field.wire_type.leaf.to_token_stream(), span);
            quote_spanned! {span=>
                let _ = <#leaf as #root::WireType>::ASSERT;
            }
        })
        .collect()
}

/// The item's attributes without our helpers: its doc comments, which go
/// first, and the others.
pub(super) fn item_attrs(attrs: &[Attribute]) -> (Vec<&Attribute>, Vec<&Attribute>) {
    attrs
        .iter()
        .filter(|attr| !is_helper(attr))
        .partition(|attr| attr.path().is_ident("doc"))
}

/// `#[derive(...)]` with those of `wanted` (name, path) the user does not
/// already derive (judged by the last segment of each derived path), or
/// nothing when they all are.
pub(super) fn derive_attr(
    attrs: &[Attribute],
    wanted: &[(&str, TokenStream)],
) -> Option<TokenStream> {
    let present = derived_names(attrs);
    let paths: Vec<&TokenStream> = wanted
        .iter()
        .filter(|(name, _)| !present.contains(*name))
        .map(|(_, path)| path)
        .collect();
    (!paths.is_empty()).then(|| quote!(#[derive(#(#paths),*)]))
}

/// The last segment of every path in the item's `#[derive(...)]` attributes.
pub(super) fn derived_names(attrs: &[Attribute]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("derive")) {
        // A malformed derive is the compiler's to report.
        let Ok(paths) = attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
        else {
            continue;
        };
        for path in paths {
            if let Some(segment) = path.segments.last() {
                names.insert(segment.ident.to_string());
            }
        }
    }
    names
}
