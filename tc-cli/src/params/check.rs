//! The parameters against the schema: every member known, of its type, and
//! every required one present, at any depth. The first problem is reported
//! with its path (`Filters[0].Values`).

use serde_json::{Map, Value};

use super::build::unknown;
use crate::schema::{Action, Kind, Type, Version};

/// Checks `params` (an object) for `action`.
pub(crate) fn check(params: &Value, action: &Action, schema: &Version) -> Result<(), String> {
    let object = params
        .as_object()
        .ok_or("the parameters must be a JSON object")?;
    members(object, &action.input, schema, "")
}

fn members(
    object: &Map<String, Value>,
    spec: &[(String, Type, bool)],
    schema: &Version,
    path: &str,
) -> Result<(), String> {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    for (name, value) in object {
        let Some((_, ty, _)) = spec.iter().find(|(m, _, _)| m == name) else {
            let message = unknown(name, spec.iter().map(|m| m.0.as_str()));
            return Err(if path.is_empty() {
                message
            } else {
                format!("in {path}: {message}")
            });
        };
        value_of(value, ty, schema, &at(name))?;
    }
    for (name, _, required) in spec {
        if *required && !object.contains_key(name) {
            return Err(format!("missing required parameter {}", at(name)));
        }
    }
    Ok(())
}

fn value_of(value: &Value, ty: &Type, schema: &Version, path: &str) -> Result<(), String> {
    match ty {
        Type::One(kind) => one(value, kind, schema, path),
        Type::List(kind) => {
            let items = value
                .as_array()
                .ok_or_else(|| format!("{path} must be a list, not {}", describe(value)))?;
            items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| one(item, kind, schema, &format!("{path}[{i}]")))
        }
    }
}

fn one(value: &Value, kind: &Kind, schema: &Version, path: &str) -> Result<(), String> {
    let fits = match kind {
        Kind::Text(_) => value.is_string(),
        Kind::Int => value.is_i64() || value.is_u64(),
        Kind::Uint => value.is_u64(),
        Kind::Float => value.is_number(),
        Kind::Bool => value.is_boolean(),
        Kind::Model(model) => {
            let object = value.as_object().ok_or_else(|| {
                format!("{path} must be a {model} object, not {}", describe(value))
            })?;
            let spec = schema
                .models
                .get(model)
                .ok_or_else(|| format!("{path}: the schema has no model {model}"))?;
            return members(object, spec, schema, path);
        }
    };
    if fits {
        Ok(())
    } else {
        Err(format!(
            "{path} must be {}, not {}",
            article(kind),
            describe(value)
        ))
    }
}

fn article(kind: &Kind) -> String {
    match kind {
        Kind::Int => "an integer".to_owned(),
        Kind::Uint => "an integer of 0 or more".to_owned(),
        Kind::Text(_) => "text (a JSON string)".to_owned(),
        other => format!("a {other}"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the text {s:?}"),
        Value::String(_) => "text".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
