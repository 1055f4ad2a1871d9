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

use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::{Attribute, LitStr, Path, Token};

use crate::ast::{Enum, Field, Struct};
use crate::attr::{ActionArgs, is_helper, respan};
use crate::default_output;
use crate::rules::Method;

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
    let (output, stand_in) = match &args.output {
        Some(ty) => (ty.to_token_stream(), None),
        None => (
            default_output::name(ident).to_token_stream(),
            default_output::stand_in(ident, root),
        ),
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
        #stand_in

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
/// the client may retry the call without risk of doing it twice; only a
/// non-empty token makes the call safe to retry.
fn client_token(input: &Struct, root: &Path) -> Option<TokenStream> {
    let field = input
        .fields
        .iter()
        .find(|field| field.wire.value == "ClientToken")?;
    let ident = field.ident;
    let carried = if field.optional {
        quote!(#root::__private::fill_client_token(&mut self.#ident))
    } else {
        quote!(#root::__private::has_client_token(&self.#ident))
    };
    Some(quote! {
        fn ensure_client_token(&mut self) -> bool {
            #carried
        }
    })
}

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

/// The struct as written (our `#[tc(...)]` attributes removed), its `Clone`,
/// `Debug`, `PartialEq` (and, for a model, `Default`) impls unless the user
/// derives them, and its `Serialize` and `Deserialize` impls.
///
/// The impls are written here rather than derived: see the module docs for
/// the standard ones, and `tc_core::__private::wire` for the serde ones.
fn struct_item(input: &Struct, root: &Path, kind: Kind) -> TokenStream {
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
    let default = (kind == Kind::Model && wanted("Default")).then(|| default_impl(input, root));
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

/// A field's wire name as a literal located at what gave it (the `rename`
/// literal or the field's name), so that errors about it point there.
fn wire_literal(field: &Field) -> LitStr {
    LitStr::new(
        &field.wire.value,
        Span::call_site().located_at(field.wire.span),
    )
}

/// Where errors about a field's type should land: on the name of its leaf
/// type (`TagResource` in `Vec<TagResource>`).
fn type_span(field: &Field) -> Span {
    Span::call_site().located_at(field.wire_type.span)
}

/// `<Leaf as WireType>::ASSERT` for each field whose type is not a known wire
/// type, at the field's type span: the first statement of every impl that
/// uses the fields (see the module docs).
fn wire_type_checks(input: &Struct, root: &Path) -> TokenStream {
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

/// `impl Default` for a model: every member's default.
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

/// `impl Serialize`: a struct of the members, `None`s left out.
fn serialize_impl(input: &Struct, root: &Path) -> TokenStream {
    let ident = &input.item.ident;
    let name = ident.to_string();
    let always = input.fields.iter().filter(|field| !field.optional).count();
    let optional = input
        .fields
        .iter()
        .filter(|field| field.optional)
        .map(|field| field.ident);
    let writes = input.fields.iter().map(|field| {
        let (member, wire) = (field.ident, wire_literal(field));
        let helper = if field.optional {
            quote!(optional)
        } else {
            quote!(field)
        };
        quote_spanned! {type_span(field)=>
            #root::__private::wire::#helper(&mut out, #wire, &self.#member)?;
        }
    });
    let out = if input.fields.is_empty() {
        quote!(out)
    } else {
        quote!(mut out)
    };
    let checks = wire_type_checks(input, root);
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member is still on the wire
        impl #root::__private::serde::Serialize for #ident {
            fn serialize<S: #root::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #checks
                let len = #always
                    #(+ ::core::primitive::usize::from(::core::option::Option::is_some(&self.#optional)))*;
                let #out = #root::__private::serde::Serializer::serialize_struct(serializer, #name, len)?;
                #(#writes)*
                #root::__private::serde::ser::SerializeStruct::end(out)
            }
        }
    }
}

/// `impl Deserialize` through `wire::DecodeMap`: each member read into a slot,
/// unknown members skipped, then the struct built from the slots.
fn deserialize_impl(input: &Struct, root: &Path, kind: Kind) -> TokenStream {
    let ident = &input.item.ident;
    let name = ident.to_string();
    let wire_names: Vec<LitStr> = input.fields.iter().map(wire_literal).collect();
    let mut members: Vec<(&str, u16)> = input
        .fields
        .iter()
        .zip(0u16..)
        .map(|(field, index)| (field.wire.value.as_str(), index))
        .collect();
    members.sort_unstable();
    let members = members.iter().map(|(wire, index)| quote!((#wire, #index)));
    // At the field's type span, like everything that uses the field (see the
    // module docs).
    let slots: Vec<_> = input
        .fields
        .iter()
        .zip(0usize..)
        .map(|(field, i)| format_ident!("slot{}", i, span = type_span(field)))
        .collect();
    let declare = input.fields.iter().zip(&slots).map(|(field, slot)| {
        let ty = &field.original.ty;
        quote_spanned! {type_span(field)=>
            let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;
        }
    });
    let arms = input
        .fields
        .iter()
        .zip(&slots)
        .zip(0u16..)
        .map(|((field, slot), index)| {
            let wire = wire_literal(field);
            // A model's plain member reads `null` as its default.
            let take = if kind == Kind::Model && !field.optional {
                quote!(take_or_default)
            } else {
                quote!(take)
            };
            quote_spanned! {type_span(field)=>
                ::core::option::Option::Some(#index) => {
                    #root::__private::wire::#take(&mut map, &mut #slot, #wire)?;
                }
            }
        });
    let build = input.fields.iter().zip(&slots).map(|(field, slot)| {
        let member = field.ident;
        let wire = wire_literal(field);
        // A request's plain parameter must be given; a model's may be
        // absent (except in strict decoding); an `Option` always may.
        let value = if field.optional {
            quote!(::core::option::Option::unwrap_or_default(#slot))
        } else if kind == Kind::Action {
            quote!(#root::__private::wire::required(#slot, #wire)?)
        } else {
            quote!(#root::__private::wire::present_or_default(#slot, #wire)?)
        };
        quote_spanned! {type_span(field)=> #member: #value }
    });
    let checks = wire_type_checks(input, root);
    quote! {
        #[automatically_derived]
        impl<'de> #root::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #root::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #root::__private::wire::deserialize(deserializer, &[#(#wire_names),*])
            }
        }

        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member is still on the wire
        impl<'de> #root::__private::wire::DecodeMap<'de> for #ident {
            const NAME: &'static str = #name;

            fn decode_map<M: #root::__private::serde::de::MapAccess<'de>>(
                mut map: M,
            ) -> ::core::result::Result<Self, M::Error> {
                #checks
                const MEMBERS: #root::__private::wire::Members = &[#(#members),*];
                #(#declare)*
                while let ::core::option::Option::Some(member) =
                    #root::__private::wire::next_member(&mut map, MEMBERS)?
                {
                    match member {
                        #(#arms)*
                        _ => #root::__private::wire::skip(&mut map)?,
                    }
                }
                ::core::result::Result::Ok(Self { #(#build,)* })
            }
        }
    }
}

/// The item's attributes without our helpers: its doc comments, which go
/// first, and the others.
fn item_attrs(attrs: &[Attribute]) -> (Vec<&Attribute>, Vec<&Attribute>) {
    attrs
        .iter()
        .filter(|attr| !is_helper(attr))
        .partition(|attr| attr.path().is_ident("doc"))
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
pub(crate) fn derived_names(attrs: &[Attribute]) -> BTreeSet<String> {
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
