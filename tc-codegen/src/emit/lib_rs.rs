//! `lib.rs`: the crate docs, one module per API version (each behind the
//! cargo feature of the same name), the primary version re-exported at the
//! root, and the re-exports that make this crate the only dependency a user
//! needs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::Plan;
use crate::plan::names::ROOT_REEXPORTS;
use crate::render::{ident, inner_doc};

/// `plans` are the service's versions in version order; `primary` indexes the
/// one re-exported at the root.
pub(crate) fn emit(plans: &[Plan], primary: usize, crate_name: &str, label: &str) -> TokenStream {
    let plan = &plans[primary];
    let example = docs::example_call(plan, crate_name);
    let crate_doc = inner_doc(&docs::crate_docs(
        plans, primary, crate_name, label, &example,
    ));
    let reexports = ROOT_REEXPORTS.iter().map(|name| ident(name));
    let modules = plans.iter().map(|p| {
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

        #(pub use tc_core::#reexports;)*
        // After the `tc_core` lines, where rustfmt's ordering puts it.
        #[cfg(feature = #primary_feature)]
        pub use #primary_module::*;
    }
}
