//! `--generate-cli-skeleton`: every parameter of an action with a value of
//! its type, to fill in and give back with `--cli-input-json`.

use serde_json::{Map, Value};

use crate::schema::{Action, Kind, Type, Version};

/// Models nest; a model that contains itself is written once.
const MAX_DEPTH: usize = 8;

/// The template of `action`'s parameters.
pub(crate) fn skeleton(action: &Action, schema: &Version) -> Value {
    object(&action.input, schema, 0)
}

fn object(members: &[(String, Type, bool)], schema: &Version, depth: usize) -> Value {
    let map: Map<String, Value> = members
        .iter()
        .map(|(name, ty, _)| {
            let value = match ty {
                Type::One(kind) => one(kind, schema, depth),
                Type::List(kind) => Value::Array(vec![one(kind, schema, depth)]),
            };
            (name.clone(), value)
        })
        .collect();
    Value::Object(map)
}

fn one(kind: &Kind, schema: &Version, depth: usize) -> Value {
    match kind {
        Kind::Text(_) => Value::String(String::new()),
        Kind::Int | Kind::Uint => Value::from(0),
        Kind::Float => Value::from(0.0),
        Kind::Bool => Value::Bool(false),
        Kind::Model(name) => match schema.models.get(name) {
            Some(members) if depth < MAX_DEPTH => object(members, schema, depth + 1),
            _ => Value::Object(Map::new()),
        },
    }
}
