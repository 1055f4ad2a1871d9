//! `waiters.rs`: one async function per named waiter of the overrides, each a
//! `Client::wait_until` with the condition spelled out; waiters that read the
//! same list share one private helper and differ only in their states.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::Plan;
use crate::plan::waiters::{Form, WaiterPlan};
use crate::render::{doc, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&docs::waiters_module(plan));
    // Waiters that read the same list of the same answer (running, stopped,
    // ...) differ only in their states: each such list gets one helper.
    let mut helpers = BTreeMap::new();
    for w in &plan.waiters {
        if let Form::List { .. } = &w.form {
            helpers
                .entry(helper_name(w))
                .or_insert_with(|| list_helper(w));
        }
    }
    let helpers = helpers.values();
    let waiters = plan.waiters.iter().map(waiter);
    quote! {
        #file_doc
        use ::tc_core::{Client, Error, WaitConfig};
        #(#waiters)*
        #(#helpers)*
    }
}

/// The helper of a list waiter: named after what it reads, so that waiters
/// reading the same list share it.
fn helper_name(w: &WaiterPlan) -> String {
    let Form::List { list, state, .. } = &w.form else {
        unreachable!("only list waiters have helpers")
    };
    let action = tc_macros_impl::naming::snake_case(&w.action);
    format!("each_{state}_in_{action}_{list}")
}

/// Repeats the action until every id's state is ready, failed or missing as
/// the caller says.
fn list_helper(w: &WaiterPlan) -> TokenStream {
    let Form::List {
        ids,
        ids_plain,
        limit,
        list,
        id,
        state,
        ..
    } = &w.form
    else {
        unreachable!("only list waiters have helpers")
    };
    let name = ident(&helper_name(w));
    let action = ident(&w.action);
    let response = ident(&format!("{}Response", w.action));
    let waiting = quote!(::tc_core::__private::waiting);
    let (ids, list, id, state) = (ident(ids), ident(list), ident(id), ident(state));
    let ids_value = if *ids_plain {
        quote!(ids.to_vec())
    } else {
        quote!(::core::option::Option::Some(ids.to_vec()))
    };
    let mutability = limit.is_some().then(|| quote!(mut));
    let declare = quote!(let #mutability request = super::#action { #ids: #ids_value, ..::core::default::Default::default() };);
    let limit = limit.as_ref().map(|limit| {
        let limit = ident(limit);
        quote! {
            // One page holds them all, within the usual maximum of 100.
            ::tc_core::__private::paging::Number::set(
                &mut request.#limit,
                u64::try_from(ids.len().clamp(1, 100)).unwrap_or(100),
            );
        }
    });
    let doc = format!(
        " Repeats `{}` until every resource in `ids` is in one of `states`' ready \
         states, or one is in a failed state; `missing` says what an unlisted \
         resource means.",
        w.action
    );
    quote! {
        #[doc = #doc]
        async fn #name(
            client: &Client,
            ids: &[String],
            states: (&[&str], &[&str]),
            missing: #waiting::Missing,
            config: WaitConfig,
        ) -> ::core::result::Result<super::#response, Error> {
            #declare
            #limit
            client
                .wait_until(
                    request,
                    |out| {
                        #waiting::every(
                            ids,
                            ::tc_core::__private::paging::List::items(&out.#list),
                            |item| #waiting::Text::text(&item.#id),
                            |item| #waiting::Text::text(&item.#state),
                            states,
                            missing,
                        )
                    },
                    config,
                )
                .await
        }
    }
}

fn waiter(w: &WaiterPlan) -> TokenStream {
    let doc = doc(&docs::waiter(w));
    let name = ident(&w.name);
    let action = ident(&w.action);
    let response = ident(&format!("{}Response", w.action));
    let ready = &w.ready;
    let failed = &w.failed;
    let states = quote!((&[#(#ready),*], &[#(#failed),*]));
    let waiting = quote!(::tc_core::__private::waiting);
    match &w.form {
        Form::List { missing, .. } => {
            let helper = ident(&helper_name(w));
            let missing = ident(missing);
            quote! {
                #doc
                pub async fn #name(
                    client: &Client,
                    ids: &[String],
                    config: WaitConfig,
                ) -> ::core::result::Result<super::#response, Error> {
                    #helper(client, ids, #states, #waiting::Missing::#missing, config).await
                }
            }
        }
        Form::One {
            input,
            input_plain,
            state,
        } => {
            let (input, state) = (ident(input), ident(state));
            let value = if *input_plain {
                quote!(#input.to_owned())
            } else {
                quote!(::core::option::Option::Some(#input.to_owned()))
            };
            quote! {
                #doc
                pub async fn #name(
                    client: &Client,
                    #input: &str,
                    config: WaitConfig,
                ) -> ::core::result::Result<super::#response, Error> {
                    let request = super::#action { #input: #value, ..::core::default::Default::default() };
                    client
                        .wait_until(
                            request,
                            |out| #waiting::one(#waiting::Text::text(&out.#state), #states),
                            config,
                        )
                        .await
                }
            }
        }
    }
}
