use serde_json::{Value, json};

use std::collections::BTreeMap;

use super::*;
use crate::spec::{Errors, Schema};

fn specs(schema: Value, errors: Value) -> Specs {
    Specs {
        schema: serde_json::from_value::<Schema>(schema).unwrap(),
        errors: serde_json::from_value::<Errors>(errors).unwrap(),
        examples: BTreeMap::new(),
    }
}

fn one_action(members: Value, models: Value) -> Value {
    let mut objects = json!({
        "DoItRequest": {"members": members},
        "DoItResponse": {"members": [{"name": "RequestId", "type": "string", "member": "string"}]}
    });
    for (name, object) in models.as_object().unwrap() {
        objects[name] = object.clone();
    }
    json!({
        "service": "cvm", "version": "2017-03-12", "endpoint": "cvm.tencentcloudapi.com",
        "actions": {"DoIt": {"input": "DoItRequest", "output": "DoItResponse", "status": "online"}},
        "objects": objects
    })
}

fn no_codes() -> Value {
    json!({"all_codes": [], "by_action": {}})
}

#[test]
fn colliding_code_names_spell_their_dots_unless_overridden() {
    let (a, b) = (
        "InvalidParameter.ValueTooLarge",
        "InvalidParameterValue.TooLarge",
    );
    let codes = json!({
        "all_codes": [a, b, "X.CPU", "X.Cpu"],
        "by_action": {"DoIt": [a, b]}
    });
    let specs = specs(one_action(json!([]), json!({})), codes);
    let automatic = plan(&specs, &Overrides::default()).ok().unwrap();
    assert_eq!(
        automatic.codes[a].variant,
        "InvalidParameterDotValueTooLarge"
    );
    assert_eq!(
        automatic.codes[b].variant,
        "InvalidParameterValueDotTooLarge"
    );
    // Codes that differ only in case are numbered.
    assert_eq!(automatic.codes["X.CPU"].variant, "XDotCpu");
    assert_eq!(automatic.codes["X.Cpu"].variant, "XDotCpu2");

    let mut overrides = Overrides::default();
    overrides
        .error_variants
        .insert(a.into(), "ValueTooLarge".into());
    let overridden = plan(&specs, &overrides).ok().unwrap();
    assert_eq!(overridden.codes[a].variant, "ValueTooLarge");
    assert_eq!(overridden.codes[b].variant, "InvalidParameterValueTooLarge");
}

#[test]
fn unknown_and_contradictory_types_are_refused() {
    let members = json!([
        {"name": "Count", "type": "int", "member": "string", "required": true},
        {"name": "When", "type": "time", "member": "string", "required": true}
    ]);
    let problems = plan(
        &specs(one_action(members, json!({})), no_codes()),
        &Overrides::default(),
    )
    .err()
    .unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("DoItRequest.Count"));
    assert!(problems[1].contains("unknown type \"time\""));
}

#[test]
fn stale_overrides_are_refused() {
    let codes = json!({"all_codes": ["X"], "by_action": {"DoIt": ["X"]}});
    let overrides: Overrides = serde_json::from_value(json!({
        "actions": {"DoIt": {"error_docs": {"Y": "not one of its codes"}}, "Gone": {}}
    }))
    .unwrap();
    let problems = plan(&specs(one_action(json!([]), json!({})), codes), &overrides)
        .err()
        .unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn members_with_the_same_field_name_are_numbered() {
    let members = json!([
        {"name": "DnsFormat", "type": "string", "member": "string"},
        {"name": "DNSFormat", "type": "string", "member": "string"}
    ]);
    let plan = plan(
        &specs(one_action(members, json!({})), no_codes()),
        &Overrides::default(),
    )
    .ok()
    .unwrap();
    let fields = &plan.actions["DoIt"].request.fields;
    assert_eq!(fields[0].ident, "dns_format");
    assert_eq!(fields[0].rename, None);
    assert_eq!(fields[1].ident, "dns_format_2");
    assert_eq!(fields[1].rename.as_deref(), Some("DNSFormat"));
}

#[test]
fn models_get_rust_casing_and_self_holding_members_a_box() {
    let members = json!([{"name": "Node", "type": "object", "member": "GPUNode"}]);
    let models = json!({
        "GPUNode": {"usage": "in", "members": [
            {"name": "Parent", "type": "object", "member": "GPUNode"},
            {"name": "Children", "type": "list", "member": "GPUNode"},
            {"name": "Info", "type": "object", "member": "Option"}
        ]},
        "Option": {"usage": "in", "members": []}
    });
    let plan = plan(
        &specs(one_action(members, models), no_codes()),
        &Overrides::default(),
    )
    .ok()
    .unwrap();
    let node = &plan.models["GPUNode"];
    assert_eq!(node.name, "GpuNode");
    assert!(node.fields[0].boxed, "a model holding itself is boxed");
    assert!(!node.fields[1].boxed, "a list needs no box");
    assert_eq!(node.fields[2].ty.object(), Some("OptionModel"));
    assert!(!plan.actions["DoIt"].request.fields[0].boxed);
}
