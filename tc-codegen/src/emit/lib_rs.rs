//! `lib.rs`: the crate docs, one module per API version (each behind the
//! cargo feature of the same name), the primary version re-exported at the
//! root, and the re-exports that make this crate the only dependency a user
//! needs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::ServicePlan;
use crate::plan::names::ROOT_REEXPORTS;
use crate::render::{ident, inner_doc};

pub(crate) fn emit(service: &ServicePlan, label: &str) -> TokenStream {
    let plan = service.main();
    let example = docs::example_call(plan, &service.name);
    let crate_doc = inner_doc(&docs::crate_docs(service, label, &example));
    let reexports = ROOT_REEXPORTS.iter().map(|name| ident(name));
    let modules = service.versions.iter().map(|p| {
        let module = ident(&p.module);
        let feature = &p.module;
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    let primary_module = ident(&plan.module);
    let primary_feature = &plan.module;
    quote! {
        #crate_doc
        // The generated code is held to the same lints as hand-written code, and more.
        #![warn(missing_docs, unused_qualifications, clippy::pedantic)]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        #(#modules)*

        // Links to tc-core's pages rather than a copy of each in every crate
        // (as printed by prettyplease, which packs the list unlike rustfmt).
        #[doc(no_inline)]
        #[rustfmt::skip]
        pub use tc_core::{#(#reexports),*};
        // After the `tc_core` line, where rustfmt's ordering puts it.
        #[cfg(feature = #primary_feature)]
        pub use #primary_module::*;
    }
}
