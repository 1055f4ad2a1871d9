//! `errors.rs`: one `#[tc_error]` enum with every code of the service, and per
//! action that documents codes, an alias of it named after the action whose
//! docs list those codes.
//!
//! One enum rather than one per action: the per-action enums repeated each code
//! in every action that documents it (4,265 variants for VPC's 530 codes) and
//! were a fifth of the crate's build time, while the type gave nothing the
//! docs do not (the enums are `#[non_exhaustive]`, so no match was exhaustive).

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Doc};
use crate::plan::Plan;
use crate::render::{doc, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&docs::errors_module(plan));
    let all_name = ident(&plan.all_codes_enum);
    let per_action = plan.actions.values().filter_map(|a| {
        let name = ident(a.error_enum.as_ref()?);
        let alias_doc = doc(&docs::error_alias(plan, a));
        Some(quote! {
            #alias_doc
            pub type #name = #all_name;
        })
    });
    let all_doc = doc(&docs::all_codes_enum(plan));
    let all_variants = plan
        .codes
        .iter()
        .map(|(code, c)| variant(plan, code, &docs::all_codes_variant(plan, code, c)));
    quote! {
        #file_doc
        use ::tc_core::tc_error;
        #(#per_action)*

        #all_doc
        #[tc_error]
        #[non_exhaustive]
        pub enum #all_name {
            #(#all_variants)*
        }
    }
}

fn variant(plan: &Plan, code: &str, lines: &Doc) -> TokenStream {
    let doc = doc(lines);
    // The plan gave every code a variant; a missing one is a bug here.
    let name = ident(&plan.codes[code].variant);
    quote! {
        #doc
        #[tc(code = #code)]
        #name,
    }
}
