//! `waiters.rs`: one async function per named waiter of the overrides, each a
//! `Client::wait_until` with the condition
//! spelled out.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::Plan;
use crate::plan::waiters::{Form, WaiterPlan};
use crate::render::{doc, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&docs::waiters_module(plan));
    let waiters = plan.waiters.iter().map(|w| waiter(plan, w));
    quote! {
        #file_doc
        use ::tc_core::{Client, Error, WaitConfig};
        #(#waiters)*
    }
}

fn waiter(plan: &Plan, w: &WaiterPlan) -> TokenStream {
    let doc = doc(&docs::waiter(plan, w));
    let name = ident(&w.name);
    let action = ident(&w.action);
    let response = ident(&format!("{}Response", w.action));
    let ready = &w.ready;
    let failed = &w.failed;
    let states = quote!((&[#(#ready),*], &[#(#failed),*]));
    let waiting = quote!(::tc_core::__private::waiting);
    match &w.form {
        Form::List {
            ids,
            ids_plain,
            limit,
            list,
            id,
            state,
            missing,
        } => {
            let (ids, list, id, state) = (ident(ids), ident(list), ident(id), ident(state));
            let missing = ident(missing);
            let ids_value = if *ids_plain {
                quote!(ids.to_vec())
            } else {
                quote!(::core::option::Option::Some(ids.to_vec()))
            };
            let declare = if limit.is_some() {
                quote!(let mut request = crate::#action { #ids: #ids_value, ..::core::default::Default::default() };)
            } else {
                quote!(let request = crate::#action { #ids: #ids_value, ..::core::default::Default::default() };)
            };
            let limit = limit.as_ref().map(|limit| {
                let limit = ident(limit);
                quote! {
                    // One page holds them all.
                    ::tc_core::__private::paging::Number::set(
                        &mut request.#limit,
                        u64::try_from(ids.len()).unwrap_or(u64::MAX),
                    );
                }
            });
            quote! {
                #doc
                pub async fn #name(
                    client: &Client,
                    ids: &[String],
                    config: WaitConfig,
                ) -> ::core::result::Result<crate::#response, Error> {
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
                                    #states,
                                    #waiting::Missing::#missing,
                                )
                            },
                            config,
                        )
                        .await
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
                ) -> ::core::result::Result<crate::#response, Error> {
                    let request = crate::#action { #input: #value, ..::core::default::Default::default() };
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
