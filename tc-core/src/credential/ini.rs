//! The INI dialect of the credentials file: `[section]` headers, `key = value`
//! lines, `#` and `;` comment lines, and comments after a header or a value:
//! a `#` or `;` that follows whitespace starts one (keys, secrets and tokens
//! hold no whitespace, so nothing real is cut; `a#b` and `a;b` stay whole). A
//! value in quotes keeps everything between them. Errors carry a line number
//! and a reason, never the line's text (it may hold a secret).

use zeroize::Zeroizing;

/// A parsed file: its sections in order.
#[derive(Debug, Default)]
pub struct Ini {
    /// The sections, in the file's order.
    pub sections: Vec<Section>,
}

/// One `[name]` and the entries under it.
#[derive(Debug)]
pub struct Section {
    /// Its name, trimmed.
    pub name: String,
    /// 1-based line of the header.
    pub line: usize,
    /// Its `key = value` lines, in order.
    pub entries: Vec<Entry>,
}

/// One `key = value`.
pub struct Entry {
    /// The key, trimmed.
    pub key: String,
    /// The value: unquoted, without its comment.
    pub value: Zeroizing<String>,
    /// 1-based line.
    pub line: usize,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("key", &self.key)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

/// Where and why the text is not INI.
#[derive(Debug, PartialEq, Eq)]
pub struct IniError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong, never quoting the line.
    pub reason: &'static str,
}

impl Ini {
    /// The last section called `name` (the profile reader refuses a file
    /// with two: see [`sections_named`](Self::sections_named)).
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().rev().find(|s| s.name == name)
    }

    /// Every section called `name`, in order.
    pub fn sections_named(&self, name: &str) -> Vec<&Section> {
        self.sections.iter().filter(|s| s.name == name).collect()
    }
}

impl Section {
    /// The value of the last `key` in the section.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }
}

/// Parses `text`.
pub fn parse(text: &str) -> Result<Ini, IniError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ini = Ini::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let error = |reason| IniError { line, reason };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(rest) = without_comment(trimmed).strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| error("a section header must end with `]`"))?
                .trim();
            if name.is_empty() || name.contains(['[', ']']) {
                return Err(error("a section header must be `[name]`"));
            }
            ini.sections.push(Section {
                name: name.to_owned(),
                line,
                entries: Vec::new(),
            });
            continue;
        }
        let (key, value) = trimmed
            .split_once('=')
            .ok_or_else(|| error("expected `[profile]` or `key = value`"))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(error("a `key = value` line has no key"));
        }
        let section = ini
            .sections
            .last_mut()
            .ok_or_else(|| error("a `key = value` line comes before any `[profile]` header"))?;
        section.entries.push(Entry {
            key: key.to_owned(),
            value: Zeroizing::new(value_of(value).to_owned()),
            line,
        });
    }
    Ok(ini)
}

/// What follows `=`: without its comment, and without its quotes if it has
/// any (a comment may follow them; inside them, nothing is a comment).
fn value_of(raw: &str) -> &str {
    let raw = raw.trim();
    // A quoted value ends at its closing quote; only a comment may follow.
    if let Some(quote @ ('"' | '\'')) = raw.chars().next()
        && let Some(len) = raw[1..].find(quote)
    {
        let rest = raw[1 + len + 1..].trim_start();
        if rest.is_empty() || rest.starts_with(['#', ';']) {
            return &raw[1..=len];
        }
    }
    let bare = without_comment(raw);
    unquote(bare).unwrap_or(bare)
}

/// `text` up to a `#` or `;` that follows whitespace, trimmed.
fn without_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    // At the very start too: `key = # note` has an empty value.
    let start = (0..bytes.len()).find(|&i| {
        matches!(bytes[i], b'#' | b';') && (i == 0 || bytes[i - 1].is_ascii_whitespace())
    });
    start.map_or(text, |i| text[..i].trim_end())
}

/// `"value"` or `'value'` without the quotes; `None` when not quoted.
fn unquote(value: &str) -> Option<&str> {
    ['"', '\''].into_iter().find_map(|quote| {
        value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_comments_and_quotes() {
        let ini = parse(
            "\u{feff}# comment\n[default]\nsecret_id = AKID1\n  secret_key=\"k1\"\n\n; other\n[ dev ]\nsecret_id='AKID2'\nsecret_key = a=b\n",
        )
        .unwrap();
        let default = ini.section("default").unwrap();
        assert_eq!(default.line, 2);
        assert_eq!(default.get("secret_id").unwrap().value.as_str(), "AKID1");
        assert_eq!(default.get("secret_key").unwrap().value.as_str(), "k1");
        let dev = ini.section("dev").unwrap();
        assert_eq!(dev.get("secret_id").unwrap().value.as_str(), "AKID2");
        assert_eq!(dev.get("secret_key").unwrap().value.as_str(), "a=b");
        assert_eq!(dev.get("secret_key").unwrap().line, 9);
    }

    #[test]
    fn comments_after_headers_and_values() {
        let ini = parse(concat!(
            "[ci]   # the CI account\n",
            "secret_id = AKID1 # a comment\n",
            "secret_key = k#1;2\t; a comment\n",
            "token = \"t # kept\"  # a comment\n",
            "quoted = 'a ; b'\n",
            "plain = a;b#c\n",
            "empty = # nothing\n",
        ))
        .unwrap();
        let ci = ini.section("ci").unwrap();
        let value = |key| ci.get(key).unwrap().value.as_str();
        assert_eq!(value("secret_id"), "AKID1");
        assert_eq!(value("secret_key"), "k#1;2");
        assert_eq!(value("token"), "t # kept");
        assert_eq!(value("quoted"), "a ; b");
        assert_eq!(value("plain"), "a;b#c");
        assert_eq!(value("empty"), "");
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("[default\nsecret_id = x\n", 1),
            ("[default]\nsecret_id x\n", 2),
            ("secret_id = x\n[default]\n", 1),
            ("[default]\n\n = x\n", 3),
            ("[]\n", 1),
        ];
        for (text, line) in cases {
            assert_eq!(parse(text).unwrap_err().line, line, "{text:?}");
        }
    }
}
