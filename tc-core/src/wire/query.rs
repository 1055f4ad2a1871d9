//! The GET form of an API 3.0 request: parameters flattened into a query
//! string (`InstanceIds.0=ins-1&Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-6`),
//! and the way back, from query pairs to a typed request.
//!
//! The client sends a GET action with [`encode`]; [`decode`] is for the other
//! end: a server or a local stand-in (such as `tc-mock`) reading the GET
//! requests it receives, or a test checking the round trip.
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, PartialEq, Serialize, Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct DescribeInstances {
//!     instance_ids: Vec<String>,
//!     limit: u64,
//! }
//!
//! let request = DescribeInstances { instance_ids: vec!["ins-1".into()], limit: 10 };
//! let query = tc_core::query::encode(&request)?;
//! assert_eq!(query, "InstanceIds.0=ins-1&Limit=10");
//! assert_eq!(tc_core::query::decode::<DescribeInstances>(&query)?, request);
//! # Ok::<(), tc_core::query::QueryError>(())
//! ```

mod decode;

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

pub use decode::{decode, from_pairs};

/// Flattens a request into `(name, value)` pairs: objects join member names with
/// `.`, lists use the element index, `null` members are left out, booleans are
/// `true`/`false`. Pairs come out sorted by object member name.
///
/// # Errors
/// When `value` cannot be serialized, or is not an object at the top.
pub fn flatten<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, QueryError> {
    let mut pairs = Vec::new();
    walk(value, |name, value| {
        pairs.push((name.to_owned(), value.to_owned()))
    })?;
    Ok(pairs)
}

/// Flattens a request and percent-encodes it as a query string (without `?`),
/// the pairs in `flatten`'s order, written straight into the string.
///
/// # Errors
/// When `value` cannot be serialized, or is not an object at the top.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, QueryError> {
    let mut query = String::with_capacity(256);
    walk(value, |name, value| {
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(form_urlencoded::byte_serialize(name.as_bytes()));
        query.push('=');
        query.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    })?;
    Ok(query)
}

/// Calls `pair` with each flattened `(name, value)`, in order.
fn walk<T: Serialize + ?Sized>(
    value: &T,
    mut pair: impl FnMut(&str, &str),
) -> Result<(), QueryError> {
    let value = serde_json::to_value(value).map_err(|e| QueryError::new(e.to_string()))?;
    let Value::Object(members) = value else {
        return Err(QueryError::new("a request must serialize to an object"));
    };
    let mut name = String::new();
    for (key, value) in &members {
        name.clear();
        name.push_str(key);
        walk_value(&mut pair, &mut name, value);
    }
    Ok(())
}

fn walk_value(pair: &mut impl FnMut(&str, &str), name: &mut String, value: &Value) {
    let len = name.len();
    match value {
        Value::Null => {}
        Value::Bool(b) => pair(name, if *b { "true" } else { "false" }),
        Value::Number(n) => pair(name, &n.to_string()),
        Value::String(s) => pair(name, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                name.push('.');
                let _ = write!(name, "{i}");
                walk_value(pair, name, item);
                name.truncate(len);
            }
        }
        Value::Object(members) => {
            for (key, item) in members {
                name.push('.');
                name.push_str(key);
                walk_value(pair, name, item);
                name.truncate(len);
            }
        }
    }
}

/// Why a query could not be built or read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    message: String,
    missing_field: Option<&'static str>,
}

impl QueryError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
            missing_field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Filter {
        name: String,
        values: Vec<String>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Request {
        instance_ids: Vec<String>,
        filters: Vec<Filter>,
        limit: Option<u64>,
        offset: Option<i64>,
        dry_run: bool,
        ratio: f64,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        absent: Option<String>,
    }

    fn sample() -> Request {
        Request {
            instance_ids: vec!["ins-1".into(), "ins-2".into()],
            filters: vec![Filter {
                name: "zone".into(),
                values: vec!["ap-guangzhou-6".into(), "a b&c=d/é".into()],
            }],
            limit: Some(20),
            offset: None,
            dry_run: true,
            ratio: 0.5,
            absent: None,
        }
    }

    #[test]
    fn flattens_nested_values_with_indices() {
        let pairs = flatten(&sample()).unwrap();
        let expected = [
            ("DryRun", "true"),
            ("Filters.0.Name", "zone"),
            ("Filters.0.Values.0", "ap-guangzhou-6"),
            ("Filters.0.Values.1", "a b&c=d/é"),
            ("InstanceIds.0", "ins-1"),
            ("InstanceIds.1", "ins-2"),
            ("Limit", "20"),
            ("Ratio", "0.5"),
        ];
        let got: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn encodes_reserved_characters() {
        let query = encode(&sample()).unwrap();
        assert!(
            query.contains("Filters.0.Values.1=a+b%26c%3Dd%2F%C3%A9"),
            "{query}"
        );
        assert!(
            query.starts_with("DryRun=true&Filters.0.Name=zone&"),
            "{query}"
        );
    }

    #[test]
    fn encoding_is_form_encoding_of_the_flattened_pairs() {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in flatten(&sample()).unwrap() {
            serializer.append_pair(&name, &value);
        }
        assert_eq!(encode(&sample()).unwrap(), serializer.finish());
        assert_eq!(encode(&serde_json::json!({})).unwrap(), "");
        assert!(encode(&[1, 2]).is_err());
    }

    #[test]
    fn decoding_inverts_encoding() {
        let query = encode(&sample()).unwrap();
        let back: Request = decode(&query).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn lists_follow_numeric_not_lexical_order() {
        let pairs: Vec<(String, String)> = (0..12)
            .map(|i| (format!("InstanceIds.{i}"), format!("ins-{i}")))
            .chain([
                ("DryRun".to_owned(), "false".to_owned()),
                ("Ratio".to_owned(), "1".to_owned()),
            ])
            .collect();
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Ids {
            instance_ids: Vec<String>,
        }
        let ids: Ids = from_pairs(pairs).unwrap();
        assert_eq!(ids.instance_ids[10], "ins-10");
        assert_eq!(ids.instance_ids.len(), 12);
    }

    #[test]
    fn reports_bad_input() {
        let err = decode::<Request>("Limit=5&DryRun=true&Ratio=1").unwrap_err();
        assert!(
            err.to_string().contains("missing field `InstanceIds`"),
            "{err}"
        );
        let err = decode::<Request>(
            "InstanceIds.0=a&Filters.0.Name=z&Filters.0.Values.0=v&DryRun=true&Ratio=1&Limit=x",
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "`x` is not a valid u64");
        let err = decode::<Request>("A=1&A.B=2").unwrap_err();
        assert!(err.to_string().contains("clashes"), "{err}");
        let err = decode::<Request>("InstanceIds.0=a&InstanceIds.2=b").unwrap_err();
        assert!(err.to_string().contains("without gaps"), "{err}");
        assert!(decode::<Request>("A..B=1").is_err());
    }
}
