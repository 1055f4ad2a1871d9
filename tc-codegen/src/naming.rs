//! Turning wire names into Rust identifiers, and checking the way back.
//!
//! Field names: the wire name is cut into words, each word lowercased, and the
//! words joined with `_`. The attribute macros map a field back by upper-casing
//! the first letter of each `_`-separated part, so whenever that does not give the
//! wire name again (`CPU` -> `cpu` -> `Cpu`) the field carries an explicit
//! `#[tc(rename = "...")]`.

/// Mixed-case words that the generic rule would cut in the wrong place.
const WHOLE_WORDS: &[(&str, &str)] = &[("DDoS", "ddos"), ("IPv4", "ipv4"), ("IPv6", "ipv6")];

/// Rust's keywords in the 2024 edition, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Cuts a PascalCase wire name into words.
///
/// A new word starts at an upper-case letter that follows a lower-case letter or
/// a digit, and at the last capital of a run of capitals followed by lower-case
/// letters (`GPUType` -> `GPU` `Type`). A run of capitals followed by a lone `s`
/// that ends the word is a plural acronym and stays whole (`DBDFs`). Digits stick
/// to the word before them (`Ipv4`). The few mixed-case words in [`WHOLE_WORDS`]
/// are taken as they are.
pub fn words(wire: &str) -> Vec<String> {
    let chars: Vec<char> = wire.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    'outer: while i < chars.len() {
        let c = chars[i];
        let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
        if !prev_upper {
            for (whole, lower) in WHOLE_WORDS {
                let len = whole.len();
                let rest: String = chars[i..].iter().take(len).collect();
                let ends_word = chars.get(i + len).is_none_or(|n| !n.is_ascii_lowercase());
                if rest == *whole && ends_word {
                    flush(&mut words, &mut cur);
                    words.push((*lower).to_owned());
                    i += len;
                    continue 'outer;
                }
            }
        }
        if !c.is_ascii_alphanumeric() {
            flush(&mut words, &mut cur);
        } else if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1).copied();
            let after_lower = prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
            let acronym_end = prev_upper && next.is_some_and(|n| n.is_ascii_lowercase());
            let plural = next == Some('s')
                && chars
                    .get(i + 2)
                    .is_none_or(|n| !n.is_ascii_lowercase() && !n.is_ascii_digit());
            if after_lower || (acronym_end && !plural) {
                flush(&mut words, &mut cur);
            }
            cur.push(c);
        } else {
            cur.push(c);
        }
        i += 1;
    }
    flush(&mut words, &mut cur);
    words
}

fn flush(words: &mut Vec<String>, cur: &mut String) {
    if !cur.is_empty() {
        words.push(std::mem::take(cur).to_ascii_lowercase());
    }
}

/// The snake_case field name for a wire name, without any raw-identifier prefix.
pub fn snake_case(wire: &str) -> String {
    words(wire).join("_")
}

/// What the attribute macros make of a field name: each `_`-separated part with
/// its first letter upper-cased.
pub fn pascal_of_snake(snake: &str) -> String {
    snake.split('_').map(upper_first).collect()
}

/// `word` with its first character upper-cased.
pub fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A field identifier for a wire name, and whether it needs an explicit rename.
pub struct FieldName {
    /// As written in Rust, with `r#` for keywords.
    pub ident: String,
    /// Set when the macros' rule (which drops `r#`) would not give back the wire name.
    pub rename: Option<String>,
}

pub fn field_name(wire: &str) -> Result<FieldName, String> {
    let mut snake = snake_case(wire);
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("wire name {wire:?} gives no usable field name"));
    }
    let mut raw = false;
    if NOT_RAW.contains(&snake.as_str()) {
        snake.push('_');
    } else if KEYWORDS.contains(&snake.as_str()) {
        raw = true;
    }
    let rename = (pascal_of_snake(&snake) != wire).then(|| wire.to_owned());
    let ident = if raw { format!("r#{snake}") } else { snake };
    Ok(FieldName { ident, rename })
}

/// The default enum variant for an error code: the dot-separated parts, each
/// with its first letter upper-cased, joined (`InvalidImageId.NotFound` ->
/// `InvalidImageIdNotFound`).
pub fn error_variant(code: &str) -> Result<String, String> {
    let name: String = code.split('.').map(upper_first).collect();
    if !is_type_ident(&name) {
        return Err(format!(
            "error code {code:?} gives no usable variant name ({name:?})"
        ));
    }
    Ok(name)
}

/// Whether `name` can name a type or variant as it is: ASCII, starting with an
/// upper-case letter, not a keyword.
pub fn is_type_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_and_digits() {
        let cases = [
            ("ImageId", "image_id"),
            ("CPU", "cpu"),
            ("GPUType", "gpu_type"),
            ("BmcMAC", "bmc_mac"),
            ("DBDFs", "dbdfs"),
            ("FPGAUrl", "fpga_url"),
            ("AntiDDoSPackageId", "anti_ddos_package_id"),
            ("IPv6Addresses", "ipv6_addresses"),
            ("PublicIPv6Addresses", "public_ipv6_addresses"),
            ("Ipv6AddressCount", "ipv6_address_count"),
            ("PrivateIpv4AddressCount", "private_ipv4_address_count"),
            ("SupportTargetOSList", "support_target_os_list"),
            ("TargetOSType", "target_os_type"),
            ("CamRoleName", "cam_role_name"),
        ];
        for (wire, snake) in cases {
            assert_eq!(snake_case(wire), snake, "{wire}");
        }
    }

    #[test]
    fn renames_only_when_needed() {
        assert!(field_name("ImageId").unwrap().rename.is_none());
        assert!(field_name("Ipv6AddressCount").unwrap().rename.is_none());
        assert_eq!(field_name("CPU").unwrap().rename.as_deref(), Some("CPU"));
        let ty = field_name("Type").unwrap();
        assert_eq!(ty.ident, "r#type");
        assert!(ty.rename.is_none());
    }

    #[test]
    fn error_variants() {
        assert_eq!(
            error_variant("InvalidImageId.NotFound").unwrap(),
            "InvalidImageIdNotFound"
        );
        assert_eq!(error_variant("OverQuota").unwrap(), "OverQuota");
        assert!(error_variant("Bad-Code").is_err());
    }
}
