//! The pieces every `#[tc_action]` and `#[tc_model]` struct's `Serialize` and
//! `Deserialize` impls are made of.
//!
//! The attributes write those impls themselves instead of deriving them with
//! serde: the wire is always a JSON-like map with known member names, so a
//! struct needs only `visit_map` (no sequence form, no field-identifier type of
//! its own). Each impl is a few lines calling the generic helpers here, which
//! keeps the code the compiler checks per struct small: for a crate with
//! hundreds of actions that halves its build time.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::wire::lenient::{LenientSeed, OnPath, is_strict, path};
use serde::ser::{Serialize, SerializeStruct};

/// A struct's member names, sorted, each with the index of its field.
pub type Members = &'static [(&'static str, u16)];

/// What a struct's generated `Deserialize` impl fills in from a map.
pub trait DecodeMap<'de>: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;
    /// Reads every member of `map` into a new value.
    ///
    /// # Errors
    /// A member of the wrong type, a member given twice, or a missing required one.
    fn decode_map<M: MapAccess<'de>>(map: M) -> Result<Self, M::Error>;
}

/// Deserializes any [`DecodeMap`] struct from a map.
pub fn deserialize<'de, T: DecodeMap<'de>, D: Deserializer<'de>>(
    deserializer: D,
    fields: &'static [&'static str],
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, fields, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeMap<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", T::NAME)
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
        T::decode_map(map)
    }
}

/// The next member's field index, `None` for a member the struct does not have.
///
/// # Errors
/// When the map's key is not a string.
pub fn next_member<'de, M: MapAccess<'de>>(
    map: &mut M,
    members: Members,
) -> Result<Option<Option<u16>>, M::Error> {
    map.next_key_seed(MemberSeed(members))
}

struct MemberSeed(Members);

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Option<u16>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u16>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for MemberSeed {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<u16>, E> {
        let index = self
            .0
            .binary_search_by(|(member, _)| (*member).cmp(name))
            .ok()
            .map(|i| self.0[i].1);
        // Every answer carries a RequestId, which a user's struct need not declare.
        if index.is_none() && name != "RequestId" && is_strict() {
            let at = path();
            let within = if at.is_empty() {
                String::new()
            } else {
                format!(" in {at}")
            };
            return Err(E::custom(format_args!(
                "unknown member `{name}`{within} (strict decoding: the struct has no such field; is one misspelt?)"
            )));
        }
        Ok(index)
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<u16>, E> {
        match core::str::from_utf8(name) {
            Ok(name) => self.visit_str(name),
            Err(_) => Ok(None),
        }
    }
}

/// Reads the current member's value into `slot`.
///
/// # Errors
/// When the value does not fit the type, or the member was already given.
pub fn take<'de, M: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    let _on_path = OnPath::member(name);
    *slot = Some(map.next_value_seed(LenientSeed(PhantomData::<T>))?);
    Ok(())
}

/// As [`take`], with `null` read as the type's default: what a model's plain
/// (non-`Option`) member gets, so that a response with a `null` list decodes.
///
/// # Errors
/// As [`take`].
pub fn take_or_default<'de, M: MapAccess<'de>, T: de::Deserialize<'de> + Default>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    let _on_path = OnPath::member(name);
    let value = map.next_value_seed(LenientSeed(PhantomData::<Option<T>>))?;
    *slot = Some(value.unwrap_or_default());
    Ok(())
}

/// Skips the current member's value: one the struct does not have.
///
/// # Errors
/// When the value is malformed.
pub fn skip<'de, M: MapAccess<'de>>(map: &mut M) -> Result<(), M::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a required member.
///
/// # Errors
/// When the member was not given.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The value of a model's plain member: its default when absent, except in
/// strict mode, where an absent member is an error (a misspelt field).
///
/// # Errors
/// In strict mode, when the member was not given.
pub fn present_or_default<T: Default, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None if is_strict() => Err(E::missing_field(name)),
        None => Ok(T::default()),
    }
}

/// Writes a member that is always sent.
///
/// # Errors
/// As the serializer's.
pub fn field<S: SerializeStruct, T: Serialize + ?Sized>(
    out: &mut S,
    name: &'static str,
    value: &T,
) -> Result<(), S::Error> {
    out.serialize_field(name, value)
}

/// Writes an optional member, or leaves it out when it is `None`.
///
/// # Errors
/// As the serializer's.
pub fn optional<S: SerializeStruct, T: Serialize>(
    out: &mut S,
    name: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error> {
    match value {
        Some(value) => out.serialize_field(name, value),
        None => out.skip_field(name),
    }
}
