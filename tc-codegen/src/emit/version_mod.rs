//! `v<version>/mod.rs`: one API version of a service, as a module of its crate
//! (`tc_monitor::v2023_06_16`): its files, and its actions at the module's top.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::Plan;
use crate::render::inner_doc;

pub(crate) fn emit(plan: &Plan, crate_name: &str) -> TokenStream {
    let module_doc = inner_doc(&docs::version_module(plan, crate_name));
    let waiters = (!plan.waiters.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod waiters;
        }
    });
    quote! {
        #module_doc

        // Printed by prettyplease and checked by `tc-codegen --check`: rustfmt
        // must leave the generated modules as they are.
        #[rustfmt::skip]
        mod actions;
        #[rustfmt::skip]
        pub mod errors;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        pub mod paginators;
        #[doc(hidden)]
        #[rustfmt::skip]
        pub mod registry;
        #waiters

        pub use actions::*;
    }
}
