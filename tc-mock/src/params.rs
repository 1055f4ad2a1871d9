//! A request's parameters, read into the action's type; a failure is told as
//! the service tells it: `MissingParameter` naming the member, or
//! `InvalidParameter` with the reason.

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;

use crate::reply::MockError;

/// A request's parameters as they arrived.
pub(crate) enum Params<'a> {
    /// A POST body.
    Json(&'a [u8]),
    /// A GET query string.
    Query(&'a str),
}

/// The request in `params`, or the service's error for parameters that do
/// not fit it.
pub(crate) fn decode<A: DeserializeOwned>(params: Params<'_>) -> Result<A, MockError> {
    match params {
        Params::Json(body) => serde_json::from_slice(body).map_err(|e| {
            // serde_json names a missing member only in its message's text; read
            // the body again through an error type that keeps the name.
            let missing = serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|value| A::deserialize(Json(value)).err())
                .and_then(|unfit| unfit.missing);
            unfit_error(missing, &e)
        }),
        Params::Query(query) => {
            tc_core::query::decode(query).map_err(|e| unfit_error(e.missing_field(), &e))
        }
    }
}

/// `MissingParameter` when a member is missing, else `InvalidParameter`.
fn unfit_error(missing: Option<&str>, reason: &dyn fmt::Display) -> MockError {
    match missing {
        Some(name) => MockError::new(
            "MissingParameter",
            format!("The request is missing the required parameter `{name}`."),
        ),
        None => MockError::new(
            "InvalidParameter",
            format!("The request parameters are invalid: {reason}."),
        ),
    }
}

/// Why parameters do not fit a type, as serde reports it to a deserializer
/// of this error type: the missing member by name when that is the reason.
#[derive(Debug)]
struct Unfit {
    missing: Option<&'static str>,
    message: String,
}

impl fmt::Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Unfit {}

impl de::Error for Unfit {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Unfit {
            missing: None,
            message: message.to_string(),
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Unfit {
            missing: Some(field),
            message: format!("missing field `{field}`"),
        }
    }
}

/// A parsed JSON value, deserialized with [`Unfit`] as the error type.
struct Json(Value);

impl<'de> de::Deserializer<'de> for Json {
    type Error = Unfit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, f) => visitor.visit_f64(f.unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(Json));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(members) => {
                let mut map = MapDeserializer::new(members.into_iter().map(|(k, v)| (k, Json(v))));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        match self.0 {
            Value::String(name) => visitor.visit_enum(name.into_deserializer()),
            other => Json(other).deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, Unfit> for Json {
    type Deserializer = Json;

    fn into_deserializer(self) -> Json {
        self
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Request {
        image_id: String,
        limit: Option<u64>,
        filters: Vec<Filter>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Filter {
        name: String,
    }

    fn code_and_message(params: Params<'_>) -> (String, String) {
        let error = decode::<Request>(params).unwrap_err();
        (error.code, error.message)
    }

    #[test]
    fn a_missing_member_is_named() {
        for params in [
            Params::Json(br#"{"Limit": 1, "Filters": []}"#),
            Params::Query("Limit=1&Filters.0.Name=zone"),
        ] {
            let (code, message) = code_and_message(params);
            assert_eq!(code, "MissingParameter");
            assert!(message.contains("`ImageId`"), "{message}");
        }
        let (code, message) =
            code_and_message(Params::Json(br#"{"ImageId": "i", "Filters": [{}]}"#));
        assert_eq!(code, "MissingParameter");
        assert!(message.contains("`Name`"), "{message}");
    }

    #[test]
    fn other_problems_are_invalid_parameters() {
        for params in [
            Params::Json(br#"{"ImageId": 5, "Filters": []}"#),
            Params::Json(b"not json"),
            Params::Query("ImageId=i&Limit=many"),
        ] {
            let (code, message) = code_and_message(params);
            assert_eq!(code, "InvalidParameter", "{message}");
        }
        let request = decode::<Request>(Params::Json(
            br#"{"ImageId": "i", "Limit": null, "Filters": [{"Name": "zone"}]}"#,
        ))
        .unwrap();
        assert_eq!(request.filters.len(), 1);
    }
}
