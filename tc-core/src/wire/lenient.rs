//! Reading the service's loosely typed values, and the strict mode for
//! tests.
//!
//! The service is known to send a number as a string (`"253"` for a `u64`),
//! a bool as `"true"`/`"false"`, a string as a number (`0` for a `String`);
//! the official Go SDK fails those calls. Each member a `#[tc_model]` or
//! `#[tc_action]` struct reads goes through [`Lenient`], which accepts them
//! and logs a `tracing` warning naming the JSON path (never the value).
//!
//! Strict mode ([`strictly`], [`ClientBuilder::strict_decoding`](crate::ClientBuilder::strict_decoding)) is for tests:
//! a member the struct does not know, or a plain (non-`Option`) member the
//! answer lacks, fails the decoding, so a misspelt member is caught.

use core::fmt;
use std::cell::{Cell, RefCell};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

thread_local! {
    static STRICT: Cell<bool> = const { Cell::new(false) };
    static PATH: RefCell<Vec<Segment>> = const { RefCell::new(Vec::new()) };
}

/// Runs `decode` in strict mode when `strict` is set. Decoding is
/// synchronous, so a thread-local flag is seen by every nested struct.
pub(crate) fn strictly<R>(strict: bool, decode: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(STRICT.with(|s| s.replace(strict)));
    decode()
}

/// Whether the current decoding is strict.
pub(crate) fn is_strict() -> bool {
    STRICT.with(Cell::get)
}

/// One step of the JSON path being decoded.
enum Segment {
    Member(&'static str),
    Index(usize),
}

/// Keeps a segment on the path while a value is decoded, even on error.
pub(crate) struct OnPath;

impl OnPath {
    pub(crate) fn member(name: &'static str) -> OnPath {
        PATH.with(|p| p.borrow_mut().push(Segment::Member(name)));
        OnPath
    }

    fn index(index: usize) -> OnPath {
        PATH.with(|p| p.borrow_mut().push(Segment::Index(index)));
        OnPath
    }
}

impl Drop for OnPath {
    fn drop(&mut self) {
        PATH.with(|p| p.borrow_mut().pop());
    }
}

/// The JSON path decoded now, from the output type's root:
/// `InstanceSet[0].CPU`.
pub(crate) fn path() -> String {
    PATH.with(|p| {
        let mut out = String::new();
        for segment in p.borrow().iter() {
            match segment {
                Segment::Member(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    })
}

fn warn(found: &str, wanted: &str) {
    tracing::warn!(
        path = %path(),
        found,
        wanted,
        "accepted a loosely typed value from the service"
    );
}

/// Deserializes `T` through [`Lenient`].
pub(crate) struct LenientSeed<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for LenientSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Lenient(deserializer))
    }
}

/// A deserializer that reads numbers and bools written as strings, and
/// strings written as numbers or bools, and passes the rest through. Lists,
/// maps and `Option`s hand it down to their values; a nested struct's
/// members get their own.
pub(crate) struct Lenient<D>(pub(crate) D);

macro_rules! number {
    ($($method:ident => $wanted:literal),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.deserialize_any(Number { visitor, wanted: $wanted })
            }
        )*
    };
}

macro_rules! forward {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<D> {
    type Error = D::Error;

    number! {
        deserialize_i8 => "an integer", deserialize_i16 => "an integer",
        deserialize_i32 => "an integer", deserialize_i64 => "an integer",
        deserialize_u8 => "an integer", deserialize_u16 => "an integer",
        deserialize_u32 => "an integer", deserialize_u64 => "an integer",
        deserialize_f32 => "a number", deserialize_f64 => "a number",
    }

    forward! {
        deserialize_any, deserialize_i128, deserialize_u128, deserialize_char,
        deserialize_bytes, deserialize_byte_buf, deserialize_unit,
        deserialize_identifier, deserialize_ignored_any,
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Bool(visitor))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Text(visitor))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Text(visitor))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Wrap(visitor))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_seq(Wrap(visitor))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A number member: a number as is, or a string holding one.
struct Number<V> {
    visitor: V,
    wanted: &'static str,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Number<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.visitor.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.visitor.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        let text = v.trim();
        let result = if let Ok(n) = text.parse::<u64>() {
            self.visitor.visit_u64(n)
        } else if let Ok(n) = text.parse::<i64>() {
            self.visitor.visit_i64(n)
        } else if let Ok(n) = text.parse::<f64>().map_err(drop).and_then(finite) {
            self.visitor.visit_f64(n)
        } else {
            return Err(E::invalid_type(de::Unexpected::Str(v), &self.wanted));
        };
        if result.is_ok() {
            warn("a string", self.wanted);
        }
        result
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }
}

