//! What to emit when the input is wrong: the user's item as written (minus our
//! `#[tc(...)]` helper attributes, which nothing else would understand) plus one
//! `compile_error!` per mistake. The rest of the user's code keeps type-checking
//! against the item, so only the real mistakes are reported.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Data, DeriveInput, Fields};

use crate::attr::is_tc;

/// For an item we could not even read as a struct, enum or union.
pub(crate) fn raw(input: TokenStream, result: Result<(), syn::Error>) -> TokenStream {
    let errors = compile_errors(result);
    quote!(#input #errors)
}

/// For a struct, enum or union with mistakes.
pub(crate) fn item(item: &DeriveInput, result: Result<(), syn::Error>) -> TokenStream {
    let mut item = item.clone();
    strip_helper_attrs(&mut item);
    let errors = compile_errors(result);
    quote!(#item #errors)
}

fn compile_errors(result: Result<(), syn::Error>) -> TokenStream {
    match result {
        Err(errors) => errors.to_compile_error(),
        // Unreachable when every rejection records its reason, which is the rule.
        Ok(()) => syn::Error::new(
            Span::call_site(),
            "tc-macros rejected this item without saying why; please report this bug",
        )
        .to_compile_error(),
    }
}

fn strip_helper_attrs(item: &mut DeriveInput) {
    item.attrs.retain(|attr| !is_tc(attr));
    match &mut item.data {
        Data::Struct(data) => strip_fields(&mut data.fields),
        Data::Enum(data) => {
            for variant in &mut data.variants {
                variant.attrs.retain(|attr| !is_tc(attr));
                strip_fields(&mut variant.fields);
            }
        }
        Data::Union(data) => {
            for field in &mut data.fields.named {
                field.attrs.retain(|attr| !is_tc(attr));
            }
        }
    }
}

fn strip_fields(fields: &mut Fields) {
    for field in fields.iter_mut() {
        field.attrs.retain(|attr| !is_tc(attr));
    }
}
