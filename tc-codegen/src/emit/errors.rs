//! `errors.rs`: one `#[tc_error]` enum with every code of the service; each
//! action's docs list the codes it documents.
//!
//! One enum rather than one per action: the per-action enums repeated each code
//! in every action that documents it (4,265 variants for VPC's 530 codes) and
//! were a fifth of the crate's build time, while the type gave nothing the
//! docs do not (the enums are `#[non_exhaustive]`, so no match was exhaustive).
//! Nor an alias per action: rustdoc renders the whole enum on an alias's page,
//! which made 448 copies of VPC's 530 codes (220 MB of its 284 MB of docs).

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{self, Doc};
use crate::plan::Plan;
use crate::render::{doc, ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(&docs::errors_module(plan));
    let all_name = ident(&plan.all_codes_enum);
    let all_doc = doc(&docs::all_codes_enum(plan));
    let all_variants = plan
        .codes
        .iter()
        .map(|(code, c)| variant(plan, code, &docs::all_codes_variant(plan, code, c)));
    quote! {
        #file_doc
        use ::tc_core::tc_error;

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
