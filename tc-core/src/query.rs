//! The GET form of a request: parameters flattened into a query string
//! (`InstanceIds.0=ins-1&Filters.0.Name=zone&Filters.0.Values.0=ap-guangzhou-6`),
//! and the way back, from query pairs to a typed request.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use serde::Serialize;
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;

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
/// the pairs in [`flatten`]'s order, written straight into the string.
///
/// # Errors
/// As [`flatten`].
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
    let value = serde_json::to_value(value).map_err(|e| QueryError(e.to_string()))?;
    let Value::Object(members) = value else {
        return Err(QueryError(
            "a request must serialize to an object".to_owned(),
        ));
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

/// Rebuilds a typed value from flattened pairs, the inverse of [`flatten`]:
/// numbers and booleans are parsed from their text where the type asks for them.
///
/// # Errors
/// When two names clash (`A=1` and `A.B=2`), or the pairs do not fit `T`
/// (a required member is missing, a number does not parse, ...).
pub fn from_pairs<T, I, K, V>(pairs: I) -> Result<T, QueryError>
where
    T: DeserializeOwned,
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
    V: Into<String>,
{
    let mut root = BTreeMap::new();
    for (name, value) in pairs {
        insert(&mut root, name.as_ref(), value.into())?;
    }
    T::deserialize(Node::Branch(root))
}

/// Parses a raw query string (`a=1&b.0=x`) with [`from_pairs`].
///
/// # Errors
/// As [`from_pairs`].
pub fn decode<T: DeserializeOwned>(query: &str) -> Result<T, QueryError> {
    from_pairs(form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k, v.into_owned())))
}

fn insert(root: &mut BTreeMap<String, Node>, name: &str, value: String) -> Result<(), QueryError> {
    let clash = || QueryError(format!("parameter `{name}` clashes with another parameter"));
    let mut segments = name.split('.');
    let last = segments
        .next_back()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| QueryError(format!("parameter name `{name}` is empty or ends with `.`")))?;
    let mut branch = root;
    for segment in segments {
        if segment.is_empty() {
            return Err(QueryError(format!(
                "parameter name `{name}` has an empty part"
            )));
        }
        let node = branch
            .entry(segment.to_owned())
            .or_insert_with(|| Node::Branch(BTreeMap::new()));
        branch = match node {
            Node::Branch(children) => children,
            Node::Leaf(_) => return Err(clash()),
        };
    }
    if branch.insert(last.to_owned(), Node::Leaf(value)).is_some() {
        return Err(clash());
    }
    Ok(())
}

/// Why a query could not be built or read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(String);

impl de::Error for QueryError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        QueryError(msg.to_string())
    }
}

/// One level of the rebuilt parameter tree.
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>),
}

impl Node {
    fn describe(&self) -> &'static str {
        match self {
            Node::Leaf(_) => "a single value",
            Node::Branch(_) => "nested parameters",
        }
    }

    fn into_leaf(self, expected: &str) -> Result<String, QueryError> {
        match self {
            Node::Leaf(text) => Ok(text),
            other => Err(QueryError(format!(
                "expected {expected}, found {}",
                other.describe()
            ))),
        }
    }

    /// A branch whose names are all indices, as a list in index order.
    fn into_list(self) -> Result<Vec<Node>, QueryError> {
        let Node::Branch(children) = self else {
            return Err(QueryError(
                "expected a list, found a single value".to_owned(),
            ));
        };
        let mut indexed = children
            .into_iter()
            .map(|(k, v)| k.parse::<usize>().map(|i| (i, v)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| QueryError("expected a list with numeric indices".to_owned()))?;
        indexed.sort_unstable_by_key(|(i, _)| *i);
        if indexed.iter().enumerate().any(|(pos, (i, _))| pos != *i) {
            return Err(QueryError(
                "list indices must run 0, 1, 2, ... without gaps".to_owned(),
            ));
        }
        Ok(indexed.into_iter().map(|(_, v)| v).collect())
    }
}

macro_rules! parse_number {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
            let text = self.into_leaf(stringify!($ty))?;
            let parsed: $ty = text
                .trim()
                .parse()
                .map_err(|_| QueryError(format!("`{text}` is not a valid {}", stringify!($ty))))?;
            visitor.$visit(parsed)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Node {
    type Error = QueryError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self {
            Node::Leaf(text) => visitor.visit_string(text),
            Node::Branch(children) => visitor.visit_map(MapAccess::new(children.into_iter())),
        }
    }

    parse_number! {
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
        deserialize_f32 => visit_f32: f32,
        deserialize_f64 => visit_f64: f64,
        deserialize_char => visit_char: char,
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        let text = self.into_leaf("a boolean")?;
        match text.trim() {
            "true" | "True" | "TRUE" | "1" => visitor.visit_bool(true),
            "false" | "False" | "FALSE" | "0" => visitor.visit_bool(false),
            _ => Err(QueryError(format!("`{text}` is not a valid boolean"))),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        // A parameter that is present at all is `Some`.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_seq(de::value::SeqDeserializer::new(
            self.into_list()?.into_iter(),
        ))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self {
            Node::Branch(children) => visitor.visit_map(MapAccess::new(children.into_iter())),
            Node::Leaf(_) => Err(QueryError(
                "expected nested parameters, found a single value".to_owned(),
            )),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, QueryError> {
        let text: StringDeserializer<QueryError> = self.into_leaf("a name")?.into_deserializer();
        visitor.visit_enum(text)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_unit()
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        str string bytes byte_buf unit_struct identifier
    }
}

impl<'de> IntoDeserializer<'de, QueryError> for Node {
    type Deserializer = Node;

    fn into_deserializer(self) -> Node {
        self
    }
}

type MapAccess = de::value::MapDeserializer<
    'static,
    std::collections::btree_map::IntoIter<String, Node>,
    QueryError,
>;

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
