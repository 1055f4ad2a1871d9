//! Everything the emitters need, decided and checked in one place: Rust names,
//! types, optionality, which actions use which model, and the error codes.
//!
//! Any surprise in the specs (an unknown type, a name collision, a dangling
//! reference, a stale override) is an error here, collected with the others so
//! that one run reports them all.
//!
//! `disabled` members: we keep them, as `Option<T>` marked `#[deprecated]`. The
//! spec still lists them and the service may still send them (the examples of
//! `DescribeInstances` do), so dropping them would lose data; the deprecation
//! warning tells anyone who sets or reads one that it is on its way out.

use std::collections::{BTreeMap, BTreeSet};

use crate::naming;
use crate::overrides::Overrides;
use crate::spec::{MemberSpec, Specs};
use crate::types::{self, Ty, Usage};

/// The name of the enum holding every code of the service.
pub const ALL_CODES_ENUM: &str = "CvmErrorCode";

/// Names the generated files use from the prelude or `tc_core`; no generated type
/// may take one of them.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Action",
    "Bool",
    "Box",
    "Clone",
    "CommonCode",
    "Debug",
    "Default",
    "Err",
    "ErrorCode",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
];

pub struct Plan {
    pub service: String,
    pub version: String,
    pub actions: BTreeMap<String, ActionPlan>,
    pub models: BTreeMap<String, StructPlan>,
    /// Every code, by wire code.
    pub codes: BTreeMap<String, CodePlan>,
}

pub struct ActionPlan {
    pub name: String,
    pub request: StructPlan,
    pub response: StructPlan,
    /// `None` when the action documents no codes of its own.
    pub error_enum: Option<String>,
    /// Wire code and our own words for it, if the overrides give any.
    pub errors: BTreeMap<String, Option<String>>,
    pub rate_limit: Option<u32>,
}

pub struct StructPlan {
    /// The Rust type name.
    pub name: String,
    pub fields: Vec<FieldPlan>,
    pub usage: Usage,
    /// For models: the actions whose input reaches it.
    pub in_actions: BTreeSet<String>,
    /// For models: the actions whose output reaches it.
    pub out_actions: BTreeSet<String>,
}

pub struct FieldPlan {
    pub wire: String,
    pub ident: String,
    pub rename: Option<String>,
    pub ty: Ty,
    /// Plain `T` rather than `Option<T>`.
    pub plain: bool,
    /// The spec requires it in requests (and it is not disabled).
    pub input_required: bool,
    /// The spec says the service always sends it, never `null` (and it is not disabled).
    pub output_always: bool,
    pub deprecated: bool,
    /// The response's `RequestId`.
    pub request_id: bool,
    pub example: Option<String>,
}

pub struct CodePlan {
    pub variant: String,
    /// The actions documenting this code.
    pub actions: BTreeSet<String>,
}

/// Gathers every problem found, so one run reports them all.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, problem: String) {
        self.0.push(problem);
    }
    fn check<T>(&mut self, result: Result<T, String>, context: &str) -> Option<T> {
        result
            .map_err(|e| self.push(format!("{context}: {e}")))
            .ok()
    }
}

