//! Rules about one value on its own: what a service name, an action name, a
//! wire name or an error code may look like. Each returns `true` when the value
//! is acceptable; the messages live with the callers, which know the context.

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
