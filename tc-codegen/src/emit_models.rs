//! `models.rs`: the objects that requests and responses are made of, each a
//! `#[tc_model]` struct.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Holder};
use crate::plan::Plan;
use crate::render::{doc, field, ident, inner_doc};

pub fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&[format!(
        "The {} objects that {} API {} requests and responses are built from.",
        plan.models.len(),
        plan.service.to_uppercase(),
        plan.version
    )]);
    let models = plan.models.values().map(|m| {
        let model_doc = doc(&docs::model(m, &plan.service, &plan.version));
        let name = ident(&m.name);
        let holder = Holder::Model(m.usage);
        let fields = m.fields.iter().map(|f| field(f, &holder));
        quote! {
            #model_doc
            #[tc_model]
            pub struct #name {
                #(#fields)*
            }
        }
    });
    quote! {
        #file_doc
        use ::tc_core::tc_model;
        #(#models)*
    }
}
