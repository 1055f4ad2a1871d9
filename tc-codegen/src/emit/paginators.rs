//! `paginators.rs`: a module of docs only, saying which actions page and how
//! (their `#[tc_action(paginate(...))]` writes `impl Paginate`), and which
//! have paging members but no pattern recognised (see `plan::paging`), with
//! the reason.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::paging::{Paging, PagingPlan, Style};
use crate::plan::{ActionPlan, Plan};
use crate::render::{ident, inner_doc, scalar};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let unclassified: Vec<(&str, &str)> = unclassified(plan).collect();
    let paged: Vec<(&str, &PagingPlan)> = plan
        .actions
        .values()
        .filter_map(|a| match &a.paging {
            Paging::Paged(p) => Some((a.name.as_str(), p)),
            _ => None,
        })
        .collect();
    let file_doc = inner_doc(&docs::paginators_module(plan, &paged, &unclassified));
    quote! {
        #file_doc
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

/// `, paginate(...)` for the action's `#[tc_action]`, when it pages.
pub(crate) fn paginate_arg(a: &ActionPlan) -> Option<TokenStream> {
    let Paging::Paged(p) = &a.paging else {
        return None;
    };
    let item = scalar(&p.item, &quote!(models::));
    let position = ident(&p.position);
    let list = ident(&p.list);
    let cursor = match p.style {
        Style::Offset => quote!(offset = #position),
        Style::Page => quote!(page = #position),
        Style::Token => quote!(token = #position),
    };
    let limit = p.size.as_ref().map(|size| {
        let size = ident(size);
        quote!(, limit = #size)
    });
    let total = p.total.as_ref().map(|total| {
        let total = ident(total);
        quote!(, total = #total)
    });
    let next = p.next_token.as_ref().map(|next| {
        let next = ident(next);
        quote!(, next = #next)
    });
    Some(quote!(, paginate(#cursor #limit, items = #list, item = #item #total #next)))
}
