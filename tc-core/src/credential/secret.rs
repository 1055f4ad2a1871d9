//! A secret string for request and response members: redacted in `Debug`,
//! wiped from memory when dropped, and never echoed by a decoding error.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// Text that must not be shown, such as a temporary secret key, a session
/// token or a web identity token. Usable as a member of `#[tc_model]` and
/// `#[tc_action]` structs: it travels as a plain JSON string.
///
/// ```
/// use tc_core::credential::Secret;
/// let token = Secret::new("eyJhbGciOi...");
/// assert_eq!(format!("{token:?}"), "** redacted **");
/// assert_eq!(token.expose(), "eyJhbGciOi...");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The value. Handle with care: never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(Zeroizing::new(value))
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("** redacted **")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The decoder's own message would quote an unexpected value; this one
        // does not, since that value may well be the secret.
        String::deserialize(deserializer)
            .map(Secret::from)
            .map_err(|_| {
                serde::de::Error::custom("expected a string (the value is secret and not shown)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn travels_as_a_string_and_never_prints() {
        let secret: Secret = serde_json::from_str(r#""s3cr3t""#).unwrap();
        assert_eq!(secret.expose(), "s3cr3t");
        assert_eq!(serde_json::to_string(&secret).unwrap(), r#""s3cr3t""#);
        assert_eq!(
            format!("{secret:?} {secret:#?}"),
            "** redacted ** ** redacted **"
        );
    }

    #[test]
    fn a_wrong_type_is_reported_without_its_value() {
        let error = serde_json::from_str::<Secret>("123456789")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("123456789"), "{error}");
        assert!(error.contains("secret"), "{error}");
    }
}
