//! `lib.rs`: the crate docs, the modules, and the re-exports that make this
//! crate the only dependency a user needs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::Plan;
use crate::plan::names::ROOT_REEXPORTS;
use crate::render::{ident, inner_doc};

pub(crate) fn emit(plan: &Plan, crate_name: &str, label: &str) -> TokenStream {
    let example = docs::example_call(plan, crate_name);
    let crate_doc = inner_doc(&docs::crate_docs(plan, crate_name, label, &example));
    let reexports = ROOT_REEXPORTS.iter().map(|name| ident(name));
    let waiters = (!plan.waiters.is_empty()).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod waiters;
        }
    });
    quote! {
        #crate_doc
        // The generated code is held to the same lints as hand-written code, and more.
        #![warn(missing_docs, unused_qualifications, clippy::pedantic)]

        // Printed by prettyplease and checked by `tc-codegen --check`: rustfmt
        // must leave the generated modules as they are.
        #[rustfmt::skip]
        mod actions;
        #[rustfmt::skip]
        pub mod errors;
        #[rustfmt::skip]
        pub mod models;
        #[rustfmt::skip]
        mod paginators;
        #[doc(hidden)]
        #[rustfmt::skip]
        pub mod registry;
        #waiters

        pub use actions::*;
        #(pub use tc_core::#reexports;)*
    }
}
