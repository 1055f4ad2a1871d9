//! The common case in one pass: a successful response decoded straight into
//! the output type while its `Error` and `RequestId` members are picked out on
//! the way, with no probe pass and no path tracking. Any failure here sends
//! the body to the careful two-pass decoder, which finds the error to report.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::shape::ApiError;

/// What a well-formed envelope holds.
pub(super) struct Decoded<T> {
    /// The `Response` object as `T` (its `Error` member left out).
    pub(super) output: T,
    /// `Response.Error`, when the call failed.
    pub(super) error: Option<ApiError>,
    /// `Response.RequestId`.
    pub(super) request_id: Option<String>,
}

/// Decodes `{"Response": {...}}` in one pass; `None` on any failure.
pub(super) fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<Decoded<T>> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let decoded = deserializer
        .deserialize_map(EnvelopeVisitor(PhantomData))
        .ok()?;
    deserializer.end().ok()?;
    Some(decoded)
}

/// The top level: `Response` and members to skip.
struct EnvelopeVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for EnvelopeVisitor<T> {
    type Value = Decoded<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `Response` member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decoded<T>, A::Error> {
        let mut decoded = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.0 != "Response" {
                map.next_value::<IgnoredAny>()?;
            } else if decoded.is_some() {
                return Err(de::Error::duplicate_field("Response"));
            } else {
                decoded = Some(map.next_value_seed(ResponseSeed(PhantomData))?);
            }
        }
        decoded.ok_or_else(|| de::Error::missing_field("Response"))
    }
}

/// The `Response` object.
struct ResponseSeed<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for ResponseSeed<T> {
    type Value = Decoded<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Decoded<T>, D::Error> {
        deserializer.deserialize_map(ResponseVisitor(PhantomData))
    }
}

struct ResponseVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for ResponseVisitor<T> {
    type Value = Decoded<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the `Response` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Decoded<T>, A::Error> {
        let mut members = Members {
            map,
            error: None,
            request_id: None,
            pending: None,
        };
        let output = T::deserialize(MembersDeserializer(&mut members))?;
        Ok(Decoded {
            output,
            error: members.error.flatten(),
            request_id: members.request_id.flatten(),
        })
    }
}

/// The `Response` object's members as `T` sees them: `Error` is taken out,
/// `RequestId` is read here and then handed on.
struct Members<A> {
    map: A,
    /// `Some` once seen (`Some(None)` for `null`), to catch duplicates.
    error: Option<Option<ApiError>>,
    request_id: Option<Option<String>>,
    /// The `RequestId` value that `T` asks for next.
    pending: Option<Option<String>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for &mut Members<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            match &*key.0 {
                "Error" => {
                    if self.error.is_some() {
                        return Err(de::Error::duplicate_field("Error"));
                    }
                    self.error = Some(self.map.next_value()?);
                }
                "RequestId" => {
                    if self.request_id.is_some() {
                        return Err(de::Error::duplicate_field("RequestId"));
                    }
                    let id: Option<String> = self.map.next_value()?;
                    self.request_id = Some(id.clone());
                    self.pending = Some(id);
                    return seed.deserialize(key.into_deserializer()).map(Some);
                }
                _ => return seed.deserialize(key.into_deserializer()).map(Some),
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(id) => seed.deserialize(RequestIdDeserializer(id, PhantomData)),
            None => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// The `RequestId` value read already, handed to `T` as the JSON
/// deserializer would: a string (or `null`), or an `Option` of one.
struct RequestIdDeserializer<E>(Option<String>, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for RequestIdDeserializer<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Some(id) => visitor.visit_string(id),
            None => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.0 {
            Some(_) => visitor.visit_some(self),
            None => visitor.visit_none(),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Offers the members to `T` as a map, whatever `T` asks for (a struct, a
/// map, anything); a `T` that is not a map fails and goes the careful way.
struct MembersDeserializer<'a, A>(&'a mut Members<A>);

impl<'de, A: MapAccess<'de>> Deserializer<'de> for MembersDeserializer<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// A member name, borrowed from the body when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    fn into_deserializer<E: de::Error>(self) -> KeyDeserializer<'de, E> {
        match self.0 {
            Cow::Borrowed(name) => KeyDeserializer::Borrowed(BorrowedStrDeserializer::new(name)),
            Cow::Owned(name) => KeyDeserializer::Owned(StringDeserializer::new(name)),
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(name.to_owned())))
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(name)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A member name handed to `T`, borrowed or owned.
enum KeyDeserializer<'de, E> {
    Borrowed(BorrowedStrDeserializer<'de, E>),
    Owned(StringDeserializer<E>),
}

impl<'de, E: de::Error> Deserializer<'de> for KeyDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self {
            KeyDeserializer::Borrowed(name) => name.deserialize_any(visitor),
            KeyDeserializer::Owned(name) => name.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Output {
        #[serde(rename = "Items", default)]
        items: Vec<u32>,
        #[serde(rename = "RequestId")]
        request_id: Option<String>,
    }

    fn decode_output(body: &str) -> Option<Decoded<Output>> {
        decode(body.as_bytes())
    }

    #[test]
    fn picks_out_the_request_id_and_hands_it_on() {
        let got = decode_output(r#"{"Other":[1,{"a":null}],"Response":{"Items":[1,2],"Extra":{"x":"y"},"RequestId":"r-1"}}"#).unwrap();
        assert_eq!(
            got.output,
            Output {
                items: vec![1, 2],
                request_id: Some("r-1".into())
            }
        );
        assert_eq!(got.request_id.as_deref(), Some("r-1"));
        assert!(got.error.is_none());

        let got = decode_output(r#"{"Response":{"RequestId":null,"Items":[]}}"#).unwrap();
        assert_eq!(got.output.request_id, None);
        assert_eq!(got.request_id, None);
    }

    #[test]
    fn takes_the_error_out_of_the_output() {
        let got =
            decode_output(r#"{"Response":{"Error":{"Code":"A.B","Message":"m"},"RequestId":"r"}}"#)
                .unwrap();
        let error = got.error.unwrap();
        assert_eq!((error.code.as_str(), error.message.as_str()), ("A.B", "m"));
        assert_eq!(got.output.items, Vec::<u32>::new());
    }

    #[test]
    fn escaped_member_names_still_match() {
        let got =
            decode_output(r#"{"Respons\u0065":{"Request\u0049d":"r","\u0049tems":[3]}}"#).unwrap();
        assert_eq!(got.request_id.as_deref(), Some("r"));
        assert_eq!(got.output.items, [3]);
    }

    #[test]
    fn leaves_anything_unusual_to_the_careful_decoder() {
        for body in [
            "",
            "[]",
            r#"{"Response":null}"#,
            r#"{"Response":[]}"#,
            r#"{"Other":1}"#,
            r#"{"Response":{"RequestId":"a"},"Response":{"RequestId":"b"}}"#,
            r#"{"Response":{"RequestId":"a","RequestId":"b"}}"#,
            r#"{"Response":{"Error":null,"Error":{"Code":"X"}}}"#,
            r#"{"Response":{"Error":{"Message":"no code"}}}"#,
            r#"{"Response":{"Items":["x"]}}"#,
            r#"{"Response":{}} trailing"#,
            r#"{"Response":{}"#,
        ] {
            assert!(decode_output(body).is_none(), "{body}");
        }
    }
}
