//! Rules that involve more than one part of the input: generic parameters,
//! wire names shared by two fields, error codes shared by two variants.

use std::collections::BTreeMap;

use syn::{DeriveInput, Fields};

use super::ast::{Enum, Field, Struct};
use super::attr::Macro;
use super::ctxt::Ctxt;
use super::rules;

/// Generic parameters (lifetimes included) and where clauses are refused: the
/// wire format has no type parameters, so a request, model or error set is one
/// concrete type.
pub(crate) fn check_no_generics(cx: &Ctxt, item: &DeriveInput, which: Macro) {
    let what = match which {
        Macro::Action => "an action's parameters",
        Macro::Model => "a model's members",
        Macro::Error => "an error code set",
    };
    if !item.generics.params.is_empty() {
        cx.error_spanned_by(
            &item.generics,
            format_args!(
                "{which} does not support generic parameters: {what} have one fixed shape on \
                 the wire, which has no type parameters; use concrete types instead"
            ),
        );
    } else if let Some(clause) = &item.generics.where_clause {
        cx.error_spanned_by(
            clause,
            format_args!("{which} does not support where clauses"),
        );
    }
}

/// Every field has a usable wire name, and no two fields share one.
pub(crate) fn check_struct(cx: &Ctxt, input: &Struct) {
    let mut seen: BTreeMap<&str, &Field> = BTreeMap::new();
    for field in &input.fields {
        if !field.wire.renamed && !rules::is_wire_name(&field.wire.value) {
            cx.error_spanned_by(
                field.ident,
                format_args!(
                    "field `{}` does not give an ASCII wire name; name it with \
                     #[tc(rename = \"...\")]",
                    field.ident
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(field.wire.value.as_str()) {
            cx.error_at(
                field.wire.span,
                format_args!(
                    "duplicate wire name `{}`: field `{}` is already sent under it; give one \
                     of them another name with #[tc(rename = \"...\")]",
                    field.wire.value, first.ident
                ),
            );
        } else {
            seen.insert(&field.wire.value, field);
        }
    }
}

/// Every variant is a unit variant with a code, and no two share a code.
pub(crate) fn check_enum(cx: &Ctxt, input: &Enum) {
    let mut seen: BTreeMap<String, &syn::Ident> = BTreeMap::new();
    for variant in &input.variants {
        let ident = &variant.original.ident;
        if !matches!(variant.original.fields, Fields::Unit) {
            cx.error_spanned_by(
                &variant.original.fields,
                format_args!(
                    "error code variants cannot carry data: make `{ident}` a unit variant \
                     (the message and request id of a failed call travel in tc_core's error, \
                     beside the code)"
                ),
            );
        }
        if !variant.code_seen {
            cx.error_spanned_by(
                ident,
                format_args!(
                    "variant `{ident}` needs its wire error code: \
                     #[tc(code = \"InvalidImageId.NotFound\")]"
                ),
            );
        }
        let Some(code) = &variant.code else {
            continue;
        };
        let value = code.value();
        if let Some(first) = seen.get(&value) {
            cx.error_spanned_by(
                code,
                format_args!(
                    "duplicate error code {value:?}: variant `{first}` already has it; \
                     each code maps to one variant"
                ),
            );
        } else {
            seen.insert(value, ident);
        }
    }
}
