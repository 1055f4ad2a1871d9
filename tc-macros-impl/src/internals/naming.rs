//! The naming rules shared by the attributes and the generator (`tc-codegen`
//! depends on this module), so that both sides of a wire name agree.
//!
//! - The attributes send a field under its Rust name in PascalCase
//!   ([`pascal_case`]: `image_id` -> `ImageId`, `r#type` -> `Type`).
//! - The generator goes the other way: it cuts a wire name into [`words`] and
//!   joins them into a field name ([`snake_case`], [`field_name`]) or a type name
//!   in Rust's casing ([`upper_camel_case`]: `GPUInfo` -> `GpuInfo`). Whenever
//!   [`pascal_case`] of the field name does not give the wire name back
//!   (`CPU` -> `cpu` -> `Cpu`), the field carries `#[tc(rename = "...")]`.

use syn::Ident;
use syn::ext::IdentExt;

/// Rust's keywords in the 2024 edition, strict and reserved.
pub const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Mixed-case words that the generic rule would cut in the wrong place.
const WHOLE_WORDS: &[(&str, &str)] = &[("DDoS", "ddos"), ("IPv4", "ipv4"), ("IPv6", "ipv6")];

/// The wire name of a field called `ident`: `image_id` -> `ImageId`,
/// `ipv6_address_count` -> `Ipv6AddressCount`, `r#type` -> `Type`.
pub fn of_field(ident: &Ident) -> String {
    pascal_case(&ident.unraw().to_string())
}

/// Splits `snake` on `_` and upper-cases the first character of each part,
/// leaving the rest of each part as written.
pub fn pascal_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    for part in snake.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// Cuts a PascalCase wire name into lower-case words.
///
/// A new word starts at an upper-case letter that follows a lower-case letter or
/// a digit, and at the last capital of a run of capitals followed by lower-case
/// letters (`GPUType` -> `gpu` `type`). A run of capitals followed by a lone `s`
/// that ends the word is a plural acronym and stays whole (`DBDFs`). Digits stick
/// to the word before them (`Ipv4`). Anything but ASCII letters and digits
/// separates words. The few mixed-case words in `WHOLE_WORDS` are taken as they
/// are.
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

/// A type name in Rust's casing for a wire name: its [`words`], each with its
/// first letter upper-cased (`GPUInfo` -> `GpuInfo`, `TargetOS` -> `TargetOs`).
pub fn upper_camel_case(wire: &str) -> String {
    words(wire).iter().map(|w| upper_first(w)).collect()
}

/// `word` with its first character upper-cased.
pub fn upper_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether `word` is a Rust keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A field identifier for a wire name, and whether it needs an explicit rename.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName {
    /// As written in Rust, with `r#` for keywords.
    pub ident: String,
    /// Set when the attributes' rule ([`pascal_case`], which drops `r#`) would
    /// not give back the wire name.
    pub rename: Option<String>,
}

/// The field identifier for a wire name.
///
/// # Errors
/// When the wire name gives no identifier (no letters, or a leading digit).
pub fn field_name(wire: &str) -> Result<FieldName, String> {
    let mut snake = snake_case(wire);
    if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("wire name {wire:?} gives no usable field name"));
    }
    let mut raw = false;
    if NOT_RAW.contains(&snake.as_str()) {
        snake.push('_');
    } else if is_keyword(&snake) {
        raw = true;
    }
    let rename = (pascal_case(&snake) != wire).then(|| wire.to_owned());
    let ident = if raw { format!("r#{snake}") } else { snake };
    Ok(FieldName { ident, rename })
}

/// Whether `name` can name a type or variant as it is: ASCII, starting with an
/// upper-case letter, not a keyword.
pub fn is_type_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !is_keyword(name)
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;
    use syn::Ident;

    use super::*;

    #[test]
    fn snake_case_becomes_pascal_case() {
        assert_eq!(pascal_case("image_id"), "ImageId");
        assert_eq!(pascal_case("ipv6_address_count"), "Ipv6AddressCount");
        assert_eq!(pascal_case("share_permission_set"), "SharePermissionSet");
        assert_eq!(pascal_case("limit"), "Limit");
        assert_eq!(pascal_case("a_b_c"), "ABC");
    }

    #[test]
    fn extra_underscores_disappear() {
        assert_eq!(pascal_case("_private_ip"), "PrivateIp");
        assert_eq!(pascal_case("image__id_"), "ImageId");
    }

    #[test]
    fn existing_capitals_are_kept() {
        assert_eq!(pascal_case("ImageId"), "ImageId");
        assert_eq!(pascal_case("cam_roleName"), "CamRoleName");
    }

    #[test]
    fn raw_identifiers_lose_their_prefix() {
        let ident = Ident::new_raw("type", Span::call_site());
        assert_eq!(of_field(&ident), "Type");
        let ident = Ident::new("instance_type", Span::call_site());
        assert_eq!(of_field(&ident), "InstanceType");
    }

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
            ("Tag.Key", "tag_key"),
        ];
        for (wire, snake) in cases {
            assert_eq!(snake_case(wire), snake, "{wire}");
        }
    }

    #[test]
    fn type_names_in_rust_casing() {
        assert_eq!(upper_camel_case("GPUInfo"), "GpuInfo");
        assert_eq!(upper_camel_case("TargetOS"), "TargetOs");
        assert_eq!(
            upper_camel_case("InstanceChargePrepaid"),
            "InstanceChargePrepaid"
        );
        assert_eq!(upper_camel_case("IPv6Address"), "Ipv6Address");
    }

    #[test]
    fn renames_only_when_needed() {
        assert!(field_name("ImageId").unwrap().rename.is_none());
        assert!(field_name("Ipv6AddressCount").unwrap().rename.is_none());
        assert_eq!(field_name("CPU").unwrap().rename.as_deref(), Some("CPU"));
        let ty = field_name("Type").unwrap();
        assert_eq!(ty.ident, "r#type");
        assert!(ty.rename.is_none());
        assert_eq!(field_name("Self").unwrap().ident, "self_");
        assert!(field_name("2Fa").is_err());
    }
}
