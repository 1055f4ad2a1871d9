//! `#[tc_model]`, and the struct item every struct attribute writes: the
//! struct as written and its standard impls (`Clone`, `Debug`, `PartialEq`,
//! `Default`) unless the user derives them.
//!
//! Their methods are `#[inline]`, `Debug::fmt` too: a debug build then
//! compiles none of a service crate's thousands of them to machine code, and
//! an application compiles those it calls (without it tc-teo's build took
//! 3-8 % more CPU for `Debug` alone, 12-17 % more for the other three).

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::Path;
use syn::ext::IdentExt;

use super::serde::{deserialize_impl, serialize_impl};
use super::shared::{Kind, derived_names, item_attrs, type_span, wire_type_checks};
use crate::internals::ast::Struct;
use crate::internals::attr::{is_helper, respan};

/// `#[tc_model]`: the struct with its impls and tolerant decoding, and
/// `impl WireType`.
pub(crate) fn model(root: &Path, input: &Struct) -> TokenStream {
    let item = struct_item(input, root, Kind::Model);
    let ident = &input.item.ident;
    quote! {
        #item

        #[automatically_derived]
        #[diagnostic::do_not_recommend]
        impl #root::WireType for #ident {}
    }
}

/// The struct as written (our `#[tc(...)]` attributes removed), its `Clone`,
/// `Debug`, `PartialEq` and `Default` impls unless the user
/// derives them, and its `Serialize` and `Deserialize` impls.
///
/// The impls are written here rather than derived: see the module docs for
/// the standard ones, and `tc_core::__private::wire` for the serde ones.
pub(super) fn struct_item(input: &Struct, root: &Path, kind: Kind) -> TokenStream {
    let item = input.item;
    let (docs, attrs) = item_attrs(&item.attrs);
    let vis = &item.vis;
    let ident = &item.ident;
    let fields = input.fields.iter().map(|field| {
        let original = field.original;
        let attrs = original.attrs.iter().filter(|attr| !is_helper(attr));
        let (vis, ident, ty) = (&original.vis, field.ident, &original.ty);
        quote!(#(#attrs)* #vis #ident: #ty)
    });
    let derived = derived_names(&item.attrs);
    let wanted = |name: &str| !derived.contains(name);
    let clone = wanted("Clone").then(|| clone_impl(input, root));
    let debug = wanted("Debug").then(|| debug_impl(input, root));
    let partial_eq = wanted("PartialEq").then(|| partial_eq_impl(input, root));
    // An action gets `Default` too: requests are written as
    // `X { a, ..Default::default() }`, and paging starts from one.
    let default = wanted("Default").then(|| default_impl(input, root));
    let serialize = serialize_impl(input, root);
    let deserialize = deserialize_impl(input, root, kind);
    quote! {
        #(#docs)*
        #(#attrs)*
        #vis struct #ident {
            #(#fields,)*
        }

        const _: () = {
            #clone
            #debug
            #partial_eq
            #default
            #serialize
            #deserialize
        };
    }
}

/// `impl Clone`, member by member.
fn clone_impl(input: &Struct, root: &Path) -> TokenStream {
    let ident = &input.item.ident;
    let checks = wire_type_checks(input, root);
    let members = input.fields.iter().map(|field| {
        let member = field.ident;
        quote_spanned! {type_span(field)=>
            #member: ::core::clone::Clone::clone(&self.#member)
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member is still copied
        impl ::core::clone::Clone for #ident {
            #[inline]
            fn clone(&self) -> Self {
                #checks
                Self { #(#members,)* }
            }
        }
    }
}

/// `impl Debug`, as the derive writes it (the Rust field names), with the
/// value of a sensitive field masked.
fn debug_impl(input: &Struct, root: &Path) -> TokenStream {
    let ident = &input.item.ident;
    let name = ident.unraw().to_string();
    let checks = wire_type_checks(input, root);
    let members = input.fields.iter().map(|field| {
        let member = field.ident;
        let shown = member.unraw().to_string();
        if field.sensitive {
            quote_spanned! {type_span(field)=>
                (#shown, &#root::__private::Masked::of(&self.#member))
            }
        } else {
            quote_spanned! {type_span(field)=> (#shown, &self.#member) }
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member is still shown
        impl ::core::fmt::Debug for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #checks
                #root::__private::debug_struct(f, #name, &[#(#members),*])
            }
        }
    }
}

/// `impl PartialEq`, member by member.
fn partial_eq_impl(input: &Struct, root: &Path) -> TokenStream {
    let ident = &input.item.ident;
    let checks = wire_type_checks(input, root);
    let comparisons: Vec<TokenStream> = input
        .fields
        .iter()
        .map(|field| {
            let member = field.ident;
            let span = type_span(field);
            // The type named, so that the comparison is `T: PartialEq<T>` (what
            // `WireType` implies) rather than `T: PartialEq<_>`.
            let ty = respan(field.original.ty.to_token_stream(), span);
            quote_spanned! {span=>
                <#ty as ::core::cmp::PartialEq>::eq(&self.#member, &other.#member)
            }
        })
        .collect();
    let (other, body) = if comparisons.is_empty() {
        (quote!(_other), quote!(true))
    } else {
        (quote!(other), quote!(#(#comparisons)&&*))
    };
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member is still compared
        impl ::core::cmp::PartialEq for #ident {
            #[inline]
            fn eq(&self, #other: &Self) -> bool {
                #checks
                #body
            }
        }
    }
}

/// `impl Default`: every member's default.
fn default_impl(input: &Struct, root: &Path) -> TokenStream {
    let ident = &input.item.ident;
    let checks = wire_type_checks(input, root);
    let members = input.fields.iter().map(|field| {
        let member = field.ident;
        quote_spanned! {type_span(field)=>
            #member: ::core::default::Default::default()
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member still has its default
        impl ::core::default::Default for #ident {
            #[inline]
            fn default() -> Self {
                #checks
                Self { #(#members,)* }
            }
        }
    }
}
