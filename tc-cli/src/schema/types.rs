//! A member's type as the schema facts write it: `string`, `int`, ... or a
//! model's name, `[T]` for a list.

use std::fmt;

use serde::Deserialize;

/// A member's type.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub(crate) enum Type {
    One(Kind),
    List(Kind),
}

/// A single value's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text, and the kinds of text with a form of their own (dates, files).
    Text(&'static str),
    Int,
    Uint,
    Float,
    Bool,
    /// A model, by its schema name.
    Model(String),
}

const TEXTS: [&str; 5] = ["string", "datetime", "datetime_iso", "date", "binary"];

impl TryFrom<String> for Type {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let kind = |name: &str| -> Result<Kind, String> {
            Ok(match name {
                "int" => Kind::Int,
                "uint" => Kind::Uint,
                "float" => Kind::Float,
                "bool" => Kind::Bool,
                text if TEXTS.contains(&text) => Kind::Text(
                    TEXTS
                        .iter()
                        .find(|t| **t == text)
                        .copied()
                        .unwrap_or("string"),
                ),
                model if model.starts_with(|c: char| c.is_ascii_uppercase()) => {
                    Kind::Model(model.to_owned())
                }
                other => return Err(format!("unknown type `{other}`")),
            })
        };
        match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            Some(inner) => Ok(Type::List(kind(inner)?)),
            None => Ok(Type::One(kind(&text)?)),
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Kind::Text(name) => f.write_str(name),
            Kind::Int => f.write_str("integer"),
            Kind::Uint => f.write_str("integer (0 or more)"),
            Kind::Float => f.write_str("number"),
            Kind::Bool => f.write_str("boolean"),
            Kind::Model(name) => f.write_str(name),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::One(kind) => write!(f, "{kind}"),
            Type::List(kind) => write!(f, "list of {kind}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        let t = |s: &str| Type::try_from(s.to_owned());
        assert_eq!(t("int").unwrap(), Type::One(Kind::Int));
        assert_eq!(
            t("[Filter]").unwrap(),
            Type::List(Kind::Model("Filter".into()))
        );
        assert_eq!(t("[date]").unwrap(), Type::List(Kind::Text("date")));
        assert!(t("widget").is_err());
        assert_eq!(t("[string]").unwrap().to_string(), "list of string");
    }
}
