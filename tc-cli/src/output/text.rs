//! `--output text`: tab-separated lines, the form tccli shares with other
//! clouds' command lines. An object's scalars make one line (keys sorted),
//! each of its lists and objects follows, its lines led by the member's name
//! in capitals; the objects of one list share the columns of all of them.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::scalar;

/// The answer as text lines.
pub(crate) fn render(value: &Value) -> String {
    let mut out = String::new();
    item(value, None, None, &mut out);
    out
}

fn item(value: &Value, label: Option<&str>, columns: Option<&[String]>, out: &mut String) {
    match value {
        Value::Object(map) => object(map, label, columns, out),
        Value::Array(list) => array(list, label, out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn array(list: &[Value], label: Option<&str>, out: &mut String) {
    if list.iter().any(Value::is_object) {
        let columns: Vec<String> = list
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|m| {
                m.iter()
                    .filter(|(_, v)| !is_nested(v))
                    .map(|(k, _)| k.clone())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for element in list {
            item(element, label, Some(&columns), out);
        }
        return;
    }
    let (scalars, nested): (Vec<&Value>, Vec<&Value>) = list.iter().partition(|v| !is_nested(v));
    if !scalars.is_empty() {
        match label {
            Some(label) => {
                for s in &scalars {
                    out.push_str(&format!("{}\t{}\n", label.to_uppercase(), scalar(s)));
                }
            }
            None => {
                let line: Vec<String> = scalars.iter().map(|s| scalar(s)).collect();
                out.push_str(&line.join("\t"));
                out.push('\n');
            }
        }
    }
    for n in nested {
        item(n, label, None, out);
    }
}

fn object(
    map: &Map<String, Value>,
    label: Option<&str>,
    columns: Option<&[String]>,
    out: &mut String,
) {
    let mut line: Vec<String> = Vec::new();
    let nested: Vec<(&String, &Value)> = match columns {
        None => {
            for (_, v) in map.iter().filter(|(_, v)| !is_nested(v)) {
                line.push(scalar(v));
            }
            map.iter().filter(|(_, v)| is_nested(v)).collect()
        }
        Some(columns) => {
            for c in columns {
                line.push(map.get(c).map(scalar).unwrap_or_default());
            }
            map.iter().filter(|(k, _)| !columns.contains(k)).collect()
        }
    };
    if !line.is_empty() {
        if let Some(label) = label {
            line.insert(0, label.to_uppercase());
        }
        out.push_str(&line.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        item(value, Some(key), None, out);
    }
}

fn is_nested(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn scalars_first_then_labelled_lists() {
        let text = super::render(&json!({
            "RequestId": "r1",
            "TotalCount": 2,
            "Set": [{"Id": "a", "On": true}, {"Id": "b"}]
        }));
        assert_eq!(text, "r1\t2\nSET\ta\tTrue\nSET\tb\t\n");
    }
}
