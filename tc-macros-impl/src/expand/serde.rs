//! `Serialize` and `Deserialize`, written out through
//! `tc_core::__private::wire` rather than derived: a struct of the members
//! (`None`s left out), and a decoder that reads each member into a slot.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::{LitStr, Path};

use super::shared::{Kind, type_span, wire_literal, wire_type_checks};
use crate::internals::ast::Struct;

/// `impl Serialize`: a struct of the members, `None`s left out.
pub(super) fn serialize_impl(input: &Struct, root: &Path) -> TokenStream {
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
pub(super) fn deserialize_impl(input: &Struct, root: &Path, kind: Kind) -> TokenStream {
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
        #[doc(hidden)] // machinery of `Deserialize`, not for the type's docs
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
