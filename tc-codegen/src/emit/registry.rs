//! `registry.rs`: a way to walk every action with its types, for the workspace's
//! tests (and tools) to compare the crate against the specs. Generic, so it costs
//! nothing to build until someone calls it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::Doc;
use crate::plan::Plan;
use crate::render::{ident, inner_doc};

pub(crate) fn emit(plan: &Plan) -> TokenStream {
    let file_doc = inner_doc(
        &Doc::default()
            .line("Every action of this crate, reachable with its types. Not a stable API."),
    );
    let count = proc_macro2::Literal::usize_unsuffixed(plan.actions.len());
    let paged = crate::emit::paginators::paged(plan).map(|(name, style)| {
        let style = format!("{style:?}").to_lowercase();
        quote!((#name, #style))
    });
    let unclassified =
        crate::emit::paginators::unclassified(plan).map(|(name, why)| quote!((#name, #why)));
    let visits = plan.actions.values().map(|a| {
        let request = ident(&a.request.name);
        quote!(visitor.visit::<super::#request>();)
    });
    quote! {
        #file_doc

        /// Something that wants to see each action's types, one action at a time.
        pub trait ActionVisitor {
            /// Called once for each action, in name order.
            fn visit<A>(&mut self)
            where
                A: ::tc_core::Action
                    + ::tc_core::__private::serde::de::DeserializeOwned
                    + ::core::fmt::Debug
                    + ::core::cmp::PartialEq,
                A::Output: ::tc_core::__private::serde::Serialize + ::core::fmt::Debug + ::core::cmp::PartialEq;
        }

        /// The actions that implement `Paginate`, with how they page
        /// (`offset`, `page` or `token`).
        pub const PAGED_ACTIONS: &[(&str, &str)] = &[#(#paged),*];

        /// The actions with paging members whose pattern was not recognised, and why.
        pub const UNCLASSIFIED_PAGING: &[(&str, &str)] = &[#(#unclassified),*];

        /// How many actions [`visit_actions`] walks.
        pub const ACTION_COUNT: usize = #count;

        /// Calls `visitor` once for each action, in name order.
        #[allow(clippy::too_many_lines, deprecated)] // one line per action, offline ones too
        pub fn visit_actions<V: ActionVisitor>(visitor: &mut V) {
            #(#visits)*
        }
    }
}
