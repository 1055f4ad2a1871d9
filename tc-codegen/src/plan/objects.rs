//! How actions and objects fit together: each action owns its request and
//! response objects, models are shared; which models each action reaches;
//! which members must be boxed because a model holds itself through them.

use std::collections::{BTreeMap, BTreeSet};

use super::fields::{self, Context};
use super::model::{Problems, StructPlan};
use crate::spec::Specs;
use crate::types::Usage;

/// Request and response objects belong to exactly one action each, and every
/// other object is a model.
pub(super) fn check(specs: &Specs, problems: &mut Problems) {
    let schema = &specs.schema;
    let objects = &schema.objects;
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, action) in &schema.actions {
        if let Some(status) = &action.status
            && !matches!(status.as_str(), "online" | "deprecated" | "offline")
        {
            problems.push(format!("{name}: unknown status {status:?}"));
        }
        if action.output != format!("{name}Response") {
            problems.push(format!(
                "{name}: output object {:?} is not {name}Response",
                action.output
            ));
        }
        for object in [&action.input, &action.output] {
            match objects.get(object) {
                None => problems.push(format!("{name}: no object {object:?}")),
                Some(o) if o.usage.is_some() => problems.push(format!(
                    "{name}: {object:?} is a model, not a request or response"
                )),
                Some(_) => {}
            }
            if let Some(other) = owners.insert(object, name) {
                problems.push(format!("{object:?} belongs to both {other} and {name}"));
            }
        }
    }
    for (name, object) in objects {
        if object.usage.is_none() && !owners.contains_key(name.as_str()) {
            problems.push(format!(
                "{name}: neither a model nor any action's input or output"
            ));
        }
        if let Some(usage) = &object.usage
            && !matches!(usage.as_str(), "in" | "out" | "both")
        {
            problems.push(format!("{name}: unknown usage {usage:?}"));
        }
    }
}

/// For each model, the actions whose input and whose output reach it.
pub(super) struct Uses {
    inputs: BTreeMap<String, BTreeSet<String>>,
    outputs: BTreeMap<String, BTreeSet<String>>,
}

pub(super) fn uses(specs: &Specs) -> Uses {
    let mut uses = Uses {
        inputs: BTreeMap::new(),
        outputs: BTreeMap::new(),
    };
    for (name, action) in &specs.schema.actions {
        for model in reachable(specs, &action.input) {
            uses.inputs
                .entry(model.to_owned())
                .or_default()
                .insert(name.clone());
        }
        for model in reachable(specs, &action.output) {
            uses.outputs
                .entry(model.to_owned())
                .or_default()
                .insert(name.clone());
        }
    }
    uses
}

/// The models reachable from one object, through members of any kind.
fn reachable<'a>(specs: &'a Specs, root: &'a str) -> BTreeSet<&'a str> {
    let objects = &specs.schema.objects;
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(name) = stack.pop() {
        for m in objects
            .get(name)
            .map(|o| o.members.as_slice())
            .unwrap_or_default()
        {
            if let Some((model, o)) = objects.get_key_value(&m.member)
                && o.usage.is_some()
                && seen.insert(model.as_str())
            {
                stack.push(model);
            }
        }
    }
    seen
}

/// The `(object, member)` pairs to hold through a `Box`: a model that holds
/// itself, directly or through other models, by single (not list) members would
/// have infinite size. A member is boxed when its model leads back to the
/// holder that way.
pub(super) fn boxed_members(specs: &Specs) -> BTreeSet<(String, String)> {
    let objects = &specs.schema.objects;
    let single = |name: &str| -> Vec<(String, String)> {
        objects
            .get(name)
            .map(|o| o.members.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|m| {
                m.kind == "object" && objects.get(&m.member).is_some_and(|o| o.usage.is_some())
            })
            .map(|m| (m.name.clone(), m.member.clone()))
            .collect()
    };
    let leads_to = |from: &str, target: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(name) = stack.pop() {
            if name == target {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(single(&name).into_iter().map(|(_, model)| model));
            }
        }
        false
    };
    let mut boxed = BTreeSet::new();
    for name in objects.keys() {
        for (member, model) in single(name) {
            if leads_to(&model, name) {
                boxed.insert((name.clone(), member));
            }
        }
    }
    boxed
}

/// Every model, by schema name.
pub(super) fn models(
    context: &Context<'_>,
    mut uses: Uses,
    problems: &mut Problems,
) -> BTreeMap<String, StructPlan> {
    let mut models = BTreeMap::new();
    let objects = &context.specs.schema.objects;
    for (name, object) in objects {
        let Some(declared) = object.usage.as_deref() else {
            continue;
        };
        let ins = uses.inputs.remove(name).unwrap_or_default();
        let outs = uses.outputs.remove(name).unwrap_or_default();
        // The declared usage and the one we see may differ (a model said to be
        // used both ways but only ever returned): take both into account.
        let mut usage = Usage {
            input: matches!(declared, "in" | "both") || !ins.is_empty(),
            output: matches!(declared, "out" | "both") || !outs.is_empty(),
        };
        if !usage.input && !usage.output {
            usage = Usage::BOTH;
        }
        let fields = fields::fields(context, name, &object.members, usage, false, problems);
        models.insert(
            name.clone(),
            StructPlan {
                wire: name.clone(),
                name: context.model_names[name].clone(),
                fields,
                usage,
                in_actions: ins,
                out_actions: outs,
            },
        );
    }
    models
}