/// `inf` and `NaN` parse as `f64` but are no JSON number.
fn finite(n: f64) -> Result<f64, ()> {
    if n.is_finite() { Ok(n) } else { Err(()) }
}

/// A bool member: a bool as is, or `"true"` / `"false"`.
struct Bool<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Bool<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.0.visit_bool(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        let value = match v.trim() {
            "true" => true,
            "false" => false,
            _ => return self.0.visit_str(v),
        };
        warn("a string", "a bool");
        self.0.visit_bool(value)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// A string member: a string as is, or a number or bool, in its JSON text.
struct Text<V>(V);

impl<'de, V: Visitor<'de>> Text<V> {
    fn from<E: de::Error>(self, found: &str, text: String) -> Result<V::Value, E> {
        warn(found, "a string");
        self.0.visit_string(text)
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Text<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.0.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.0.visit_string(v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.from("a bool", v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.from("a number", v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.from("a number", v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        // serde_json writes it back as JSON would.
        let text = serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string());
        self.from("a number", text)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// An `Option`, list, map or newtype: its contents read leniently.
struct Wrap<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Lenient(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Lenient(deserializer))
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Elements { seq, index: 0 })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Values(map))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.0.visit_bool(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0.visit_i64(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0.visit_u64(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_str(v)
    }
}

/// A list's elements, each read leniently, its index on the path.
struct Elements<A> {
    seq: A,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        let _on_path = OnPath::index(self.index);
        self.index += 1;
        self.seq.next_element_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A map's values, each read leniently (keys as they are).
struct Values<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Values<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(LenientSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::marker::PhantomData;

    use super::*;

    fn lenient<T: de::DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        LenientSeed(PhantomData::<T>).deserialize(&mut deserializer)
    }

    #[test]
    fn loose_scalars_are_read() {
        assert_eq!(lenient::<u64>(r#""253""#).unwrap(), 253);
        assert_eq!(lenient::<i32>(r#"" -7 ""#).unwrap(), -7);
        assert_eq!(lenient::<f64>(r#""2.5""#).unwrap(), 2.5);
        assert!(!lenient::<bool>(r#""false""#).unwrap());
        assert_eq!(lenient::<String>("0").unwrap(), "0");
        assert_eq!(lenient::<String>("1.5").unwrap(), "1.5");
        assert_eq!(lenient::<String>("true").unwrap(), "true");
        assert_eq!(lenient::<Option<u64>>(r#""9""#).unwrap(), Some(9));
        assert_eq!(lenient::<Option<u64>>("null").unwrap(), None);
        assert_eq!(lenient::<Vec<u64>>(r#"["1", 2]"#).unwrap(), [1, 2]);
        let map = lenient::<BTreeMap<String, bool>>(r#"{"a": "true"}"#).unwrap();
        assert!(map["a"]);
    }

    #[test]
    fn what_is_not_loose_is_still_refused() {
        assert!(lenient::<u64>(r#""abc""#).is_err());
        assert!(lenient::<u64>(r#""-1""#).is_err());
        assert!(lenient::<u8>(r#""300""#).is_err());
        assert!(lenient::<u64>(r#""""#).is_err());
        assert!(lenient::<f64>(r#""NaN""#).is_err());
        assert!(lenient::<bool>(r#""yes""#).is_err());
        assert!(lenient::<bool>("1").is_err());
        assert!(lenient::<String>("[1]").is_err());
        assert!(lenient::<u64>("[1]").is_err());
    }

    #[test]
    fn the_path_follows_members_and_indexes() {
        let _a = OnPath::member("InstanceSet");
        let _b = OnPath::index(3);
        {
            let _c = OnPath::member("CPU");
            assert_eq!(path(), "InstanceSet[3].CPU");
        }
        assert_eq!(path(), "InstanceSet[3]");
    }

    #[test]
    fn strict_mode_is_scoped() {
        assert!(!is_strict());
        strictly(true, || {
            assert!(is_strict());
            strictly(false, || assert!(!is_strict()));
            assert!(is_strict());
        });
        assert!(!is_strict());
    }
}
