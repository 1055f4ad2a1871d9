//! The fields of one struct: Rust name, type, optionality, and the facts the
//! docs state about each.

use std::collections::{BTreeMap, BTreeSet};

use tc_macros_impl::naming;

use super::model::{FieldPlan, Problems};
use crate::spec::{MemberSpec, Specs};
use crate::types::{self, Scalar, Ty, Usage};

/// What deciding a field needs to know beyond the member itself.
pub(super) struct Context<'a> {
    pub specs: &'a Specs,
    /// Rust type names of the models, by schema name.
    pub model_names: &'a BTreeMap<String, String>,
    /// `(object, member)` pairs held through a `Box`.
    pub boxed: &'a BTreeSet<(String, String)>,
}

/// The fields of one struct, in the spec's order.
///
/// Two members whose names give the same field name (`DnsFormat` and
/// `DNSFormat`) are told apart by a number on the later ones (`dns_format_2`),
/// which keeps its wire name through a rename.
pub(super) fn fields(
    context: &Context<'_>,
    owner: &str,
    members: &[MemberSpec],
    usage: Usage,
    response: bool,
    problems: &mut Problems,
) -> Vec<FieldPlan> {
    let objects = &context.specs.schema.objects;
    let is_model = |name: &str| objects.get(name).is_some_and(|o| o.usage.is_some());
    let mut out = Vec::new();
    let mut idents = BTreeSet::new();
    let mut saw_request_id = false;
    for m in members {
        let context_name = format!("{owner}.{}", m.name);
        let Some(ty) = problems.check(types::resolve(m, is_model), &context_name) else {
            continue;
        };
        let ty = ty.map_object(|schema_name| context.model_names[schema_name].clone());
        let Some(mut name) = problems.check(naming::field_name(&m.name), &context_name) else {
            continue;
        };
        if !idents.insert(name.ident.clone()) {
            let base = name.ident.trim_start_matches("r#").to_owned();
            let ident = (2..)
                .map(|n| format!("{base}_{n}"))
                .find(|candidate| !idents.contains(candidate))
                .unwrap_or_default();
            idents.insert(ident.clone());
            name = naming::FieldName {
                ident,
                rename: Some(m.name.clone()),
            };
        }
        let request_id = response && m.name == "RequestId";
        if request_id {
            saw_request_id = true;
            if ty != Ty::One(Scalar::String) {
                problems.push(format!("{context_name}: RequestId is not a string"));
            }
        }
        let boxed = context.boxed.contains(&(owner.to_owned(), m.name.clone()));
        out.push(FieldPlan {
            wire: m.name.clone(),
            ident: name.ident,
            rename: name.rename,
            plain: !boxed && (request_id || types::is_plain(m, usage)),
            boxed,
            input_required: types::is_plain(m, Usage::INPUT),
            output_always: types::is_plain(m, Usage::OUTPUT),
            deprecated: m.disabled == Some(true),
            request_id,
            example: m.example.as_deref().and_then(|e| example(&ty, e)),
            ty,
        });
    }
    if response && !saw_request_id {
        problems.push(format!("{owner}: no RequestId"));
    }
    out
}

/// Longest example quoted in a doc comment.
const MAX_EXAMPLE: usize = 80;

/// The spec's example for a member of type `ty`, written as the JSON value it
/// stands for, when it fits the type and is short enough to quote; `None`
/// otherwise (a bare word for a list, a single-quoted list, a number that is
/// not one).
fn example(ty: &Ty, raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.chars().any(char::is_control) || raw.contains('`') {
        return None;
    }
    let value = match ty {
        Ty::One(scalar) if scalar.is_text() => serde_json::Value::String(raw.to_owned()),
        _ => serde_json::from_str::<serde_json::Value>(raw).ok()?,
    };
    let fits = match ty {
        Ty::One(scalar) => fits(scalar, &value),
        Ty::List(scalar) => value
            .as_array()
            .is_some_and(|items| !items.is_empty() && items.iter().all(|v| fits(scalar, v))),
    };
    let text = value.to_string();
    (fits && text.chars().count() <= MAX_EXAMPLE).then_some(text)
}

fn fits(scalar: &Scalar, value: &serde_json::Value) -> bool {
    match scalar {
        s if s.is_text() => value.is_string(),
        Scalar::I64 => value.is_i64(),
        Scalar::U64 => value.is_u64(),
        Scalar::F64 => value.is_number(),
        Scalar::Bool => value.is_boolean(),
        _ => value.is_object(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_only_when_they_fit() {
        let text = Ty::One(Scalar::String);
        assert_eq!(
            example(&text, "img-6pb6lrmy").as_deref(),
            Some("\"img-6pb6lrmy\"")
        );
        let list = Ty::List(Scalar::String);
        assert_eq!(example(&list, "x86_64"), None);
        assert_eq!(example(&list, "['a', 'b']"), None);
        assert_eq!(
            example(&list, "[\"a\", \"b\"]").as_deref(),
            Some("[\"a\",\"b\"]")
        );
        assert_eq!(example(&Ty::One(Scalar::U64), "10").as_deref(), Some("10"));
        assert_eq!(example(&Ty::One(Scalar::U64), "-1"), None);
        assert_eq!(example(&Ty::One(Scalar::I64), "ten"), None);
        assert_eq!(
            example(&Ty::One(Scalar::Bool), "true").as_deref(),
            Some("true")
        );
        let object = Ty::One(Scalar::Object("Placement".into()));
        assert_eq!(
            example(&object, "{\"Zone\": \"ap-guangzhou-6\"}").as_deref(),
            Some("{\"Zone\":\"ap-guangzhou-6\"}")
        );
        assert_eq!(example(&object, "zone"), None);
    }
}
