//! Reading the few facts the official Python SDK states in its source files,
//! without running Python: the error codes of `errorcodes.py` (one
//! `NAME = 'Code.Sub'` assignment per code, with comments between) and the
//! `_service` and `_endpoint` of a service version's client class.

/// The codes assigned in an `errorcodes.py`, in file order. Comments and blank
/// lines are skipped; any other line is an error naming it, so that a change
/// in the file's format stops the import instead of losing codes.
pub(super) fn error_codes(text: &str) -> Result<Vec<String>, String> {
    let mut codes = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let code = assignment(line)
            .filter(|(name, _)| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .map(|(_, value)| value)
            .ok_or_else(|| {
                format!(
                    "line {}: expected `NAME = 'Code'`, found {line:?}",
                    number + 1
                )
            })?;
        codes.push(code.to_owned());
    }
    Ok(codes)
}

/// The string assigned to the class attribute `name` (`_service`,
/// `_endpoint`) in a client's source, if it is assigned a plain string.
pub(super) fn class_attribute<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines()
        .filter_map(|line| assignment(line.trim()))
        .find(|(assigned, _)| *assigned == name)
        .map(|(_, value)| value)
}

/// `NAME = 'value'` or `NAME = "value"` (no escapes, nothing after): the name
/// and the value.
fn assignment(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once('=')?;
    let (name, value) = (name.trim(), value.trim());
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    if name.is_empty() || inner.contains(quote) || inner.contains('\\') {
        return None;
    }
    Some((name, inner))
}

#[cfg(test)]
mod tests {
    use super::{class_attribute, error_codes};

    #[test]
    fn codes_are_read_in_file_order_skipping_comments() {
        let text = "# -*- coding: utf8 -*-\n# header\n\n\n# A comment.\nFAILEDOPERATION = 'FailedOperation'\n\n\
                    # Another.\nINVALIDPARAMETER_X = \"InvalidParameter.X\"\n";
        assert_eq!(
            error_codes(text).unwrap(),
            ["FailedOperation", "InvalidParameter.X"]
        );
        assert_eq!(error_codes("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn anything_but_an_assignment_is_an_error() {
        for bad in [
            "import os",
            "A = B",
            "A = 'x' + 'y'",
            "A = 'unterminated",
            "A-B = 'x'",
            "A = 'it\\'s'",
        ] {
            let e = error_codes(&format!("# c\nA = 'ok'\n{bad}\n")).unwrap_err();
            assert!(e.starts_with("line 3: "), "{bad}: {e}");
        }
    }

    #[test]
    fn client_attributes() {
        let text = "class AsClient(AbstractClient):\n    _apiVersion = '2018-04-19'\n    _endpoint = 'as.tencentcloudapi.com'\n    _service = 'as'\n";
        assert_eq!(
            class_attribute(text, "_endpoint"),
            Some("as.tencentcloudapi.com")
        );
        assert_eq!(class_attribute(text, "_service"), Some("as"));
        assert_eq!(class_attribute(text, "_region"), None);
    }
}
