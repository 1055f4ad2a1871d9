//! The plan's types: what the steps fill in and the emitters read. They sit
//! below every step, so the steps and `plan()` depend on them and not on
//! each other's modules.

use std::collections::{BTreeMap, BTreeSet};

use crate::types::{Scalar, Ty, Usage};

pub(crate) struct Plan {
    pub service: String,
    pub version: String,
    /// The module this version lives in (`v2017_03_12`), also its cargo feature.
    pub module: String,
    /// The product's name for docs (`Cloud Virtual Machine`).
    pub title: String,
    /// The product's name as Tencent Cloud gives it (`云服务器`), when the
    /// specs have it.
    pub product: Option<String>,
    /// The enum holding every code of the service (`CvmErrorCode`).
    pub all_codes_enum: String,
    /// The action the crate docs show a call of.
    pub doc_example: String,
    /// By action name.
    pub actions: BTreeMap<String, ActionPlan>,
    /// By schema object name.
    pub models: BTreeMap<String, StructPlan>,
    /// Every code, by wire code.
    pub codes: BTreeMap<String, CodePlan>,
    /// Named waiters, in name order.
    pub waiters: Vec<WaiterPlan>,
}

/// Whether the service still serves an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    Online,
    /// Still served, but the service asks callers to move on.
    Deprecated,
    /// No longer served.
    Offline,
}

pub(crate) struct ActionPlan {
    pub name: String,
    pub status: Status,
    pub request: StructPlan,
    pub response: StructPlan,
    /// Wire code and our own words for it, if the overrides give any; empty
    /// when the action documents no codes of its own.
    pub errors: BTreeMap<String, Option<String>>,
    pub rate_limit: Option<u32>,
    /// How the action pages, if it does.
    pub paging: Paging,
}

pub(crate) struct StructPlan {
    /// The schema object's name.
    pub wire: String,
    /// The Rust type name.
    pub name: String,
    pub fields: Vec<FieldPlan>,
    pub usage: Usage,
    /// For models: the actions whose input reaches it.
    pub in_actions: BTreeSet<String>,
    /// For models: the actions whose output reaches it.
    pub out_actions: BTreeSet<String>,
}

pub(crate) struct FieldPlan {
    pub wire: String,
    pub ident: String,
    pub rename: Option<String>,
    /// Objects are named by their Rust type name.
    pub ty: Ty,
    /// Plain `T` rather than `Option<T>`.
    pub plain: bool,
    /// Held through a `Box`: the model holds itself through this member.
    pub boxed: bool,
    /// The spec requires it in requests (and it is not disabled).
    pub input_required: bool,
    /// The spec says the service always sends it, never `null` (and it is not disabled).
    pub output_always: bool,
    pub deprecated: bool,
    /// The response's `RequestId`.
    pub request_id: bool,
    /// The spec's example value, when it fits the type (as JSON for lists).
    pub example: Option<String>,
}

pub(crate) struct CodePlan {
    pub variant: String,
    /// The actions documenting this code.
    pub actions: BTreeSet<String>,
}

/// Gathers every problem found, so one run reports them all.
#[derive(Default)]
pub(crate) struct Problems(pub(super) Vec<String>);

impl Problems {
    pub(crate) fn push(&mut self, problem: String) {
        self.0.push(problem);
    }

    pub(crate) fn check<T>(&mut self, result: Result<T, String>, context: &str) -> Option<T> {
        result
            .map_err(|e| self.push(format!("{context}: {e}")))
            .ok()
    }
}

/// How one action pages.
pub(crate) enum Paging {
    /// Not a list action: no paging members.
    None,
    /// A recognised pattern.
    Paged(PagingPlan),
    /// Paging members, but no unambiguous pattern: why.
    Unclassified(String),
}

/// Which members keep the place, the size and the items.
pub(crate) struct PagingPlan {
    pub style: Style,
    /// The request's offset, page number or token field.
    pub position: String,
    /// The request's page-size field.
    pub size: Option<String>,
    /// The answer's total-count field.
    pub total: Option<String>,
    /// The answer's list field.
    pub list: String,
    /// The list's element type.
    pub item: Scalar,
    /// For the token style: the answer's field holding the next token.
    pub next_token: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Offset,
    Page,
    Token,
}

pub(crate) struct WaiterPlan {
    /// The function's name.
    pub name: String,
    /// The action repeated.
    pub action: String,
    pub form: Form,
    /// The state member's wire name, for the docs.
    pub state_wire: String,
    pub ready: Vec<String>,
    pub failed: Vec<String>,
}

pub(crate) enum Form {
    /// Every resource in a list must reach the state.
    List {
        /// The request's id list field, and whether it is plain.
        ids: String,
        ids_plain: bool,
        /// The request's page-size field, set to the number of ids.
        limit: Option<String>,
        /// The answer's list field, each resource's id and state fields.
        list: String,
        id: String,
        state: String,
        /// `Pending`, `Ready` or `Failed`.
        missing: &'static str,
    },
    /// One value of the answer.
    One {
        /// The request field the argument goes to, and whether it is plain.
        input: String,
        input_plain: bool,
        state: String,
    },
}
