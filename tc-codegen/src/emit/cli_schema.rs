//! `tc-cli/data/schema.bin`: the facts the command line needs about every
//! service version (actions, their parameters and output members with types
//! and required flags, the models those use, the rate limits, how list actions page, which
//! version is a service's primary one), compressed, for `include_bytes!`.
//!
//! The layout, read by `tc-cli/src/schema`:
//!
//! ```text
//! "TCS1"  u32 LE: n, the compressed index's length
//! n bytes: the index, deflate-compressed JSON:
//!          [{"service", "version", "primary", "actions", "offset", "len"}, ...]
//! then one deflate-compressed JSON blob per version, at `offset` (counted
//! from the end of the index), `len` bytes:
//!          {"actions": {Name: {"in": [[member, type, required]], "out": [[member, type]],
//!                              "rate": calls per second, "paging": {...}}},
//!           "models":  {Name: [[member, type, required]]}}
//! ```
//!
//! A type is `string`, `int`, `uint`, `float`, `bool`, `datetime`,
//! `datetime_iso`, `date`, `binary` or a model's name, and `[T]` for a list
//! of `T`. Each version is compressed on its own so that a call
//! decompresses only the version it names.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::plan::paging::{Paging, Style};
use crate::plan::{Plan, ServicePlan, StructPlan};
use crate::types::{Scalar, Ty};

/// The file's first four bytes.
pub(crate) const MAGIC: &[u8; 4] = b"TCS1";

/// The whole file for `services`.
pub(crate) fn emit(services: &[ServicePlan]) -> Vec<u8> {
    let mut index = Vec::new();
    let mut blobs = Vec::new();
    for service in services {
        for (i, plan) in service.versions.iter().enumerate() {
            let blob = compress(&version(plan));
            index.push(json!({
                "service": plan.service,
                "version": plan.version,
                "primary": i == service.primary,
                "actions": plan.actions.len(),
                "offset": blobs.len(),
                "len": blob.len(),
            }));
            blobs.extend_from_slice(&blob);
        }
    }
    let index = compress(&Value::Array(index));
    let mut file = Vec::with_capacity(8 + index.len() + blobs.len());
    file.extend_from_slice(MAGIC);
    let len = u32::try_from(index.len()).expect("the index is far below 4 GiB");
    file.extend_from_slice(&len.to_le_bytes());
    file.extend_from_slice(&index);
    file.extend_from_slice(&blobs);
    file
}

fn compress(value: &Value) -> Vec<u8> {
    let text = serde_json::to_vec(value).expect("a JSON value always serializes");
    miniz_oxide::deflate::compress_to_vec(&text, 10)
}

/// A model's schema name by the Rust name its fields' types carry.
type Wires<'a> = BTreeMap<&'a str, &'a str>;

/// One version's actions and models.
fn version(plan: &Plan) -> Value {
    let wires: Wires<'_> = plan
        .models
        .values()
        .map(|m| (m.name.as_str(), m.wire.as_str()))
        .collect();
    let actions: serde_json::Map<String, Value> = plan
        .actions
        .values()
        .map(|a| {
            let mut action = json!({
                "in": inputs(&a.request, &wires),
                "out": a.response.fields.iter()
                    .filter(|f| !f.request_id)
                    .map(|f| json!([f.wire, ty(&f.ty, &wires)]))
                    .collect::<Vec<_>>(),
            });
            if let Some(rate) = a.rate_limit {
                action["rate"] = json!(rate);
            }
            if let Paging::Paged(p) = &a.paging {
                let wire_of = |s: &StructPlan, ident: &str| {
                    s.fields
                        .iter()
                        .find(|f| f.ident == ident)
                        .map(|f| f.wire.clone())
                };
                let style = match p.style {
                    Style::Offset => "offset",
                    Style::Page => "page",
                    Style::Token => "token",
                };
                action["paging"] = json!({
                    "style": style,
                    "position": wire_of(&a.request, &p.position),
                    "size": p.size.as_deref().and_then(|s| wire_of(&a.request, s)),
                    "total": p.total.as_deref().and_then(|t| wire_of(&a.response, t)),
                    "list": wire_of(&a.response, &p.list),
                    "next": p.next_token.as_deref().and_then(|n| wire_of(&a.response, n)),
                });
            }
            (a.name.clone(), action)
        })
        .collect();
    let models: serde_json::Map<String, Value> = plan
        .models
        .values()
        .map(|m| (m.wire.clone(), inputs(m, &wires)))
        .collect();
    json!({"actions": actions, "models": models})
}

/// A request's or model's members: name, type, required.
fn inputs(s: &StructPlan, wires: &Wires<'_>) -> Value {
    s.fields
        .iter()
        .map(|f| json!([f.wire, ty(&f.ty, wires), f.input_required]))
        .collect()
}

fn ty(ty: &Ty, wires: &Wires<'_>) -> String {
    match ty {
        Ty::One(s) => scalar(s, wires).to_owned(),
        Ty::List(s) => format!("[{}]", scalar(s, wires)),
    }
}

fn scalar<'a>(s: &'a Scalar, wires: &Wires<'a>) -> &'a str {
    match s {
        Scalar::String => "string",
        Scalar::DateTime => "datetime",
        Scalar::DateTimeIso => "datetime_iso",
        Scalar::Date => "date",
        Scalar::Binary => "binary",
        Scalar::I64 => "int",
        Scalar::U64 => "uint",
        Scalar::F64 => "float",
        Scalar::Bool => "bool",
        // Fields carry the model's Rust name; the facts use the schema's.
        Scalar::Object(name) => wires.get(name.as_str()).copied().unwrap_or(name),
    }
}
