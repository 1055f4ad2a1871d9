//! Each action put together: its request and response structs, its error
//! codes, what the overrides add; and the action the crate docs show.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::{self, Context};
use super::model::{ActionPlan, Problems, Status, StructPlan};
use crate::overrides::Overrides;
use crate::types::Usage;

pub(super) fn plan(
    context: &Context<'_>,
    overrides: &Overrides,
    problems: &mut Problems,
) -> BTreeMap<String, ActionPlan> {
    let specs = context.specs;
    let (schema, errors) = (&specs.schema, &specs.errors);
    check_overrides(context, overrides, problems);
    let mut actions = BTreeMap::new();
    for (name, action) in &schema.actions {
        let (Some(input), Some(output)) = (
            schema.objects.get(&action.input),
            schema.objects.get(&action.output),
        ) else {
            continue;
        };
        let one_way = |wire: &str, usage: Usage, fields| StructPlan {
            wire: wire.to_owned(),
            name: if usage == Usage::INPUT {
                name.clone()
            } else {
                format!("{name}Response")
            },
            fields,
            usage,
            in_actions: BTreeSet::new(),
            out_actions: BTreeSet::new(),
        };
        let request = one_way(
            &action.input,
            Usage::INPUT,
            fields::fields(
                context,
                &action.input,
                &input.members,
                Usage::INPUT,
                false,
                problems,
            ),
        );
        let response = one_way(
            &action.output,
            Usage::OUTPUT,
            fields::fields(
                context,
                &action.output,
                &output.members,
                Usage::OUTPUT,
                true,
                problems,
            ),
        );
        let over = overrides.actions.get(name);
        let listed = errors.by_action.get(name).cloned().unwrap_or_default();
        let codes: BTreeMap<String, Option<String>> = listed
            .into_iter()
            .map(|code| {
                let doc = over.and_then(|o| o.error_docs.get(&code)).cloned();
                (code, doc)
            })
            .collect();
        let status = match action.status.as_deref() {
            Some("deprecated") => Status::Deprecated,
            Some("offline") => Status::Offline,
            _ => Status::Online,
        };
        let paging = super::paging::classify(&request, &response);
        actions.insert(
            name.clone(),
            ActionPlan {
                name: name.clone(),
                status,
                paging,
                request,
                response,
                errors: codes,
                rate_limit: over.and_then(|o| o.rate_limit),
            },
        );
    }
    actions
}

/// Overrides that name what the specs do not have are stale: refused, so that
/// a spec refresh does not silently drop them.
fn check_overrides(context: &Context<'_>, overrides: &Overrides, problems: &mut Problems) {
    let specs = context.specs;
    for (name, o) in &overrides.actions {
        if !specs.schema.actions.contains_key(name) {
            problems.push(format!("overrides: unknown action {name}"));
        }
        if o.rate_limit == Some(0) {
            problems.push(format!(
                "overrides: {name}: a rate limit of 0 means nothing"
            ));
        }
        let listed = specs
            .errors
            .by_action
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for code in o.error_docs.keys() {
            if !listed.contains(code) {
                problems.push(format!(
                    "overrides: {name}: {code:?} is not one of its codes"
                ));
            }
        }
    }
}

/// The action whose call the crate docs show: the overrides' choice, else the
/// first online `Describe`/`List`/`Get` action that needs no parameter, else the
/// first online action with the fewest required parameters.
pub(super) fn doc_example(
    actions: &BTreeMap<String, ActionPlan>,
    overrides: &Overrides,
    problems: &mut Problems,
) -> String {
    if let Some(name) = &overrides.doc_example {
        if !actions.contains_key(name) {
            problems.push(format!(
                "overrides: doc_example names unknown action {name}"
            ));
        }
        return name.clone();
    }
    let required = |a: &ActionPlan| a.request.fields.iter().filter(|f| f.plain).count();
    let reads = |a: &&ActionPlan| {
        ["Describe", "List", "Get"]
            .iter()
            .any(|p| a.name.starts_with(p))
    };
    let online = || actions.values().filter(|a| a.status == Status::Online);
    online()
        .filter(reads)
        .find(|a| required(a) == 0)
        .or_else(|| online().min_by_key(|a| required(a)))
        .or_else(|| actions.values().next())
        .map(|a| a.name.clone())
        .unwrap_or_default()
}
