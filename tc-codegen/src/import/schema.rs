//! `api.json` (the `tccli` package's definition of one service version) to
//! our `schema.json`: the names, types, flags and example values, without
//! any prose.
//!
//! The source structs name every key `api.json` has; prose and keys we do not
//! keep are read into `Ignored` fields and dropped, and an unknown key is an
//! error, so a change in the upstream format stops the import instead of
//! being silently lost (or silently copied).

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A key read and dropped: prose (`document`, a display `name`), or a fact
/// our format has no place for.
type Ignored = Option<IgnoredAny>;

/// `api.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Api {
    actions: BTreeMap<String, ApiAction>,
    pub(super) metadata: Metadata,
    objects: BTreeMap<String, ApiObject>,
    /// The definition format's version (`1.0`).
    #[serde(rename = "version")]
    _format: Ignored,
}

/// `api.json`'s `metadata`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Metadata {
    /// `2017-03-12`.
    #[serde(rename = "apiVersion")]
    pub(super) api_version: String,
    /// The name requests are signed for (`cvm`; `as` for the `autoscaling` package).
    #[serde(rename = "serviceShortName")]
    pub(super) service: String,
    /// The product's name (`云服务器`): a name, so a fact we keep.
    #[serde(rename = "serviceNameCN")]
    pub(super) product: Option<String>,
    #[serde(rename = "api_brief")]
    _brief: Ignored,
}

/// One action of `api.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiAction {
    input: String,
    output: String,
    status: Option<String>,
    #[serde(rename = "document")]
    _document: Ignored,
    #[serde(rename = "name")]
    _name: Ignored,
    /// Set on two actions that take unsigned requests; our format has no
    /// place for it (the generated client signs every request).
    #[serde(rename = "skip_sign")]
    _skip_sign: Ignored,
}

/// One object of `api.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiObject {
    members: Vec<ApiMember>,
    usage: Option<String>,
    #[serde(rename = "document")]
    _document: Ignored,
    /// `object`, `request` or `response`: implied by where the object is used.
    #[serde(rename = "type")]
    _kind: Ignored,
}

/// One member of an object of `api.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiMember {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    member: String,
    required: Option<Value>,
    output_required: Option<Value>,
    value_allowed_null: Option<Value>,
    disabled: Option<Value>,
    example: Option<Value>,
    #[serde(rename = "document")]
    _document: Ignored,
}

/// Our `schema.json`. Fields are declared in key order, so the file's keys
/// come out sorted as in every vendored spec.
#[derive(Serialize)]
pub(super) struct Schema {
    pub(super) actions: BTreeMap<String, Action>,
    pub(super) endpoint: String,
    pub(super) objects: BTreeMap<String, Object>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) product: Option<String>,
    pub(super) service: String,
    pub(super) version: String,
}

/// One action of `schema.json`.
#[derive(Serialize)]
pub(super) struct Action {
    input: String,
    output: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
}

/// One object of `schema.json`.
#[derive(Serialize)]
pub(super) struct Object {
    members: Vec<Member>,
    #[serde(skip_serializing_if = "Option::is_none")]
    usage: Option<String>,
}

/// One member of an object of `schema.json`; the flags keep their upstream
/// spelling (`true`, or `1` in a few services).
#[derive(Serialize)]
struct Member {
    #[serde(skip_serializing_if = "Option::is_none")]
    disabled: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    example: Option<Value>,
    member: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    output_required: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<Value>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_allowed_null: Option<Value>,
}

/// Example values that say there is no example ("无" is "none"): dropped.
const NO_EXAMPLE: [&str; 3] = ["", "无", "None"];

/// Our schema for `api`, whose requests go to `endpoint`.
pub(super) fn schema(api: Api, endpoint: String) -> Schema {
    let actions = api
        .actions
        .into_iter()
        .map(|(name, a)| {
            let action = Action {
                input: a.input,
                output: a.output,
                status: a.status,
            };
            (name, action)
        })
        .collect();
    let objects = api
        .objects
        .into_iter()
        .map(|(name, o)| {
            let members = o.members.into_iter().map(member).collect();
            (
                name,
                Object {
                    members,
                    usage: o.usage,
                },
            )
        })
        .collect();
    Schema {
        actions,
        endpoint,
        objects,
        product: api.metadata.product.filter(|p| !p.is_empty()),
        service: api.metadata.service,
        version: api.metadata.api_version,
    }
}

/// Our member for `m`: its facts, without a placeholder example.
fn member(m: ApiMember) -> Member {
    let example = m
        .example
        .filter(|e| !e.as_str().is_some_and(|e| NO_EXAMPLE.contains(&e)));
    Member {
        disabled: m.disabled,
        example,
        member: m.member,
        name: m.name,
        output_required: m.output_required,
        required: m.required,
        kind: m.kind,
        value_allowed_null: m.value_allowed_null,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Api, schema};

    fn api(member: serde_json::Value) -> serde_json::Value {
        json!({
            "version": "1.0",
            "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "x", "serviceNameCN": "云服务器", "api_brief": "prose"},
            "actions": {"Do": {"input": "DoRequest", "output": "DoResponse", "status": "online", "name": "prose", "document": "prose"}},
            "objects": {"DoRequest": {"members": [member], "type": "object", "document": "prose"}},
        })
    }

    #[test]
    fn facts_are_kept_and_prose_is_dropped() {
        let source = api(json!({
            "name": "Limit", "type": "int", "member": "int64", "required": 1,
            "disabled": false, "example": "20", "document": "prose"
        }));
        let api: Api = serde_json::from_value(source).unwrap();
        let out = serde_json::to_value(schema(api, "x.example".into())).unwrap();
        assert_eq!(
            out,
            json!({
                "actions": {"Do": {"input": "DoRequest", "output": "DoResponse", "status": "online"}},
                "endpoint": "x.example",
                "objects": {"DoRequest": {"members": [
                    {"disabled": false, "example": "20", "member": "int64", "name": "Limit", "required": 1, "type": "int"}
                ]}},
                "product": "云服务器",
                "service": "x",
                "version": "2020-01-01",
            })
        );
    }

    #[test]
    fn placeholder_examples_are_dropped() {
        for none in ["", "无", "None"] {
            let source =
                api(json!({"name": "A", "type": "string", "member": "string", "example": none}));
            let api: Api = serde_json::from_value(source).unwrap();
            let out = serde_json::to_value(schema(api, String::new())).unwrap();
            assert_eq!(
                out["objects"]["DoRequest"]["members"][0].get("example"),
                None
            );
        }
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        let source =
            api(json!({"name": "A", "type": "string", "member": "string", "pattern": "^a$"}));
        let e = serde_json::from_value::<Api>(source).err().unwrap();
        assert!(e.to_string().contains("unknown field `pattern`"), "{e}");
    }
}