pub fn plan(specs: &Specs, overrides: &Overrides) -> Result<Plan, Vec<String>> {
    let mut problems = Problems::default();
    let schema = &specs.schema;
    let objects = &schema.objects;

    // Request and response objects belong to exactly one action each.
    let mut owners: BTreeMap<&str, &str> = BTreeMap::new();
    for (name, action) in &schema.actions {
        if action.status != "online" {
            problems.push(format!("{name}: unknown status {:?}", action.status));
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
    }

    // Which models each action reaches, each way.
    let mut in_actions: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut out_actions: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, action) in &schema.actions {
        for model in reachable(specs, &action.input) {
            in_actions.entry(model).or_default().insert(name.clone());
        }
        for model in reachable(specs, &action.output) {
            out_actions.entry(model).or_default().insert(name.clone());
        }
    }

    let mut models = BTreeMap::new();
    for (name, object) in objects.iter().filter(|(_, o)| o.usage.is_some()) {
        let declared = object.usage.as_deref().unwrap_or_default();
        if !matches!(declared, "in" | "out" | "both") {
            problems.push(format!("{name}: unknown usage {declared:?}"));
        }
        let ins = in_actions.remove(name.as_str()).unwrap_or_default();
        let outs = out_actions.remove(name.as_str()).unwrap_or_default();
        // The declared usage and the one we see may differ (a model said to be
        // used both ways but only ever returned): take both into account.
        let mut usage = Usage {
            input: matches!(declared, "in" | "both") || !ins.is_empty(),
            output: matches!(declared, "out" | "both") || !outs.is_empty(),
        };
        if !usage.input && !usage.output {
            usage = Usage::BOTH;
        }
        if !naming::is_type_ident(name) {
            problems.push(format!("model {name:?} is not a usable type name"));
        }
        let fields = fields(specs, name, &object.members, usage, false, &mut problems);
        models.insert(
            name.clone(),
            StructPlan {
                name: name.clone(),
                fields,
                usage,
                in_actions: ins,
                out_actions: outs,
            },
        );
    }
    check_no_cycles(&models, &mut problems);

    // Error codes: every code gets one variant name, used in every enum.
    let errors = &specs.errors;
    let all: BTreeSet<&String> = errors.all_codes.iter().collect();
    if all.len() != errors.all_codes.len() {
        problems.push("errors.json: all_codes lists a code twice".to_owned());
    }
    for (code, variant) in &overrides.error_variants {
        if !all.contains(code) {
            problems.push(format!(
                "overrides.json: error_variants names unknown code {code:?}"
            ));
        }
        if !naming::is_type_ident(variant) {
            problems.push(format!(
                "overrides.json: {variant:?} is not a usable variant name"
            ));
        }
    }
    let mut codes: BTreeMap<String, CodePlan> = BTreeMap::new();
    let mut by_variant: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for code in &all {
        let variant = match overrides.error_variants.get(*code) {
            Some(v) => Some(v.clone()),
            None => problems.check(naming::error_variant(code), "errors.json"),
        };
        if let Some(variant) = variant {
            by_variant.entry(variant.clone()).or_default().push(code);
            codes.insert(
                (*code).clone(),
                CodePlan {
                    variant,
                    actions: BTreeSet::new(),
                },
            );
        }
    }
    for (variant, codes) in &by_variant {
        if codes.len() > 1 {
            problems.push(format!(
                "error codes {codes:?} would all be variant {variant}: name them in overrides.json's error_variants"
            ));
        }
    }
    for (action, list) in &errors.by_action {
        if !schema.actions.contains_key(action) {
            problems.push(format!(
                "errors.json: by_action names unknown action {action}"
            ));
        }
        for code in list {
            match codes.get_mut(code) {
                Some(plan) => {
                    plan.actions.insert(action.clone());
                }
                None => problems.push(format!(
                    "errors.json: {action} lists {code:?}, missing from all_codes"
                )),
            }
        }
    }

    for (name, o) in &overrides.actions {
        if !schema.actions.contains_key(name) {
            problems.push(format!("overrides.json: unknown action {name}"));
        }
        if o.rate_limit == Some(0) {
            problems.push(format!(
                "overrides.json: {name}: a rate limit of 0 means nothing"
            ));
        }
        let listed = errors
            .by_action
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for code in o.error_docs.keys() {
            if !listed.contains(code) {
                problems.push(format!(
                    "overrides.json: {name}: {code:?} is not one of its codes"
                ));
            }
        }
    }

    let mut actions = BTreeMap::new();
    for (name, action) in &schema.actions {
        let (Some(input), Some(output)) = (objects.get(&action.input), objects.get(&action.output))
        else {
            continue;
        };
        let request = StructPlan {
            name: name.clone(),
            fields: fields(
                specs,
                &action.input,
                &input.members,
                Usage::INPUT,
                false,
                &mut problems,
            ),
            usage: Usage::INPUT,
            in_actions: BTreeSet::new(),
            out_actions: BTreeSet::new(),
        };
        let response = StructPlan {
            name: action.output.clone(),
            fields: fields(
                specs,
                &action.output,
                &output.members,
                Usage::OUTPUT,
                true,
                &mut problems,
            ),
            usage: Usage::OUTPUT,
            in_actions: BTreeSet::new(),
            out_actions: BTreeSet::new(),
        };
        let over = overrides.actions.get(name);
        let listed = errors.by_action.get(name).cloned().unwrap_or_default();
        let errors: BTreeMap<String, Option<String>> = listed
            .into_iter()
            .map(|code| {
                let doc = over.and_then(|o| o.error_docs.get(&code)).cloned();
                (code, doc)
            })
            .collect();
        actions.insert(
            name.clone(),
            ActionPlan {
                name: name.clone(),
                request,
                response,
                error_enum: (!errors.is_empty()).then(|| format!("{name}Error")),
                errors,
                rate_limit: over.and_then(|o| o.rate_limit),
            },
        );
    }

    // Every type name is unique and none shadows what the generated code uses.
    let mut type_names: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |type_name: &str, what: String, problems: &mut Problems| {
        if RESERVED_TYPE_NAMES.contains(&type_name) {
            problems.push(format!(
                "{what} would be named {type_name}, a name the generated code needs"
            ));
        }
        if let Some(earlier) = type_names.insert(type_name.to_owned(), what.clone()) {
            problems.push(format!(
                "{earlier} and {what} would both be named {type_name}"
            ));
        }
    };
    claim(
        ALL_CODES_ENUM,
        "the enum of all codes".to_owned(),
        &mut problems,
    );
    for a in actions.values() {
        claim(
            &a.request.name,
            format!("the request of {}", a.name),
            &mut problems,
        );
        claim(
            &a.response.name,
            format!("the response of {}", a.name),
            &mut problems,
        );
        if let Some(e) = &a.error_enum {
            claim(e, format!("the error enum of {}", a.name), &mut problems);
        }
    }
    for m in models.keys() {
        claim(m, format!("model {m}"), &mut problems);
    }

    if problems.0.is_empty() {
        Ok(Plan {
            service: schema.service.clone(),
            version: schema.version.clone(),
            actions,
            models,
            codes,
        })
    } else {
        Err(problems.0)
    }
}

