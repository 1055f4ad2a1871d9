//! Rules about one value on its own: what a service name, a version, an action
//! name, a method, a wire name or an error code may look like. The `is_*`
//! predicates are the rules; the `check_*` functions apply them to the user's
//! literal and report a mistake on it.

use syn::LitStr;

use super::ctxt::Ctxt;
use super::date;
use super::keys::CODE_EXAMPLE;

/// How an action's parameters are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
}

/// `cvm`, `cbs`, `tke`: non-empty, lowercase ASCII letters and digits.
pub(crate) fn is_service(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `DescribeInstances`: an UpperCamelCase identifier of ASCII letters and
/// digits, starting with an uppercase letter.
pub(crate) fn is_action_name(text: &str) -> bool {
    text.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `ImageId`, `CAMRoleName`: non-empty, ASCII letters, digits and `_`.
pub(crate) fn is_wire_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `InvalidImageId.NotFound`: non-empty, no whitespace or control characters.
pub(crate) fn is_error_code(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub(crate) fn check_service(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    if is_service(&value) {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    if value.is_empty() {
        cx.error_spanned_by(lit, "`service` must not be empty: `service = \"cvm\"`");
    } else if is_service(&lower) {
        cx.error_spanned_by(
            lit,
            format_args!(
                "`service` must be lowercase ASCII letters and digits: write {lower:?} \
                 (it is the first label of the endpoint host, {lower}.tencentcloudapi.com)"
            ),
        );
    } else {
        cx.error_spanned_by(
            lit,
            format_args!(
                "`service` must be lowercase ASCII letters and digits, such as \"cvm\"; \
                 found {value:?}"
            ),
        );
    }
    false
}

pub(crate) fn check_version(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    match date::check(&value) {
        Ok(()) => true,
        Err(why) => {
            cx.error_spanned_by(
                lit,
                format_args!(
                    "`version` must be the API version's date, YYYY-MM-DD, such as \
                     \"2017-03-12\"; {value:?} is not a real date: {why}"
                ),
            );
            false
        }
    }
}

pub(crate) fn check_name(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    if is_action_name(&value) {
        return true;
    }
    cx.error_spanned_by(
        lit,
        format_args!(
            "`name` must be the action's UpperCamelCase name: ASCII letters and digits, \
             starting with an uppercase letter, such as \"DescribeInstances\"; found {value:?}"
        ),
    );
    false
}

pub(crate) fn check_method(cx: &Ctxt, lit: &LitStr) -> Option<Method> {
    let value = lit.value();
    match value.as_str() {
        "GET" => return Some(Method::Get),
        "POST" => return Some(Method::Post),
        _ => {}
    }
    let hint = if value.eq_ignore_ascii_case("get") || value.eq_ignore_ascii_case("post") {
        " (in uppercase)"
    } else {
        ""
    };
    cx.error_spanned_by(
        lit,
        format_args!("`method` must be \"GET\" or \"POST\"{hint}; found {value:?}"),
    );
    None
}

pub(crate) fn check_rename(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    if is_wire_name(&value) {
        return true;
    }
    let found = if value.is_empty() {
        String::from("it is empty")
    } else {
        format!("found {value:?}")
    };
    cx.error_spanned_by(
        lit,
        format_args!(
            "`rename` must be a wire name of ASCII letters, digits and `_`, \
             such as \"CAMRoleName\"; {found}"
        ),
    );
    false
}

pub(crate) fn check_code(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    if is_error_code(&value) {
        return true;
    }
    if value.is_empty() {
        cx.error_spanned_by(
            lit,
            format_args!("the error code must not be empty: `{CODE_EXAMPLE}`"),
        );
    } else {
        cx.error_spanned_by(
            lit,
            format_args!(
                "the error code must not contain whitespace or control characters; \
                 found {value:?}"
            ),
        );
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{is_action_name, is_error_code, is_service, is_wire_name};

    #[test]
    fn services() {
        assert!(is_service("cvm"));
        assert!(is_service("cls2"));
        assert!(!is_service(""));
        assert!(!is_service("CVM"));
        assert!(!is_service("cvm-intl"));
        assert!(!is_service("cvm "));
    }

    #[test]
    fn action_names() {
        assert!(is_action_name("DescribeImageSharePermission"));
        assert!(is_action_name("RunInstances"));
        assert!(is_action_name("DescribeIpv6Addresses"));
        assert!(!is_action_name(""));
        assert!(!is_action_name("describeInstances"));
        assert!(!is_action_name("Describe_Instances"));
        assert!(!is_action_name("9Lives"));
        assert!(!is_action_name("Describe Instances"));
    }

    #[test]
    fn wire_names() {
        assert!(is_wire_name("CAMRoleName"));
        assert!(is_wire_name("Ipv6AddressCount"));
        assert!(is_wire_name("Legacy_Name"));
        assert!(!is_wire_name(""));
        assert!(!is_wire_name("Image.Id"));
        assert!(!is_wire_name("Größe"));
    }

    #[test]
    fn error_codes() {
        assert!(is_error_code("InvalidImageId.NotFound"));
        assert!(is_error_code("AuthFailure"));
        assert!(!is_error_code(""));
        assert!(!is_error_code("Invalid Image"));
        assert!(!is_error_code("Invalid\n"));
    }
}
