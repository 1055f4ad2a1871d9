//! The spec's type vocabulary, mapped onto Rust types that never lose data, and
//! the rules that decide whether a member is `Option<T>`.

use crate::spec::MemberSpec;

/// A scalar or object type, as used by a member or a list element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    String,
    /// `datetime`: a date and time as the service writes it (`2020-09-22 00:00:00`).
    DateTime,
    /// `datetime_iso`: an ISO 8601 / RFC 3339 timestamp.
    DateTimeIso,
    /// `date`: a calendar date (`2021-02-01`).
    Date,
    /// `binary`: the bytes of a file, which the service takes in a
    /// multipart upload; carried here as text.
    Binary,
    I64,
    U64,
    F64,
    Bool,
    /// A model, by its schema name.
    Object(String),
}

/// A member's full type, before `Option` (and `Box`) is decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    One(Scalar),
    List(Scalar),
}

impl Scalar {
    /// Whether the value is text on the wire.
    pub(crate) fn is_text(&self) -> bool {
        matches!(
            self,
            Scalar::String | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Date | Scalar::Binary
        )
    }
}

impl Ty {
    /// The model this type refers to, if any.
    pub(crate) fn object(&self) -> Option<&str> {
        match self {
            Ty::One(Scalar::Object(name)) | Ty::List(Scalar::Object(name)) => Some(name),
            _ => None,
        }
    }

    /// The same type with its model (if any) renamed by `rename`.
    pub(crate) fn map_object(self, rename: impl FnOnce(&str) -> String) -> Ty {
        match self {
            Ty::One(Scalar::Object(name)) => Ty::One(Scalar::Object(rename(&name))),
            Ty::List(Scalar::Object(name)) => Ty::List(Scalar::Object(rename(&name))),
            other => other,
        }
    }
}

/// Reads a member's `type` and `member` pair, failing on anything outside the
/// vocabulary we know (and on contradictory pairs such as an `int` of `string`).
pub(crate) fn resolve(m: &MemberSpec, is_object: impl Fn(&str) -> bool) -> Result<Ty, String> {
    let element = || -> Result<Scalar, String> {
        Ok(match m.member.as_str() {
            "string" => Scalar::String,
            "datetime" => Scalar::DateTime,
            "datetime_iso" => Scalar::DateTimeIso,
            "date" => Scalar::Date,
            "binary" => Scalar::Binary,
            "int64" => Scalar::I64,
            "uint64" => Scalar::U64,
            "float" => Scalar::F64,
            "bool" => Scalar::Bool,
            name if is_object(name) => Scalar::Object(name.to_owned()),
            other => return Err(format!("unknown member type {other:?}")),
        })
    };
    let scalar = element()?;
    let fits = match m.kind.as_str() {
        "list" => return Ok(Ty::List(scalar)),
        "string" => matches!(
            scalar,
            Scalar::String | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Date
        ),
        "binary" => scalar == Scalar::Binary,
        // The member type says how wide and whether signed.
        "int" | "uint" => matches!(scalar, Scalar::I64 | Scalar::U64),
        "float" => scalar == Scalar::F64,
        "bool" => scalar == Scalar::Bool,
        "object" => matches!(scalar, Scalar::Object(_)),
        other => return Err(format!("unknown type {other:?}")),
    };
    if fits {
        Ok(Ty::One(scalar))
    } else {
        Err(format!(
            "type {:?} cannot hold member {:?}",
            m.kind, m.member
        ))
    }
}

/// Which way a struct travels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Usage {
    /// Sent by the caller (a request, or a model reachable from one).
    pub input: bool,
    /// Sent by the service (a response, or a model reachable from one).
    pub output: bool,
}

impl Usage {
    pub(crate) const INPUT: Usage = Usage {
        input: true,
        output: false,
    };
    pub(crate) const OUTPUT: Usage = Usage {
        input: false,
        output: true,
    };
    pub(crate) const BOTH: Usage = Usage {
        input: true,
        output: true,
    };
}

/// Whether a member is a plain `T` (rather than `Option<T>`) in a struct used
/// as `usage`. When a struct travels both ways it is plain only if both rules
/// agree: the most permissive of the two wins.
///
/// - Input: plain when `required` is true.
/// - Output: plain when the service always sends it (`output_required`; a few
///   output-only models carry `required` instead, which we read the same way)
///   and `value_allowed_null` is false. Output structs decode tolerantly, so a
///   plain member that is missing anyway still decodes, to its default.
/// - `disabled` members are always optional: see `plan.rs`.
pub(crate) fn is_plain(m: &MemberSpec, usage: Usage) -> bool {
    if m.disabled == Some(true) {
        return false;
    }
    let input_plain = m.required == Some(true);
    let output_plain =
        m.output_required.or(m.required) == Some(true) && m.value_allowed_null == Some(false);
    (!usage.input || input_plain) && (!usage.output || output_plain)
}
