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
mod model;
pub(crate) mod names;
mod objects;
pub(crate) mod paging;
pub(crate) mod waiters;

pub(crate) use model::{ActionPlan, CodePlan, FieldPlan, Plan, Problems, Status, StructPlan};

use crate::overrides::Overrides;
use crate::spec::Specs;

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
    names::check_unique(&actions, &models, &mut problems);
    let doc_example = actions::doc_example(&actions, overrides, &mut problems);
    let waiters = waiters::plan(specs, overrides, &actions, &models, &mut problems);

    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    Ok(Plan {
        service: schema.service.clone(),
        version: schema.version.clone(),
        module: format!("v{}", schema.version.replace('-', "_")),
        title: overrides
            .title
            .clone()
            .unwrap_or_else(|| schema.service.to_uppercase()),
        product: schema.product.clone(),
        all_codes_enum,
        doc_example,
        actions,
        models,
        codes,
        waiters,
    })
}

/// One service's crate: its versions, and the one its root re-exports.
pub(crate) struct ServicePlan {
    /// `tc-vpc`.
    pub name: String,
    /// Its directory, relative to the workspace root (`services/tc-vpc`).
    pub dir: String,
    /// Its versions, in version order.
    pub versions: Vec<Plan>,
    /// Which of `versions` the crate root re-exports: the one with the most
    /// actions (a service's versions are usually different sets of actions,
    /// not replacements), the newest of those on a tie.
    pub primary: usize,
}

impl ServicePlan {
    pub(crate) fn new(name: String, dir: String, versions: Vec<Plan>) -> Self {
        let primary = versions
            .iter()
            .enumerate()
            .max_by(|(_, a), (_, b)| {
                a.actions
                    .len()
                    .cmp(&b.actions.len())
                    .then_with(|| a.version.cmp(&b.version))
            })
            .map_or(0, |(i, _)| i);
        ServicePlan {
            name,
            dir,
            versions,
            primary,
        }
    }

    /// The package name users add (`tcapi-vpc`): the registry's `tc-` names
    /// are taken, so packages carry the `tcapi-` prefix (see the README's
    /// "Package names").
    pub(crate) fn package(&self) -> String {
        format!("tcapi-{}", self.name.trim_start_matches("tc-"))
    }

    /// The library name code uses (`tc_vpc`), kept whatever the package is
    /// called.
    pub(crate) fn lib(&self) -> String {
        self.name.replace('-', "_")
    }

    /// The version the crate root re-exports.
    pub(crate) fn main(&self) -> &Plan {
        &self.versions[self.primary]
    }

    /// The spec directory of `version`: named after the crate's service,
    /// which is not always the service the schema signs for (`autoscaling`
    /// signs as `as`).
    pub(crate) fn spec_dir(&self, version: &Plan) -> String {
        format!(
            "{}-{}",
            self.name.trim_start_matches("tc-"),
            version.version
        )
    }
}

#[cfg(test)]
mod tests;
