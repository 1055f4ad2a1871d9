//! Writing spec files the way every vendored spec is written: JSON with keys
//! sorted, one space of indent, non-ASCII characters as themselves, and a
//! final newline; and only when the text changes.

use std::path::Path;

use serde::Serialize;

/// `value` as spec text. (Key order is the serializer's: our structs declare
/// their fields in key order, and maps are `BTreeMap`s.)
pub(super) fn to_text<T: Serialize>(value: &T) -> Result<String, String> {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    value
        .serialize(&mut serializer)
        .map_err(|e| format!("cannot write JSON: {e}"))?;
    let mut text = String::from_utf8(bytes).map_err(|e| format!("cannot write JSON: {e}"))?;
    text.push('\n');
    Ok(text)
}

/// Whether writing `text` to `path` changed it; the file is left alone (not
/// even touched) when it already holds `text`.
pub(super) fn write_if_changed(path: &Path, text: &str) -> Result<bool, String> {
    if std::fs::read_to_string(path).is_ok_and(|existing| existing == text) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::to_text;

    #[test]
    fn the_vendored_layout() {
        let value = BTreeMap::from([
            ("b", serde_json::json!(["x", "\u{4e2d}\n"])),
            ("a", serde_json::json!({})),
            ("c", serde_json::json!([])),
        ]);
        assert_eq!(
            to_text(&value).unwrap(),
            "{\n \"a\": {},\n \"b\": [\n  \"x\",\n  \"\u{4e2d}\\n\"\n ],\n \"c\": []\n}\n"
        );
    }
}
