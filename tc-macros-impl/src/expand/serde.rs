//! `Serialize` and `Deserialize`, written out through
//! `tc_core::__private::wire` rather than derived: a struct of the members
//! (`None`s left out), and a decoder that reads each member into its field.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{LitStr, Path};

use super::shared::{Kind, type_span, wire_literal, wire_type_checks};
use crate::internals::ast::Struct;

/// `impl Serialize`: a struct of the members, `None`s left out, written
/// through `wire::Fields`, which keeps the first error: per member, one call
/// and no branch for the compiler to check.
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
            out.#helper(#wire, &self.#member);
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
                let #out = #root::__private::wire::Fields::new(
                    #root::__private::serde::Serializer::serialize_struct(serializer, #name, len)?,
                );
                #(#writes)*
                out.end()
            }
        }
    }
}

/// `impl Deserialize` through `wire::DecodeMap`: the struct starts from its
/// default, each member is read into its field (a flag per field catches a
/// member given twice), unknown members are skipped, and then the plain
/// members not given are checked. Each member's arm is one call, its result
/// checked after the match: little code per member for the compiler.
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
    let count = input.fields.len();
    // A request's plain parameter must be given; a model's may be absent
    // (except in strict decoding); an `Option` always may.
    let plain = input
        .fields
        .iter()
        .zip(0u16..)
        .filter(|(field, _)| !field.optional)
        .map(|(field, index)| {
            let wire = &field.wire.value;
            quote!((#index, #wire))
        });
    let required = kind == Kind::Action;
    // At the field's type span, like everything that uses the field (see the
    // module docs).
    let arms = input.fields.iter().zip(0u16..).map(|(field, index)| {
        let member = field.ident;
        let wire = wire_literal(field);
        // A model's plain member reads `null` as its default.
        let read = if kind == Kind::Model && !field.optional {
            quote!(read_or_default)
        } else {
            quote!(read)
        };
        quote_spanned! {type_span(field)=>
            ::core::option::Option::Some(#index) => #root::__private::wire::#read(
                &mut map, &mut seen, #index, &mut value.#member, #wire,
            ),
        }
    });
    let mutable = (count > 0).then(|| quote!(mut));
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
                let #mutable value = <Self as ::core::default::Default>::default();
                let #mutable seen = [false; #count];
                while let ::core::option::Option::Some(member) =
                    #root::__private::wire::next_member(&mut map, MEMBERS)?
                {
                    let step = match member {
                        #(#arms)*
                        _ => #root::__private::wire::skip(&mut map),
                    };
                    step?;
                }
                #root::__private::wire::check_given(&seen, &[#(#plain),*], #required)?;
                ::core::result::Result::Ok(value)
            }
        }
    }
}
