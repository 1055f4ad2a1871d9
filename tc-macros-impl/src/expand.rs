//! Code generation, for input that passed every check.
//!
//! Generated paths start at `::core`, `::std` or the `tc_core` root (`crate =
//! "..."`), never at a name the user might shadow. Trait impls sit inside
//! `const _: () = { ... };` and carry `#[automatically_derived]`. Spans: tokens
//! that stand for something the user wrote (a field's wire name, the output
//! type) are located at the user's tokens, so that the compiler's errors point
//! there, but resolve at the call site like the rest.

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr, Path, Token};

use crate::ast::{Enum, Field, Struct};
use crate::attr::{ActionArgs, Method, is_tc, path_to_string};

/// Which struct attribute: the two differ in derives and in decoding.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Request parameters: a missing non-`Option` parameter is an error.
    Action,
    /// Decoded tolerantly: absent or `null` members become defaults.
    Model,
}

/// `#[tc_action]`: the struct with its derives, and `impl Action`.
pub(crate) fn action(args: &ActionArgs, input: &Struct) -> TokenStream {
    let root = &args.root;
    let item = struct_item(input, root, Kind::Action);
    let ident = &input.item.ident;
    let output = match &args.output {
        Some(ty) => ty.to_token_stream(),
        // Resolved beside the struct; an error for a missing one points at its name.
        None => format_ident!("{}Response", ident, span = ident.span()).to_token_stream(),
    };
    let error = match &args.error {
        Some(ty) => ty.to_token_stream(),
        None => quote!(#root::CommonCode),
    };
    let method = (args.method == Method::Get).then(|| {
        quote! {
            const METHOD: #root::Method = #root::Method::Get;
        }
    });
    let rate_limit = args.rate_limit.as_ref().map(|limit| {
        quote! {
            const RATE_LIMIT: ::core::option::Option<::core::num::NonZeroU32> =
                ::core::num::NonZeroU32::new(#limit);
        }
    });
    let client_token = client_token(input, root);
    let (service, version, name) = (&args.service, &args.version, &args.name);
    quote! {
        #item

        const _: () = {
            #[automatically_derived]
            impl #root::Action for #ident {
                type Output = #output;
                type Error = #error;
                const SERVICE: &'static str = #service;
                const VERSION: &'static str = #version;
                const NAME: &'static str = #name;
                #method
                #rate_limit
                #client_token
            }
        };
    }
}

/// For a request with a `ClientToken` member: fill it in when unset, so that
/// the client may retry the call without risk of doing it twice.
fn client_token(input: &Struct, root: &Path) -> Option<TokenStream> {
    let field = input
        .fields
        .iter()
        .find(|field| field.wire.value == "ClientToken")?;
    let ident = field.ident;
    let fill = field.optional.then(|| {
        quote! {
            if self.#ident.is_none() {
                self.#ident = ::core::option::Option::Some(#root::__private::client_token());
            }
        }
    });
    Some(quote! {
        fn ensure_client_token(&mut self) -> bool {
            #fill
            true
        }
    })
}

/// `#[tc_model]`: the struct with its derives and tolerant decoding.
pub(crate) fn model(root: &Path, input: &Struct) -> TokenStream {
    struct_item(input, root, Kind::Model)
}

