//! `actions.rs`: for each action, its request struct (`#[tc_action]`) followed by
//! its response struct (`#[tc_model]`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Doc, Holder};
use crate::plan::{ActionPlan, Plan, Status};
use crate::render::{doc, field, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&Doc::default().line(format!(
        "The {} actions of {} API {}: each request struct and the response it yields.",
        plan.actions.len(),
        plan.service.to_uppercase(),
        plan.version
    )));
    let actions = plan.actions.values().map(|a| action(plan, a));
    let uses_models = plan
        .actions
        .values()
        .flat_map(|a| a.request.fields.iter().chain(&a.response.fields))
        .any(|f| f.ty.object().is_some());
    let models = uses_models.then(|| {
        quote!(
            use super::models;
        )
    });
    // The attributes' impls name each action; a retired one is `#[deprecated]`
    // for its users, not for its own crate.
    let allow = plan
        .actions
        .values()
        .any(|a| a.status != Status::Online)
        .then(|| quote!(#![allow(deprecated)]));
    quote! {
        #file_doc
        #allow
        use ::tc_core::{tc_action, tc_model};
        #models
        #(#actions)*
    }
}

fn action(plan: &Plan, a: &ActionPlan) -> TokenStream {
    let (service, version) = (&plan.service, &plan.version);
    let request_doc = doc(&docs::request(plan, a));
    let response_doc = doc(&docs::response(a));
    let request = ident(&a.request.name);
    let response = ident(&a.response.name);
    let name = &a.name;
    let error = if a.errors.is_empty() {
        quote!(::tc_core::CommonCode)
    } else {
        let all = ident(&plan.all_codes_enum);
        quote!(super::errors::#all)
    };
    let rate_limit = a.rate_limit.map(|n| {
        let n = proc_macro2::Literal::u32_unsuffixed(n);
        quote!(, rate_limit = #n)
    });
    let paginate = crate::emit::paginators::paginate_arg(a);
    let offline = (a.status == Status::Offline)
        .then(|| quote!(#[deprecated(note = "the service no longer serves this action")]));
    let models = quote!(models::);
    let request_fields = a
        .request
        .fields
        .iter()
        .map(|f| field(f, Holder::Request, &models));
    let response_fields = a
        .response
        .fields
        .iter()
        .map(|f| field(f, Holder::Response, &models));
    quote! {
        #request_doc
        #[tc_action(service = #service, version = #version, name = #name, output = #response, error = #error #rate_limit #paginate)]
        #offline
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
