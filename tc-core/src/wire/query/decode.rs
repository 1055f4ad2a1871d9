//! From query pairs back to a typed request: the inverse of
//! [`flatten`](super::flatten), for a server reading GET requests (tc-mock)
//! and the tests and fuzz targets that check the round trip.

use std::collections::BTreeMap;

use std::fmt;

use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::QueryError;

/// Rebuilds a typed value from flattened pairs, the inverse of [`flatten`](super::flatten):
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
    let clash = || QueryError::new(format!("parameter `{name}` clashes with another parameter"));
    let mut segments = name.split('.');
    let last = segments
        .next_back()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            QueryError::new(format!("parameter name `{name}` is empty or ends with `.`"))
        })?;
    let mut branch = root;
    for segment in segments {
        if segment.is_empty() {
            return Err(QueryError::new(format!(
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

impl QueryError {
    /// The member the request lacks, when that is why it could not be read.
    pub fn missing_field(&self) -> Option<&'static str> {
        self.missing_field
    }
}

impl de::Error for QueryError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        QueryError::new(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        QueryError {
            message: format!("missing field `{field}`"),
            missing_field: Some(field),
        }
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
            other => Err(QueryError::new(format!(
                "expected {expected}, found {}",
                other.describe()
            ))),
        }
    }

    /// A branch whose names are all indices, as a list in index order.
    fn into_list(self) -> Result<Vec<Node>, QueryError> {
        let Node::Branch(children) = self else {
            return Err(QueryError::new("expected a list, found a single value"));
        };
        let mut indexed = children
            .into_iter()
            .map(|(k, v)| k.parse::<usize>().map(|i| (i, v)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| QueryError::new("expected a list with numeric indices"))?;
        indexed.sort_unstable_by_key(|(i, _)| *i);
        if indexed.iter().enumerate().any(|(pos, (i, _))| pos != *i) {
            return Err(QueryError::new(
                "list indices must run 0, 1, 2, ... without gaps",
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
                .map_err(|_| QueryError::new(format!("`{text}` is not a valid {}", stringify!($ty))))?;
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
            _ => Err(QueryError::new(format!("`{text}` is not a valid boolean"))),
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
            Node::Leaf(_) => Err(QueryError::new(
                "expected nested parameters, found a single value",
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
