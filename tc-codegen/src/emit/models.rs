//! `models.rs`: the objects that requests and responses are made of, each a
//! `#[tc_model]` struct.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Holder};
use crate::plan::Plan;
use crate::render::{doc, field, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&docs::models_module(plan));
    let models = plan.models.values().map(|m| {
        let model_doc = doc(&docs::model(plan, m));
        let name = ident(&m.name);
        // The schema's name stays searchable when ours differs.
        let alias = (m.name != m.wire).then(|| {
            let wire = &m.wire;
            quote!(#[doc(alias = #wire)])
        });
        let holder = if m.usage.input && m.usage.output {
            Holder::TwoWayModel
        } else {
            Holder::OneWayModel
        };
        let fields = m
            .fields
            .iter()
            .map(|f| field(f, holder, &TokenStream::new()));
        quote! {
            #model_doc
            #alias
            #[tc_model]
            pub struct #name {
                #(#fields)*
            }
        }
    });
    // A version whose actions use no objects has an empty `models`.
    let import = (!plan.models.is_empty()).then(|| {
        quote!(
            use ::tc_core::tc_model;
        )
    });
    quote! {
        #file_doc
        #import
        #(#models)*
    }
}
