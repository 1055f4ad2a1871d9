//! `paginators.rs`: `impl Paginate` for every action whose paging pattern the
//! plan recognised (see `plan::paging`), and the list of those it did not.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::paging::{Paging, Style};
use crate::plan::{ActionPlan, Plan};
use crate::render::{ident, inner_doc, scalar};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let unclassified: Vec<(&str, &str)> = unclassified(plan).collect();
    let file_doc = inner_doc(&docs::paginators_module(
        plan,
        paged(plan).count(),
        &unclassified,
    ));
    let impls = plan.actions.values().filter_map(|a| match &a.paging {
        Paging::Paged(p) => Some(paginate_impl(a, p)),
        _ => None,
    });
    let models = plan
        .actions
        .values()
        .any(|a| matches!(&a.paging, Paging::Paged(p) if p.item.is_object()))
        .then(|| {
            quote!(
                use super::models;
            )
        });
    quote! {
        #file_doc
        #models
        #(#impls)*
    }
}

/// The paged actions, with their style.
pub(crate) fn paged(plan: &Plan) -> impl Iterator<Item = (&str, Style)> {
    plan.actions.values().filter_map(|a| match &a.paging {
        Paging::Paged(p) => Some((a.name.as_str(), p.style)),
        _ => None,
    })
}

/// The actions with paging members but no recognised pattern, and why.
pub(crate) fn unclassified(plan: &Plan) -> impl Iterator<Item = (&str, &str)> {
    plan.actions.values().filter_map(|a| match &a.paging {
        Paging::Unclassified(why) => Some((a.name.as_str(), why.as_str())),
        _ => None,
    })
}

fn paginate_impl(a: &ActionPlan, p: &crate::plan::paging::PagingPlan) -> TokenStream {
    let action = ident(&a.request.name);
    let item = scalar(&p.item, &quote!(models::));
    let position = ident(&p.position);
    let list = ident(&p.list);
    let paging = quote!(::tc_core::__private::paging);
    let (cursor, set) = match p.style {
        Style::Offset => (quote!(offset), quote!(set_number)),
        Style::Page => (quote!(page), quote!(set_number)),
        Style::Token => (quote!(token), quote!(set_token)),
    };
    let page_size = match &p.size {
        Some(size) => {
            let size = ident(size);
            quote!(#paging::Number::get(&self.#size))
        }
        None => quote!(::core::option::Option::None),
    };
    let total = p.total.as_ref().map(|total| {
        let total = ident(total);
        quote! {
            fn total(output: &Self::Output) -> ::core::option::Option<u64> {
                #paging::Number::get(&output.#total)
            }
        }
    });
    let next_token = p.next_token.as_ref().map(|next| {
        let next = ident(next);
        quote! {
            fn next_token(output: &Self::Output) -> ::core::option::Option<&str> {
                #paging::Token::token(&output.#next)
            }
        }
    });
    // An action the service retired, or a paging member the specs mark
    // disabled, is `#[deprecated]`; its own paginator still names it.
    let allow = (a.status != crate::plan::Status::Online).then(|| quote!(#[allow(deprecated)]));
    quote! {
        #allow
        impl ::tc_core::Paginate for super::#action {
            type Item = #item;

            fn cursor(&self) -> ::tc_core::Cursor {
                #paging::#cursor(&self.#position)
            }

            fn set_cursor(&mut self, cursor: ::tc_core::Cursor) {
                #paging::#set(&mut self.#position, cursor);
            }

            fn page_size(&self) -> ::core::option::Option<u64> {
                #page_size
            }

            #total

            #next_token

            fn item_count(output: &Self::Output) -> usize {
                #paging::List::count(&output.#list)
            }

            fn take_items(output: &mut Self::Output) -> ::std::vec::Vec<Self::Item> {
                #paging::List::take(&mut output.#list)
            }
        }
    }
}
