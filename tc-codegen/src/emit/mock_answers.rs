//! `tc-mock/src/answers/`: what the local endpoint answers by default, taken
//! from the specs' examples: per service, its version and every action with
//! the `Response` object of its first successful example (an empty one when it
//! has none) and, when it has one, the chunks of its first streamed example.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::spec::Specs;

/// `<service>.json`: one action a line, so that diffs stay readable.
pub(crate) fn service_json(specs: &Specs, label: &str) -> String {
    let schema = &specs.schema;
    let mut out = format!(
        "{{\"{mark}\": \"from {label}/examples.json. Do not edit by hand: run `cargo run -p tc-codegen`.\",\n\
         \"service\": {service}, \"version\": {version},\n\"actions\": {{",
        mark = super::GENERATED_MARK,
        service = Value::from(schema.service.as_str()),
        version = Value::from(schema.version.as_str()),
    );
    for (i, name) in schema.actions.keys().enumerate() {
        let answer = answer(
            specs
                .examples
                .get(name)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        );
        let separator = if i == 0 { "\n" } else { ",\n" };
        out.push_str(&format!(
            "{separator}{}: {answer}",
            Value::from(name.as_str())
        ));
    }
    out.push_str("\n}}\n");
    out
}

fn answer(examples: &[crate::spec::Example]) -> Value {
    let mut response = None;
    let mut stream = None;
    for example in examples {
        let text = example.response.trim_start();
        if text.starts_with("data:") {
            stream.get_or_insert_with(|| chunks(text));
        } else if let Ok(value) = serde_json::from_str::<Value>(text)
            && let Some(Value::Object(inner)) = value.get("Response")
            && !inner.contains_key("Error")
        {
            let mut inner = inner.clone();
            // The endpoint gives each answer a fresh one.
            inner.remove("RequestId");
            response.get_or_insert(Value::Object(inner));
        }
    }
    let mut answer = Map::new();
    answer.insert("response".into(), response.unwrap_or_else(|| json!({})));
    if let Some(stream) = stream {
        answer.insert("stream".into(), Value::Array(stream));
    }
    Value::Object(answer)
}

/// The JSON of each `data:` line of a server-sent-event stream.
fn chunks(text: &str) -> Vec<Value> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("data:"))
        .filter_map(|data| serde_json::from_str(data.trim()).ok())
        .collect()
}

/// `mod.rs`: the index of the service files.
pub(crate) fn index(services: &BTreeMap<String, (String, String)>) -> String {
    let mut out = format!(
        "// {} from specs/*/examples.json. Do not edit by hand: run `cargo run -p tc-codegen`.\n\
         //! What the endpoint answers by default: each service's actions with the\n\
         //! response of their first example (see `crate::defaults`).\n\n\
         /// `(service, version, answers as JSON)` for every service under `specs/`.\n\
         pub(crate) const SERVICES: &[(&str, &str, &str)] = &[\n",
        super::GENERATED_MARK
    );
    for (service, (version, file)) in services {
        out.push_str(&format!(
            "    ({service:?}, {version:?}, include_str!({file:?})),\n"
        ));
    }
    out.push_str("];\n");
    out
}