/// The fields of one struct, in the spec's order.
fn fields(
    specs: &Specs,
    owner: &str,
    members: &[MemberSpec],
    usage: Usage,
    response: bool,
    problems: &mut Problems,
) -> Vec<FieldPlan> {
    let objects = &specs.schema.objects;
    let is_model = |name: &str| objects.get(name).is_some_and(|o| o.usage.is_some());
    let mut out = Vec::new();
    let mut idents = BTreeSet::new();
    let mut saw_request_id = false;
    for m in members {
        let context = format!("{owner}.{}", m.name);
        let Some(ty) = problems.check(types::resolve(m, is_model), &context) else {
            continue;
        };
        let Some(name) = problems.check(naming::field_name(&m.name), &context) else {
            continue;
        };
        if !idents.insert(name.ident.clone()) {
            problems.push(format!(
                "{context}: field name {} is taken twice",
                name.ident
            ));
        }
        let request_id = response && m.name == "RequestId";
        if request_id {
            saw_request_id = true;
            if ty != Ty::One(types::Scalar::String) {
                problems.push(format!("{context}: RequestId is not a string"));
            }
        }
        out.push(FieldPlan {
            wire: m.name.clone(),
            ident: name.ident,
            rename: name.rename,
            ty,
            plain: request_id || types::is_plain(m, usage),
            input_required: types::is_plain(m, Usage::INPUT),
            output_always: types::is_plain(m, Usage::OUTPUT),
            deprecated: m.disabled == Some(true),
            request_id,
            example: m.example.as_deref().and_then(doc_example),
        });
    }
    if response && !saw_request_id {
        problems.push(format!("{owner}: no RequestId"));
    }
    out
}

