//! Named waiters, declared in the overrides and checked against the spec: the
//! action exists, the members named exist with the right shapes, and at least
//! one of the states that end the wait appears in the service's examples (or
//! as the member's example value), so that the values are the service's own.
//! (A waiter for resources to go away, `missing: ready`, is done when they are
//! no longer listed, whatever its states. A spec without `examples.json`, as in
//! the catalog, skips the check of states.)

use super::model::{ActionPlan, FieldPlan, Problems, StructPlan};
pub(crate) use super::model::{Form, WaiterPlan};
use crate::overrides::{Overrides, WaiterOverride};
use crate::spec::Specs;
use crate::types::{Scalar, Ty};

pub(crate) fn plan(
    specs: &Specs,
    overrides: &Overrides,
    actions: &std::collections::BTreeMap<String, ActionPlan>,
    models: &std::collections::BTreeMap<String, StructPlan>,
    problems: &mut Problems,
) -> Vec<WaiterPlan> {
    let mut waiters = Vec::new();
    for (name, w) in &overrides.waiters {
        let context = format!("overrides: waiter {name}");
        match one(specs, name, w, actions, models) {
            Ok(plan) => waiters.push(plan),
            Err(e) => problems.push(format!("{context}: {e}")),
        }
    }
    waiters
}

fn field<'a>(s: &'a StructPlan, wire: &str) -> Result<&'a FieldPlan, String> {
    s.fields
        .iter()
        .find(|f| f.wire == wire)
        .ok_or_else(|| format!("`{}` has no member `{wire}`", s.wire))
}

fn one(
    specs: &Specs,
    name: &str,
    w: &WaiterOverride,
    actions: &std::collections::BTreeMap<String, ActionPlan>,
    models: &std::collections::BTreeMap<String, StructPlan>,
) -> Result<WaiterPlan, String> {
    if !tc_macros_impl::naming::snake_case(name).eq(name) {
        return Err("the name must be snake_case".to_owned());
    }
    let action = actions
        .get(&w.action)
        .ok_or_else(|| format!("unknown action {}", w.action))?;
    if w.ready.is_empty() {
        return Err("no ready state".to_owned());
    }
    let (form, state_field) = match (&w.ids, &w.list, &w.id, &w.input) {
        (Some(ids), Some(list), Some(id), None) => {
            let ids = field(&action.request, ids)?;
            if ids.ty != Ty::List(Scalar::String) {
                return Err(format!("`{}` is not a list of strings", ids.wire));
            }
            let list = field(&action.response, list)?;
            let Ty::List(Scalar::Object(model)) = &list.ty else {
                return Err(format!("`{}` is not a list of objects", list.wire));
            };
            let model = models
                .values()
                .find(|m| &m.name == model)
                .ok_or_else(|| format!("no model {model}"))?;
            let id = field(model, id)?;
            let state = field(model, &w.state)?;
            let missing = match w.missing.as_deref() {
                Some("pending") | None => "Pending",
                Some("ready") => "Ready",
                Some("failed") => "Failed",
                Some(other) => {
                    return Err(format!(
                        "missing must be pending, ready or failed, not {other:?}"
                    ));
                }
            };
            let limit = action
                .request
                .fields
                .iter()
                .find(|f| f.wire == "Limit")
                .map(|f| f.ident.clone());
            let form = Form::List {
                ids: ids.ident.clone(),
                ids_plain: ids.plain,
                limit,
                list: list.ident.clone(),
                id: id.ident.clone(),
                state: state.ident.clone(),
                missing,
            };
            (form, state)
        }
        (None, None, None, Some(input)) => {
            let input = field(&action.request, input)?;
            if input.ty != Ty::One(Scalar::String) {
                return Err(format!("`{}` is not a string", input.wire));
            }
            let state = field(&action.response, &w.state)?;
            let form = Form::One {
                input: input.ident.clone(),
                input_plain: input.plain,
                state: state.ident.clone(),
            };
            (form, state)
        }
        _ => return Err("give either ids, list and id, or input".to_owned()),
    };
    if !matches!(
        state_field.ty,
        Ty::One(Scalar::String | Scalar::I64 | Scalar::U64)
    ) {
        return Err(format!(
            "`{}` is not a string or a whole number",
            state_field.wire
        ));
    }
    let seen = |value: &str| {
        state_field
            .example
            .as_deref()
            .is_some_and(|e| e.trim_matches('"') == value)
            || specs.examples.values().flatten().any(|e| {
                e.response
                    .contains(&format!("\"{}\": \"{value}\"", w.state))
                    || e.response.contains(&format!("\"{}\": {value}", w.state))
            })
    };
    let gone_is_done = w.missing.as_deref() == Some("ready");
    // A spec without examples (the catalog's) cannot show any state; the
    // shipped copy under specs/ has them and is checked.
    let checkable = !specs.examples.is_empty();
    if checkable && !gone_is_done && !w.ready.iter().any(|v| seen(v)) {
        return Err(format!(
            "none of the ready states {:?} appears in the service's examples",
            w.ready
        ));
    }
    Ok(WaiterPlan {
        name: name.to_owned(),
        action: action.name.clone(),
        form,
        state_wire: state_field.wire.clone(),
        ready: w.ready.clone(),
        failed: w.failed.clone(),
    })
}