/// `#[tc_error]`: the enum with its derives, `impl ErrorCode`, `Display`,
/// `Error`, and `ALL`.
pub(crate) fn error(root: &Path, input: &Enum) -> TokenStream {
    let item = input.item;
    let derives = derive_attr(
        &item.attrs,
        &[
            ("Clone", quote!(::core::clone::Clone)),
            ("Copy", quote!(::core::marker::Copy)),
            ("Debug", quote!(::core::fmt::Debug)),
            ("PartialEq", quote!(::core::cmp::PartialEq)),
            ("Eq", quote!(::core::cmp::Eq)),
            ("Hash", quote!(::core::hash::Hash)),
        ],
    );
    let (docs, attrs) = item_attrs(&item.attrs);
    let vis = &item.vis;
    let ident = &item.ident;
    let variants = input.variants.iter().map(|variant| {
        let attrs = variant.original.attrs.iter().filter(|attr| !is_tc(attr));
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
    quote! {
        #(#docs)*
        #derives
        #(#attrs)*
        #vis enum #ident {
            #(#variants,)*
        }

        const _: () = {
            #[automatically_derived]
            impl #root::ErrorCode for #ident {
                fn code(&self) -> &'static str {
                    match *self {
                        #(Self::#idents => #codes,)*
                    }
                }

                fn from_code(code: &str) -> ::core::option::Option<Self> {
                    match code {
                        #(#codes => ::core::option::Option::Some(Self::#idents),)*
                        _ => ::core::option::Option::None,
                    }
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

/// The struct as written, plus derives and serde attributes; our `#[tc(...)]`
/// attributes removed.
fn struct_item(input: &Struct, root: &Path, kind: Kind) -> TokenStream {
    let item = input.item;
    let mut std_derives = vec![
        ("Clone", quote!(::core::clone::Clone)),
        ("Debug", quote!(::core::fmt::Debug)),
        ("PartialEq", quote!(::core::cmp::PartialEq)),
    ];
    if kind == Kind::Model {
        std_derives.push(("Default", quote!(::core::default::Default)));
    }
    let std_derives = derive_attr(&item.attrs, &std_derives);
    let serde_derives = derive_attr(
        &item.attrs,
        &[
            ("Serialize", quote!(#root::__private::serde::Serialize)),
            ("Deserialize", quote!(#root::__private::serde::Deserialize)),
        ],
    );
    let root_string = path_to_string(root);
    let serde_crate = LitStr::new(
        &format!("{root_string}::__private::serde"),
        Span::call_site(),
    );
    let (docs, attrs) = item_attrs(&item.attrs);
    let vis = &item.vis;
    let ident = &item.ident;
    let fields = input
        .fields
        .iter()
        .map(|field| struct_field(field, &root_string, kind));
    quote! {
        #(#docs)*
        #std_derives
        #serde_derives
        #[serde(crate = #serde_crate)]
        #(#attrs)*
        #vis struct #ident {
            #(#fields,)*
        }
    }
}

/// One field, with its wire name and (de)serialization rules.
fn struct_field(field: &Field, root: &str, kind: Kind) -> TokenStream {
    let original = field.original;
    let attrs = original.attrs.iter().filter(|attr| !is_tc(attr));
    let vis = &original.vis;
    let ident = field.ident;
    let ty = &original.ty;
    // Errors about a field's (de)serialization should land on the field.
    let span = Span::call_site().located_at(ty.span());
    let rename = LitStr::new(
        &field.wire.value,
        Span::call_site().located_at(field.wire.span),
    );
    let mut args = vec![quote!(rename = #rename)];
    if field.optional {
        let is_none = LitStr::new("::core::option::Option::is_none", span);
        args.push(quote!(default));
        args.push(quote!(skip_serializing_if = #is_none));
    } else if kind == Kind::Model {
        let null_as_default = LitStr::new(&format!("{root}::__private::null_as_default"), span);
        args.push(quote!(default));
        args.push(quote!(deserialize_with = #null_as_default));
    }
    quote_spanned! {span=>
        #(#attrs)*
        #[serde(#(#args),*)]
        #vis #ident: #ty
    }
}

/// The item's attributes without our `#[tc(...)]`: its doc comments, which go
/// first, and the others, which go after our derives (a `#[serde(...)]` before
/// the derive that introduces it would be a warning).
fn item_attrs(attrs: &[Attribute]) -> (Vec<&Attribute>, Vec<&Attribute>) {
    attrs
        .iter()
        .filter(|attr| !is_tc(attr))
        .partition(|attr| attr.path().is_ident("doc"))
}

/// `#[derive(...)]` with those of `wanted` (name, path) the user does not
/// already derive (judged by the last segment of each derived path), or
/// nothing when they all are.
fn derive_attr(attrs: &[Attribute], wanted: &[(&str, TokenStream)]) -> Option<TokenStream> {
    let present = derived_names(attrs);
    let paths: Vec<&TokenStream> = wanted
        .iter()
        .filter(|(name, _)| !present.contains(*name))
        .map(|(_, path)| path)
        .collect();
    (!paths.is_empty()).then(|| quote!(#[derive(#(#paths),*)]))
}

/// The last segment of every path in the item's `#[derive(...)]` attributes.
fn derived_names(attrs: &[Attribute]) -> BTreeSet<String> {
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
