//! `errors.rs`: one `#[tc_error]` enum per action with the codes it documents,
//! and one enum with every code of the service.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::plan::{ALL_CODES_ENUM, Plan};
use crate::render::{doc, ident, inner_doc};

pub fn emit(plan: &Plan) -> TokenStream {
    let (service, version) = (&plan.service, &plan.version);
    let file_doc = inner_doc(&[format!(
        "Error codes of {} API {}: per action, and all together in [`{ALL_CODES_ENUM}`].",
        service.to_uppercase(),
        version
    )]);
    let per_action = plan.actions.values().filter_map(|a| {
        let name = ident(a.error_enum.as_ref()?);
        let enum_doc = doc(&docs::error_enum(a, service, version));
        let variants = a
            .errors
            .iter()
            .map(|(code, ours)| variant(plan, code, &docs::error_variant(code, ours.as_deref())));
        Some(quote! {
            #enum_doc
            #[tc_error]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        })
    });
    let all_doc = doc(&docs::all_codes_enum(plan.codes.len(), service, version));
    let all_name = ident(ALL_CODES_ENUM);
    let all_variants = plan
        .codes
        .iter()
        .map(|(code, c)| variant(plan, code, &docs::all_codes_variant(code, c)));
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

fn variant(plan: &Plan, code: &str, lines: &[String]) -> TokenStream {
    let doc = doc(lines);
    // The plan gave every code a variant; a missing one is a bug here.
    let name = ident(&plan.codes[code].variant);
    quote! {
        #doc
        #[tc(code = #code)]
        #name,
    }
}
