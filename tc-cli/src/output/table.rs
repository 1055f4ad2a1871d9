//! `--output table`: the answer's scalars as a two-column table under the
//! action's name, then each list of objects as a table of its own, one
//! column per member (nested values as compact JSON).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use super::scalar;

/// The answer as tables.
pub(crate) fn render(value: &Value, title: &str) -> String {
    let mut out = String::new();
    let Value::Object(map) = value else {
        let rows = vec![vec![cell(value)]];
        draw(&mut out, title, &[], &rows);
        return out;
    };
    let rows: Vec<Vec<String>> = map
        .iter()
        .filter(|(_, v)| !is_table(v))
        .map(|(k, v)| vec![k.clone(), cell(v)])
        .collect();
    if !rows.is_empty() {
        draw(&mut out, title, &[], &rows);
    }
    for (name, list) in map.iter().filter(|(_, v)| is_table(v)) {
        let items: Vec<&serde_json::Map<String, Value>> = list
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect();
        let columns: Vec<String> = items
            .iter()
            .flat_map(|m| m.keys().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|m| {
                columns
                    .iter()
                    .map(|c| m.get(c).map(cell).unwrap_or_default())
                    .collect()
            })
            .collect();
        draw(&mut out, name, &columns, &rows);
    }
    out
}

/// A non-empty list of objects.
fn is_table(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_object))
}

fn cell(value: &Value) -> String {
    match value {
        Value::Array(_) | Value::Object(_) => value.to_string(),
        other => scalar(other),
    }
}

fn draw(out: &mut String, title: &str, header: &[String], rows: &[Vec<String>]) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let mut widths = vec![0; columns];
    for row in rows.iter().chain([&header.to_vec()]) {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let inner: usize = widths.iter().sum::<usize>() + 3 * columns.saturating_sub(1);
    let inner = inner.max(title.chars().count());
    let rule = format!("+{}+\n", "-".repeat(inner + 2));
    out.push_str(&rule);
    let _ = writeln!(out, "| {title:^inner$} |");
    out.push_str(&rule);
    let line = |out: &mut String, row: &[String]| {
        let cells: Vec<String> = (0..columns)
            .map(|i| {
                let text = row.get(i).map_or("", String::as_str);
                format!("{text:<w$}", w = widths[i])
            })
            .collect();
        let text = cells.join(" | ");
        let _ = writeln!(out, "| {text:<inner$} |");
    };
    if !header.is_empty() {
        line(out, header);
        out.push_str(&rule);
    }
    for row in rows {
        line(out, row);
    }
    out.push_str(&rule);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn scalars_then_a_table_per_list() {
        let text = super::render(
            &json!({"RequestId": "r1", "Set": [{"Id": "a"}, {"Id": "bb", "N": 2}]}),
            "Describe",
        );
        assert!(text.contains("| RequestId | r1 |"), "{text}");
        assert!(text.contains("| Id | N |"), "{text}");
        assert!(text.contains("| bb | 2 |"), "{text}");
    }
}