/// An example value short and plain enough to quote in a doc comment.
fn doc_example(example: &str) -> Option<String> {
    let example = example.trim();
    let fits = !example.is_empty()
        && example.chars().count() <= 60
        && !example.contains('`')
        && !example.chars().any(char::is_control);
    fits.then(|| example.to_owned())
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

/// A model holding itself through plain or `Option` members (not through a list)
/// would have infinite size; the specs have none, and we want to know if one comes.
fn check_no_cycles(models: &BTreeMap<String, StructPlan>, problems: &mut Problems) {
    fn visit<'a>(
        models: &'a BTreeMap<String, StructPlan>,
        name: &'a str,
        path: &mut Vec<&'a str>,
        problems: &mut Problems,
    ) {
        if path.contains(&name) {
            problems.push(format!(
                "models hold each other directly: {} -> {name}",
                path.join(" -> ")
            ));
            return;
        }
        path.push(name);
        for f in models
            .get(name)
            .map(|m| m.fields.as_slice())
            .unwrap_or_default()
        {
            if let Ty::One(types::Scalar::Object(inner)) = &f.ty {
                visit(models, inner, path, problems);
            }
        }
        path.pop();
    }
    for name in models.keys() {
        visit(models, name, &mut Vec::new(), problems);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Errors, Schema};

    fn specs(schema: serde_json::Value, errors: serde_json::Value) -> Specs {
        Specs {
            schema: serde_json::from_value::<Schema>(schema).unwrap(),
            errors: serde_json::from_value::<Errors>(errors).unwrap(),
        }
    }

    fn one_action(members: serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "service": "cvm", "version": "2017-03-12", "endpoint": "cvm.tencentcloudapi.com",
            "actions": {"DoIt": {"input": "DoItRequest", "output": "DoItResponse", "status": "online"}},
            "objects": {
                "DoItRequest": {"members": members},
                "DoItResponse": {"members": [{"name": "RequestId", "type": "string", "member": "string"}]}
            }
        })
    }

    #[test]
    fn colliding_code_names_need_an_override() {
        let codes = serde_json::json!({
            "all_codes": ["A.BC", "AB.C"],
            "by_action": {"DoIt": ["A.BC", "AB.C"]}
        });
        let specs = specs(one_action(serde_json::json!([])), codes);
        let problems = plan(&specs, &Overrides::default()).err().unwrap();
        assert!(
            problems[0].contains("would all be variant ABC"),
            "{problems:?}"
        );

        let mut overrides = Overrides::default();
        overrides
            .error_variants
            .insert("A.BC".into(), "ADotBC".into());
        let plan = plan(&specs, &overrides).ok().unwrap();
        assert_eq!(plan.codes["A.BC"].variant, "ADotBC");
        assert_eq!(plan.codes["AB.C"].variant, "ABC");
    }

    #[test]
    fn unknown_and_contradictory_types_are_refused() {
        let members = serde_json::json!([
            {"name": "Count", "type": "int", "member": "string", "required": true},
            {"name": "When", "type": "date", "member": "string", "required": true}
        ]);
        let codes = serde_json::json!({"all_codes": [], "by_action": {}});
        let problems = plan(&specs(one_action(members), codes), &Overrides::default())
            .err()
            .unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("DoItRequest.Count"));
        assert!(problems[1].contains("unknown type \"date\""));
    }

    #[test]
    fn stale_overrides_are_refused() {
        let codes = serde_json::json!({"all_codes": ["X"], "by_action": {"DoIt": ["X"]}});
        let overrides: Overrides = serde_json::from_value(serde_json::json!({
            "actions": {"DoIt": {"error_docs": {"Y": "not one of its codes"}}, "Gone": {}}
        }))
        .unwrap();
        let problems = plan(&specs(one_action(serde_json::json!([])), codes), &overrides)
            .err()
            .unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
