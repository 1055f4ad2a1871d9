//! `mod.rs`: ties the generated files together.

use proc_macro2::TokenStream;
use quote::quote;

use crate::plan::Plan;
use crate::render::inner_doc;

pub fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&[format!(
        "Everything generated from the {} {} specs: {} actions, {} models, {} error codes.",
        plan.service,
        plan.version,
        plan.actions.len(),
        plan.models.len(),
        plan.codes.len()
    )]);
    quote! {
        #file_doc
        mod actions;
        mod errors;
        mod models;
        #[doc(hidden)]
        pub mod registry;

        pub use actions::*;
        pub use errors::*;
        pub use models::*;
    }
}
