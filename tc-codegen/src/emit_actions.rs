//! `actions.rs`: for each action, its request struct (`#[tc_action]`) followed by
//! its response struct (`#[tc_model]`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Holder};
use crate::plan::{ActionPlan, Plan};
use crate::render::{doc, field, ident, inner_doc};

pub fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&[format!(
        "The {} actions of {} API {}: each request struct and the response it yields.",
        plan.actions.len(),
        plan.service.to_uppercase(),
        plan.version
    )]);
    let actions = plan.actions.values().map(|a| action(plan, a));
    // Explicit imports, sorted: the file names every type it uses from its siblings.
    let errors = plan
        .actions
        .values()
        .filter_map(|a| a.error_enum.as_deref())
        .map(ident);
    let models: BTreeSet<&str> = plan
        .actions
        .values()
        .flat_map(|a| a.request.fields.iter().chain(&a.response.fields))
        .filter_map(|f| f.ty.object())
        .collect();
    let models = models.into_iter().map(ident);
    quote! {
        #file_doc
        use ::tc_core::{tc_action, tc_model};
        use super::errors::{#(#errors),*};
        use super::models::{#(#models),*};
        #(#actions)*
    }
}

fn action(plan: &Plan, a: &ActionPlan) -> TokenStream {
    let (service, version) = (&plan.service, &plan.version);
    let request_doc = doc(&docs::request(a, service, version));
    let response_doc = doc(&docs::response(a, service, version));
    let request = ident(&a.request.name);
    let response = ident(&a.response.name);
    let name = &a.name;
    let error = match &a.error_enum {
        Some(e) => {
            let e = ident(e);
            quote!(#e)
        }
        None => quote!(::tc_core::CommonCode),
    };
    let rate_limit = a.rate_limit.map(|n| {
        let n = proc_macro2::Literal::u32_unsuffixed(n);
        quote!(, rate_limit = #n)
    });
    let request_fields = a.request.fields.iter().map(|f| field(f, &Holder::Request));
    let response_fields = a
        .response
        .fields
        .iter()
        .map(|f| field(f, &Holder::Response));
    quote! {
        #request_doc
        #[tc_action(service = #service, version = #version, name = #name, output = #response, error = #error #rate_limit)]
        #[derive(Default)]
        pub struct #request {
            #(#request_fields)*
        }

        #response_doc
        #[tc_model]
        pub struct #response {
            #(#response_fields)*
        }
    }
}
