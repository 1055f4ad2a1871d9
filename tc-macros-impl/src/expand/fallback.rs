//! What to emit when the input is wrong: the user's item as written (minus our
//! helper attributes, which nothing else would understand), one
//! `compile_error!` per mistake, and, like thiserror's fallback, the impls the
//! attribute would have written, as stubs that never run (the crate does not
//! compile). The rest of the user's code keeps type-checking against the item
//! and its traits, so only the real mistakes are reported: a `#[tc_error]`
//! enum with one variant missing its code still works as an action's `error`,
//! in `e.is(..)` and as `ALL`; a model with a refused `#[serde(...)]` is still
//! a wire type for the structs that use it.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Data, DeriveInput, Fields, Path, Type};

use super::error::error_derives;
use super::shared::derived_names;
use crate::internals::attr::{ActionFallback, is_helper};

/// For an item we could not even read as a struct, enum or union.
pub(crate) fn raw(input: TokenStream, result: Result<(), syn::Error>) -> TokenStream {
    let errors = compile_errors(result);
    quote!(#input #errors)
}

/// For a `#[tc_model]` item with mistakes: stubs of a model's impls, when
/// `root` (where `tc_core` is) is known.
pub(crate) fn model(
    item: &DeriveInput,
    root: Option<&Path>,
    result: Result<(), syn::Error>,
) -> TokenStream {
    let stubs = root
        .filter(|_| item.generics.params.is_empty())
        .map(|root| {
            let ident = &item.ident;
            let mut stubs = struct_stubs(item, root);
            stubs.extend(quote! {
                #[automatically_derived]
                #[diagnostic::do_not_recommend]
                impl #root::WireType for #ident {}
            });
            stubs
        });
    with_stubs(item, None, stubs, result)
}

/// For a `#[tc_action]` item with mistakes: stubs of an action's impls, with
/// the output and error types its arguments name (when they are readable).
pub(crate) fn action(
    item: &DeriveInput,
    args: &ActionFallback,
    result: Result<(), syn::Error>,
) -> TokenStream {
    let stubs = args
        .root
        .as_ref()
        .filter(|_| item.generics.params.is_empty())
        .map(|root| {
            let mut stubs = struct_stubs(item, root);
            if let Some(output) = args.output(&item.ident) {
                stubs.extend(action_stub(item, root, &output, args.error.as_ref()));
            }
            stubs
        });
    // No stand-in for a missing `<Struct>Response`: the compiler does not
    // report names it cannot find in the output of an attribute that reported
    // an error, and the missing type is best reported after the first fix.
    with_stubs(item, None, stubs, result)
}

/// For a `#[tc_error]` item with mistakes: when it is a fieldless enum, its
/// derives and stubs of an error set's impls, with `ALL`.
pub(crate) fn error(
    item: &DeriveInput,
    root: Option<&Path>,
    result: Result<(), syn::Error>,
) -> TokenStream {
    let variants = match &item.data {
        Data::Enum(data)
            if data
                .variants
                .iter()
                .all(|v| matches!(v.fields, Fields::Unit)) =>
        {
            Some(data.variants.iter().map(|variant| &variant.ident))
        }
        _ => None,
    };
    let stubs = root
        .filter(|_| item.generics.params.is_empty())
        .zip(variants)
        .map(|(root, variants)| {
            let ident = &item.ident;
            quote! {
                #[automatically_derived]
                #[diagnostic::do_not_recommend]
                impl #root::ErrorCode for #ident {
                    fn code(&self) -> &'static str {
                        ::core::unreachable!()
                    }
                    fn from_code(_: &str) -> ::core::option::Option<Self> {
                        ::core::unreachable!()
                    }
                }

                #[automatically_derived]
                impl ::core::fmt::Display for #ident {
                    fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::unreachable!()
                    }
                }

                #[automatically_derived]
                impl ::std::error::Error for #ident {}

                #[automatically_derived]
                impl #ident {
                    #[allow(dead_code)]
                    pub const ALL: &'static [Self] = &[#(Self::#variants),*];
                }
            }
        });
    let derives = stubs
        .is_some()
        .then(|| error_derives(&item.attrs))
        .flatten();
    with_stubs(item, derives, stubs, result)
}

/// The item (with `derives` before it), its stubs in a `const _` block, and
/// the errors.
fn with_stubs(
    item: &DeriveInput,
    derives: Option<TokenStream>,
    stubs: Option<TokenStream>,
    result: Result<(), syn::Error>,
) -> TokenStream {
    let mut item = item.clone();
    strip_helper_attrs(&mut item);
    let stubs = stubs.map(|stubs| quote!(const _: () = { #stubs };));
    let errors = compile_errors(result);
    quote!(#derives #item #stubs #errors)
}

/// `Clone`, `Debug`, `PartialEq`, `Default` unless derived, and
/// serde's two traits: what makes a struct a wire type.
fn struct_stubs(item: &DeriveInput, root: &Path) -> TokenStream {
    let ident = &item.ident;
    let derived = derived_names(&item.attrs);
    let wanted = |name: &str| !derived.contains(name);
    let clone = wanted("Clone").then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::clone::Clone for #ident {
                fn clone(&self) -> Self {
                    ::core::unreachable!()
                }
            }
        }
    });
    let debug = wanted("Debug").then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::fmt::Debug for #ident {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
        }
    });
    let partial_eq = wanted("PartialEq").then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::cmp::PartialEq for #ident {
                fn eq(&self, _: &Self) -> bool {
                    ::core::unreachable!()
                }
            }
        }
    });
    let default = wanted("Default").then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::default::Default for #ident {
                fn default() -> Self {
                    ::core::unreachable!()
                }
            }
        }
    });
    quote! {
        #clone
        #debug
        #partial_eq
        #default

        #[automatically_derived]
        impl #root::__private::serde::Serialize for #ident {
            fn serialize<S: #root::__private::serde::Serializer>(
                &self,
                _: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl<'de> #root::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #root::__private::serde::Deserializer<'de>>(
                _: D,
            ) -> ::core::result::Result<Self, D::Error> {
                ::core::unreachable!()
            }
        }
    }
}

/// `impl Action` with the output and error types, and no real name.
fn action_stub(
    item: &DeriveInput,
    root: &Path,
    output: &TokenStream,
    error: Option<&Type>,
) -> TokenStream {
    let ident = &item.ident;
    let error = match error {
        Some(error) => quote!(#error),
        None => quote!(#root::CommonCode),
    };
    quote! {
        #[automatically_derived]
        impl #root::Action for #ident {
            type Output = #output;
            type Error = #error;
            const SERVICE: &'static str = "";
            const VERSION: &'static str = "";
            const NAME: &'static str = "";
        }
    }
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
    item.attrs.retain(|attr| !is_helper(attr));
    match &mut item.data {
        Data::Struct(data) => strip_fields(&mut data.fields),
        Data::Enum(data) => {
            for variant in &mut data.variants {
                variant.attrs.retain(|attr| !is_helper(attr));
                strip_fields(&mut variant.fields);
            }
        }
        Data::Union(data) => {
            for field in &mut data.fields.named {
                field.attrs.retain(|attr| !is_helper(attr));
            }
        }
    }
}

fn strip_fields(fields: &mut Fields) {
    for field in fields.iter_mut() {
        field.attrs.retain(|attr| !is_helper(attr));
    }
}
