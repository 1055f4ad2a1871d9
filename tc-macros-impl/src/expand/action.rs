//! `#[tc_action]`: the struct with its impls, and `impl Action`. When the
//! action names no `output = ...` and there is no `<Struct>Response`, a
//! stand-in of that name applies, whose one error names the fix (see
//! `tc_core::ResponseType`) rather than "cannot find type".

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use syn::{Ident, Path};

use super::model::struct_item;
use super::shared::Kind;
use crate::internals::ast::Struct;
use crate::internals::attr::ActionArgs;
use crate::internals::default_output;
use crate::internals::paginate::{PaginateArgs, Style};
use crate::internals::rules::Method;

/// `#[tc_action]`: the struct with its derives, and `impl Action`.
pub(crate) fn action(args: &ActionArgs, input: &Struct) -> TokenStream {
    let root = &args.root;
    let item = struct_item(input, root, Kind::Action);
    let ident = &input.item.ident;
    let (output, stand_in) = match &args.output {
        Some(ty) => (ty.to_token_stream(), None),
        None => (
            default_output::name(ident).to_token_stream(),
            stand_in(ident, root),
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
    let paginate = args
        .paginate
        .as_ref()
        .map(|paging| paginate_impl(paging, ident, root));
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

            #paginate
        };
    }
}

/// `impl Paginate` from `paginate(...)`: each member is read through
/// `__private::paging`'s traits, so that a number may be `u64`, `i64` or
/// text and any member optional. Member names keep the user's spans, so that a
/// misspelt one is reported where it is written. The methods are `#[inline]`
/// for the reason the model impls are (see `model`).
fn paginate_impl(paging: &PaginateArgs, ident: &Ident, root: &Path) -> TokenStream {
    let helpers = quote!(#root::__private::paging);
    let (item, cursor, items) = (&paging.item, &paging.cursor, &paging.items);
    let (read, write) = match paging.style {
        Style::Offset => (quote!(offset), quote!(set_number)),
        Style::Page => (quote!(page), quote!(set_number)),
        Style::Token => (quote!(token), quote!(set_token)),
    };
    let page_size = match &paging.limit {
        Some(limit) => quote!(#helpers::Number::get(&self.#limit)),
        None => quote!(::core::option::Option::None),
    };
    let total = paging.total.as_ref().map(|total| {
        quote! {
            #[inline]
            fn total(output: &Self::Output) -> ::core::option::Option<u64> {
                #helpers::Number::get(&output.#total)
            }
        }
    });
    let next_token = paging.next.as_ref().map(|next| {
        quote! {
            #[inline]
            fn next_token(output: &Self::Output) -> ::core::option::Option<&str> {
                #helpers::Token::token(&output.#next)
            }
        }
    });
    quote! {
        #[automatically_derived]
        #[allow(deprecated)] // a deprecated member still pages
        impl #root::Paginate for #ident {
            type Item = #item;

            #[inline]
            fn cursor(&self) -> #root::Cursor {
                #helpers::#read(&self.#cursor)
            }

            #[inline]
            fn set_cursor(&mut self, cursor: #root::Cursor) {
                #helpers::#write(&mut self.#cursor, cursor);
            }

            #[inline]
            fn page_size(&self) -> ::core::option::Option<u64> {
                #page_size
            }

            #total

            #next_token

            #[inline]
            fn item_count(output: &Self::Output) -> usize {
                #helpers::List::count(&output.#items)
            }

            #[inline]
            fn take_items(output: &mut Self::Output) -> ::std::vec::Vec<Self::Item> {
                #helpers::List::take(&mut output.#items)
            }
        }
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

/// A hidden module holding an alias named `<Struct>Response`, glob-imported
/// beside the struct: a type of that name declared there, or imported by name,
/// shadows it (glob imports give way to both).
///
/// Emitted only when `root` resolves the same from inside that module (it
/// starts with `::` or `crate`): a `crate = "..."` naming an import of the
/// user's module keeps the compiler's own "cannot find type".
fn stand_in(ident: &Ident, root: &Path) -> Option<TokenStream> {
    let absolute = root.leading_colon.is_some()
        || root
            .segments
            .first()
            .is_some_and(|segment| segment.ident == "crate");
    if !absolute {
        return None;
    }
    let module = format_ident!("__tc_default_output_of_{}", ident);
    let alias = format_ident!("{}Response", ident);
    Some(quote! {
        #[doc(hidden)]
        #[allow(unused_imports)]
        use #module::*;

        #[doc(hidden)]
        #[allow(non_snake_case, dead_code, unreachable_pub)]
        mod #module {
            pub type #alias = <#root::__private::NoResponseType as #root::__private::ResponseType>::Type;
        }
    })
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::stand_in;

    #[test]
    fn only_a_root_that_resolves_anywhere_gets_a_stand_in() {
        let ident: syn::Ident = parse_quote!(DescribeX);
        let text = stand_in(&ident, &parse_quote!(::tc_core))
            .unwrap()
            .to_string();
        assert!(
            text.contains("use __tc_default_output_of_DescribeX :: * ;"),
            "{text}"
        );
        assert!(text.contains("pub type DescribeXResponse ="), "{text}");
        assert!(stand_in(&ident, &parse_quote!(crate::tc)).is_some());
        // `tc` may be an import of the user's module, unknown inside ours.
        assert!(stand_in(&ident, &parse_quote!(tc)).is_none());
    }
}
