//! Printing an answer: `--filter` first, then the form `--output` asks for.

mod filter;
mod table;
mod text;

use serde::Serialize;
use serde_json::Value;

pub(crate) use filter::Filter;

/// The answer in `format` (`json`, `text` or `table`), ending in a newline.
pub(crate) fn render(value: &Value, format: &str, title: &str) -> String {
    match format {
        "text" => text::render(value),
        "table" => table::render(value, title),
        _ => json(value),
    }
}

/// tccli's JSON: indented by four spaces, non-ASCII characters as they are.
pub(crate) fn json(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    // Writing a Value to memory cannot fail.
    let _ = value.serialize(&mut serializer);
    let mut text = String::from_utf8(out).unwrap_or_default();
    text.push('\n');
    text
}

/// A scalar as tccli's text and table forms print it (Python's `str`).
fn scalar(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn json_is_indented_by_four_and_keeps_non_ascii() {
        let text = super::json(&json!({"A": ["é"]}));
        assert_eq!(text, "{\n    \"A\": [\n        \"é\"\n    ]\n}\n");
    }
}
