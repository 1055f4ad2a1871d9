//! Everything the emitters need, decided and checked in one place: Rust names,
//! types, optionality, which actions use which model, and the error codes.
//!
//! One step per module: `objects` checks how actions and objects fit together
//! and which models each action reaches, `names` gives every type its Rust
//! name, `fields` decides each member's field, `codes` names the error codes,
//! `actions` puts each action together. What the specs leave open is decided
//! by a fixed rule, so that any service version generates; what contradicts
//! itself (a dangling reference, an unknown type, a stale override) is a
//! problem, collected with the others so that one run reports them all.
//!
//! `disabled` members: we keep them, as `Option<T>` marked `#[deprecated]`. The
//! spec still lists them and the service may still send them (the examples of
//! `DescribeInstances` do), so dropping them would lose data; the deprecation
//! warning tells anyone who sets or reads one that it is on its way out.

mod actions;
mod codes;
mod fields;
pub(crate) mod names;
mod objects;
pub(crate) mod paging;
pub(crate) mod waiters;

use std::collections::{BTreeMap, BTreeSet};

use crate::overrides::Overrides;
use crate::spec::Specs;
use crate::types::{Ty, Usage};

pub(crate) struct Plan {
    pub service: String,
    pub version: String,
    /// The product's name for docs (`Cloud Virtual Machine`).
    pub title: String,
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
    pub waiters: Vec<waiters::WaiterPlan>,
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
    /// `None` when the action documents no codes of its own.
    pub error_enum: Option<String>,
    /// Wire code and our own words for it, if the overrides give any.
    pub errors: BTreeMap<String, Option<String>>,
    pub rate_limit: Option<u32>,
    /// How the action pages, if it does.
    pub paging: paging::Paging,
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
pub(crate) struct Problems(Vec<String>);

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

pub(crate) fn plan(specs: &Specs, overrides: &Overrides) -> Result<Plan, Vec<String>> {
    let mut problems = Problems::default();
    let schema = &specs.schema;
    objects::check(specs, &mut problems);
    let model_names = names::model_names(specs);
    let uses = objects::uses(specs);
    let boxed = objects::boxed_members(specs);
    let context = fields::Context {
        specs,
        model_names: &model_names,
        boxed: &boxed,
    };
    let models = objects::models(&context, uses, &mut problems);
    let codes = codes::plan(specs, overrides, &mut problems);
    let actions = actions::plan(&context, overrides, &mut problems);
    let all_codes_enum = format!(
        "{}ErrorCode",
        tc_macros_impl::naming::upper_first(&schema.service)
    );
    names::check_unique(&actions, &models, &all_codes_enum, &mut problems);
    let doc_example = actions::doc_example(&actions, overrides, &mut problems);
    let waiters = waiters::plan(specs, overrides, &actions, &models, &mut problems);

    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    Ok(Plan {
        service: schema.service.clone(),
        version: schema.version.clone(),
        title: overrides
            .title
            .clone()
            .unwrap_or_else(|| schema.service.to_uppercase()),
        all_codes_enum,
        doc_example,
        actions,
        models,
        codes,
        waiters,
    })
}

#[cfg(test)]
mod tests;
