//! Reading the spec files of one service version, exactly as they are on disk:
//! `schema.json`, `errors.json` and (optional) `examples.json`.
//!
//! Every struct here rejects keys it does not know, so that a change in the spec
//! format stops the generator instead of being silently ignored.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// `schema.json`: the service's actions and the objects their parameters use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Schema {
    pub service: String,
    pub version: String,
    #[allow(dead_code)] // read so that an unknown key still fails; the client builds hosts itself
    pub endpoint: String,
    pub actions: BTreeMap<String, ActionSpec>,
    pub objects: BTreeMap<String, ObjectSpec>,
    /// The product's name as Tencent Cloud's own definitions give it
    /// (`云服务器`); absent for the few versions they leave unnamed.
    pub product: Option<String>,
}

/// One action: the names of its input and output objects.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActionSpec {
    pub input: String,
    pub output: String,
    /// `online`, `deprecated` or `offline`; absent for a few actions (online).
    pub status: Option<String>,
}

/// One object: the request or response of an action, or a model they use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ObjectSpec {
    pub members: Vec<MemberSpec>,
    /// `in`, `out` or `both` for models; absent on request and response objects.
    pub usage: Option<String>,
}

/// One member of an object, with the raw type vocabulary of the spec.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MemberSpec {
    pub name: String,
    /// `string`, `int`, `float`, `bool`, `binary`, `list` or `object`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The scalar type (`string`, `int64`, ...) or, for objects and lists of
    /// objects, the object's name.
    pub member: String,
    /// Inputs: whether the caller must send it.
    #[serde(default, deserialize_with = "flag")]
    pub required: Option<bool>,
    /// Outputs: whether the service always sends it.
    #[serde(default, deserialize_with = "flag")]
    pub output_required: Option<bool>,
    /// Outputs: whether the service may send `null`.
    #[serde(default, deserialize_with = "flag")]
    pub value_allowed_null: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    pub disabled: Option<bool>,
    pub example: Option<String>,
}

/// A yes/no flag, written `true`/`false` or, in a few specs, `1`/`0`.
fn flag<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Number(u64),
    }
    match Option::<Flag>::deserialize(deserializer)? {
        None => Ok(None),
        Some(Flag::Bool(b)) => Ok(Some(b)),
        Some(Flag::Number(0)) => Ok(Some(false)),
        Some(Flag::Number(1)) => Ok(Some(true)),
        Some(Flag::Number(n)) => Err(serde::de::Error::custom(format!(
            "{n} is not a flag (true, false, 1 or 0)"
        ))),
    }
}

/// `errors.json`: every error code, and the codes each action documents.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Errors {
    pub all_codes: Vec<String>,
    pub by_action: BTreeMap<String, Vec<String>>,
}

/// One example of `examples.json`: a request body and the answer to it (a
/// `{"Response": ...}` envelope, or server-sent-event lines for a stream).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Example {
    #[allow(dead_code)] // read so that an unknown key still fails; the tests use the requests
    pub request_body: String,
    pub response: String,
}

/// The spec files of one service version.
pub(crate) struct Specs {
    pub schema: Schema,
    pub errors: Errors,
    /// Per action, in the file's order; empty when there is no `examples.json`.
    pub examples: BTreeMap<String, Vec<Example>>,
}

impl Specs {
    /// Reads `schema.json`, `errors.json` and, when present, `examples.json`.
    pub(crate) fn load(dir: &Path) -> Result<Specs, String> {
        let examples = dir.join("examples.json");
        Ok(Specs {
            schema: read_json(&dir.join("schema.json"))?,
            errors: read_json(&dir.join("errors.json"))?,
            examples: if examples.exists() {
                read_json(&examples)?
            } else {
                BTreeMap::new()
            },
        })
    }
}

/// Reads and decodes one JSON file, naming the file and the failing path on error.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::MemberSpec;

    #[test]
    fn flags_are_booleans_or_ones_and_zeros() {
        let member = |required: &str| {
            serde_json::from_str::<MemberSpec>(&format!(
                r#"{{"name": "A", "type": "string", "member": "string", "required": {required}}}"#
            ))
        };
        assert_eq!(member("true").unwrap().required, Some(true));
        assert_eq!(member("1").unwrap().required, Some(true));
        assert_eq!(member("0").unwrap().required, Some(false));
        assert!(member("2").is_err());
        let absent: MemberSpec =
            serde_json::from_str(r#"{"name": "A", "type": "string", "member": "string"}"#).unwrap();
        assert_eq!(absent.required, None);
    }
}
