//! `tc-mock/src/answers/`: what the local endpoint answers by default, taken
//! from the specs' examples: per service, its version and every action with
//! the `Response` object of its first successful example (an empty one when it
//! has none) and, when it has one, the chunks of its first streamed example.

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
            || shaped(&specs.schema, &schema.actions[name].output, 0),
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

fn answer(examples: &[crate::spec::Example], shaped: impl FnOnce() -> Value) -> Value {
    let mut response = None;
    let mut stream = None;
    for example in examples {
        let text = example.response.trim_start();
        if is_event_stream(text) {
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
    answer.insert("response".into(), response.unwrap_or_else(shaped));
    if let Some(stream) = stream {
        answer.insert("stream".into(), Value::Array(stream));
    }
    Value::Object(answer)
}

/// An answer shaped by the schema, for an action without a successful
/// example: every member the service always sends, with a plain value of its
/// type (nested objects down to a few levels, lists of one element).
fn shaped(schema: &crate::spec::Schema, object: &str, depth: usize) -> Value {
    let Some(spec) = schema.objects.get(object) else {
        return json!({});
    };
    let mut out = Map::new();
    for m in &spec.members {
        if m.name == "RequestId" || m.output_required == Some(false) {
            continue;
        }
        let one = match m.member.as_str() {
            "string" | "binary" | "date" | "datetime" | "datetime_iso" => json!(""),
            "int64" | "uint64" => json!(0),
            "float" => json!(0.0),
            "bool" => json!(false),
            name if depth < 3 && schema.objects.contains_key(name) => {
                shaped(schema, name, depth + 1)
            }
            _ => continue,
        };
        let value = if m.kind == "list" {
            Value::Array(vec![one])
        } else {
            one
        };
        out.insert(m.name.clone(), value);
    }
    Value::Object(out)
}

/// Whether an example answer is server-sent events: its first line is one of
/// the format's fields (`data:`, `id:`, `event:`, `retry:`) or a comment.
fn is_event_stream(text: &str) -> bool {
    let first = text.trim_start().lines().next().unwrap_or_default();
    ["data:", "id:", "event:", "retry:", ":"]
        .iter()
        .any(|field| first.starts_with(field))
}

/// The JSON of each `data:` line of a server-sent-event stream.
fn chunks(text: &str) -> Vec<Value> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("data:"))
        .filter_map(|data| serde_json::from_str(data.trim()).ok())
        .collect()
}

/// `mod.rs`: the index of the service version files.
pub(crate) fn index(versions: &[(String, String, String)]) -> String {
    let mut out = format!(
        "// {} from specs/*/examples.json. Do not edit by hand: run `cargo run -p tc-codegen`.\n\
         //! What the endpoint answers by default: each service version's actions with\n\
         //! the response of their first example (see `crate::defaults`).\n\n\
         /// `(service, version, answers as JSON)` for every service version under `specs/`,\n\
         /// in service and version order.\n\
         pub(crate) const VERSIONS: &[(&str, &str, &str)] = &[\n",
        super::GENERATED_MARK
    );
    for (service, version, file) in versions {
        out.push_str(&format!(
            "    ({service:?}, {version:?}, include_str!({file:?})),\n"
        ));
    }
    out.push_str("];\n");
    out
}
