//! `#[tc_error]`: the enum with its derives, `impl ErrorCode`, `Display`,
//! `Error`, and `ALL`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Path};

use super::shared::{derive_attr, item_attrs};
use crate::internals::ast::Enum;
use crate::internals::attr::is_helper;

/// `#[tc_error]`: the enum with its derives, `impl ErrorCode`, `Display`,
/// `Error`, and `ALL`.
pub(crate) fn error(root: &Path, input: &Enum) -> TokenStream {
    let item = input.item;
    let derives = error_derives(&item.attrs);
    let (docs, attrs) = item_attrs(&item.attrs);
    let vis = &item.vis;
    let ident = &item.ident;
    let variants = input.variants.iter().map(|variant| {
        let attrs = variant
            .original
            .attrs
            .iter()
            .filter(|attr| !is_helper(attr));
        let ident = &variant.original.ident;
        let discriminant = variant
            .original
            .discriminant
            .as_ref()
            .map(|(eq, expr)| quote!(#eq #expr));
        quote!(#(#attrs)* #ident #discriminant)
    });
    let idents: Vec<_> = input
        .variants
        .iter()
        .map(|variant| &variant.original.ident)
        .collect();
    let codes: Vec<_> = input
        .variants
        .iter()
        .filter_map(|variant| variant.code.as_ref())
        .collect();
    // Variants without explicit discriminants are numbered 0, 1, ... in
    // declaration order, so a variant's code is one index into a table; with
    // discriminants (or no variants at all) a `match` says it instead.
    let indexed = !idents.is_empty()
        && input
            .variants
            .iter()
            .all(|variant| variant.original.discriminant.is_none());
    let code_body = if indexed {
        quote!(CODES[*self as usize])
    } else {
        quote! {
            match *self {
                #(Self::#idents => #codes,)*
            }
        }
    };
    quote! {
        #(#docs)*
        #derives
        #(#attrs)*
        #vis enum #ident {
            #(#variants,)*
        }

        const _: () = {
            const CODES: &[&str] = &[#(#codes),*];

            #[automatically_derived]
            #[diagnostic::do_not_recommend]
            impl #root::ErrorCode for #ident {
                fn code(&self) -> &'static str {
                    #code_body
                }

                fn from_code(code: &str) -> ::core::option::Option<Self> {
                    #root::__private::position(CODES, code).map(|i| Self::ALL[i])
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(#root::ErrorCode::code(self))
                }
            }

            #[automatically_derived]
            impl ::std::error::Error for #ident {}

            #[automatically_derived]
            impl #ident {
                /// Every code of this set, in declaration order.
                #[allow(dead_code)]
                pub const ALL: &'static [Self] = &[#(Self::#idents),*];
            }
        };
    }
}

/// An error set's derives: `Clone`, `Copy`, `Debug`, `PartialEq`, `Eq` and
/// `Hash`, those the user does not already derive.
pub(crate) fn error_derives(attrs: &[Attribute]) -> Option<TokenStream> {
    derive_attr(
        attrs,
        &[
            ("Clone", quote!(::core::clone::Clone)),
            ("Copy", quote!(::core::marker::Copy)),
            ("Debug", quote!(::core::fmt::Debug)),
            ("PartialEq", quote!(::core::cmp::PartialEq)),
            ("Eq", quote!(::core::cmp::Eq)),
            ("Hash", quote!(::core::hash::Hash)),
        ],
    )
}
