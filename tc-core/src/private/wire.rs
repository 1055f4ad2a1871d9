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

/// Reads the current member's value into its field, `place`; `seen` has a
/// flag per field, `index` is this one's.
///
/// # Errors
/// When the value does not fit the type, or the member was already given.
pub fn read<'de, M: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut M,
    seen: &mut [bool],
    index: u16,
    place: &mut T,
    name: &'static str,
) -> Result<(), M::Error> {
    first_time(seen, index, name)?;
    let _on_path = OnPath::member(name);
    *place = map.next_value_seed(LenientSeed(PhantomData::<T>))?;
    Ok(())
}

/// As [`read`], with `null` read as the type's default: what a model's plain
/// (non-`Option`) member gets, so that a response with a `null` list decodes.
///
/// # Errors
/// As [`read`].
pub fn read_or_default<'de, M: MapAccess<'de>, T: de::Deserialize<'de> + Default>(
    map: &mut M,
    seen: &mut [bool],
    index: u16,
    place: &mut T,
    name: &'static str,
) -> Result<(), M::Error> {
    let mut value: Option<T> = None;
    read(map, seen, index, &mut value, name)?;
    *place = value.unwrap_or_default();
    Ok(())
}

/// Marks the field `index` as given.
fn first_time<E: de::Error>(seen: &mut [bool], index: u16, name: &'static str) -> Result<(), E> {
    match seen.get_mut(usize::from(index)) {
        Some(flag) if !*flag => {
            *flag = true;
            Ok(())
        }
        _ => Err(E::duplicate_field(name)),
    }
}

/// Skips the current member's value: one the struct does not have.
///
/// # Errors
/// When the value is malformed.
pub fn skip<'de, M: MapAccess<'de>>(map: &mut M) -> Result<(), M::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// Checks, once the map is read, that the struct's plain (non-`Option`)
/// fields, `plain` (index and wire name, in field order), were given: always
/// for a request's parameters (`required`), only in strict decoding for a
/// model's, whose absent members keep their default.
///
/// # Errors
/// For the first plain field not given, when it had to be.
pub fn check_given<E: de::Error>(
    seen: &[bool],
    plain: &'static [(u16, &'static str)],
    required: bool,
) -> Result<(), E> {
    let missing = plain
        .iter()
        .find(|(index, _)| !seen.get(usize::from(*index)).copied().unwrap_or(false));
    match missing {
        Some((_, name)) if required || is_strict() => Err(E::missing_field(name)),
        _ => Ok(()),
    }
}

/// A struct being written member by member: the first error is kept and the
/// members after it are left out, so that generated code calls one method
/// per member without checking each result.
pub struct Fields<S: SerializeStruct> {
    out: S,
    error: Option<S::Error>,
}

impl<S: SerializeStruct> Fields<S> {
    /// Starts writing a struct through `out`.
    pub fn new(out: S) -> Self {
        Fields { out, error: None }
    }

    /// Writes a member that is always sent.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        if self.error.is_none() {
            let written = self.out.serialize_field(name, value);
            self.keep(written);
        }
    }

    /// Writes an optional member, or leaves it out when it is `None`.
    pub fn optional<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        match value {
            Some(value) => self.field(name, value),
            None if self.error.is_none() => {
                let skipped = self.out.skip_field(name);
                self.keep(skipped);
            }
            None => {}
        }
    }

    /// Keeps a member's error, if it is the first.
    fn keep(&mut self, written: Result<(), S::Error>) {
        if let Err(error) = written {
            self.error = Some(error);
        }
    }

    /// Ends the struct.
    ///
    /// # Errors
    /// The first error of a member, or the serializer's at the end.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.out.end(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::ser::{Error as _, Serializer};

    use super::{Fields, Serialize};

    /// A member whose serialization fails with its message.
    struct Fails(&'static str);

    impl Serialize for Fails {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom(self.0))
        }
    }

    /// A struct written through `Fields`, with `b` and `c` as given.
    struct Written<B, C> {
        b: Option<B>,
        c: C,
    }

    impl<B: Serialize, C: Serialize> Serialize for Written<B, C> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut out = Fields::new(serializer.serialize_struct("Written", 3)?);
            out.field("A", &1);
            out.optional("B", &self.b);
            out.field("C", &self.c);
            out.end()
        }
    }

    #[test]
    fn members_are_written_and_none_is_left_out() {
        let both = Written { b: Some(2), c: 3 };
        assert_eq!(
            serde_json::to_string(&both).unwrap(),
            r#"{"A":1,"B":2,"C":3}"#
        );
        let no_b = Written::<u8, _> { b: None, c: 3 };
        assert_eq!(serde_json::to_string(&no_b).unwrap(), r#"{"A":1,"C":3}"#);
    }

    #[test]
    fn the_first_failing_member_is_the_error() {
        let two = Written {
            b: Some(Fails("first")),
            c: Fails("second"),
        };
        assert_eq!(
            serde_json::to_string(&two).unwrap_err().to_string(),
            "first"
        );
        let last = Written::<u8, _> {
            b: None,
            c: Fails("last"),
        };
        assert_eq!(
            serde_json::to_string(&last).unwrap_err().to_string(),
            "last"
        );
    }
}
