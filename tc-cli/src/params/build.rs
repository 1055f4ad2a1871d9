//! From `--Name value` (or, unfolded, `--Name.0.Member value`) to the JSON
//! object sent, each value given the type the schema says.

use serde_json::{Map, Number, Value};

use crate::schema::{Action, Kind, Type, Version};

/// What the command line gives for the parameters.
pub(crate) struct Input<'a> {
    /// `--Name value...`, in order.
    pub params: &'a [(String, Vec<String>)],
    /// `--cli-unfold-argument`: dotted names build nested values.
    pub unfold: bool,
    /// `--cli-input-json`'s object, which the flags then override.
    pub base: Option<Value>,
}

/// The parameters object.
pub(crate) fn build(input: &Input<'_>, action: &Action, schema: &Version) -> Result<Value, String> {
    let mut object = match &input.base {
        None => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => return Err("--cli-input-json must be a JSON object".to_owned()),
    };
    for (i, (name, values)) in input.params.iter().enumerate() {
        if values.is_empty() {
            return Err(format!("--{name} needs a value"));
        }
        // `--Filters '[...]'` and `--Filters.0.Name x` would overwrite one
        // another, whichever comes last.
        if let Some((earlier, _)) = input.params[..i]
            .iter()
            .find(|(earlier, _)| overlaps(earlier, name))
        {
            return Err(format!(
                "--{name} and --{earlier}: given both whole and unfolded"
            ));
        }
        let mut path = name.split('.');
        let top = path.next().unwrap_or_default();
        let rest: Vec<&str> = path.collect();
        if !rest.is_empty() && !input.unfold {
            return Err(format!(
                "--{name}: a dotted name needs --cli-unfold-argument (or give --{top} as JSON)"
            ));
        }
        let ty = action
            .input
            .iter()
            .find(|(member, _, _)| member == top)
            .map(|(_, ty, _)| ty)
            .ok_or_else(|| unknown(top, action.input.iter().map(|m| m.0.as_str())))?;
        let slot = object.entry(top.to_owned()).or_insert(Value::Null);
        place(slot, ty, &rest, values, schema, name, input.unfold)?;
    }
    Ok(Value::Object(object))
}

/// Whether one dotted name holds the other (`Filters` and `Filters.0.Name`).
fn overlaps(a: &str, b: &str) -> bool {
    let within = |outer: &str, inner: &str| {
        inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    };
    within(a, b) || within(b, a)
}

/// "unknown parameter X" with the names that exist.
pub(crate) fn unknown<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let known: Vec<&str> = known.collect();
    match crate::schema::nearest(name, known.iter().copied()).as_slice() {
        [one] => format!("unknown parameter {name}; did you mean {one}?"),
        _ if known.is_empty() => format!("unknown parameter {name}: this takes none"),
        _ => format!("unknown parameter {name}; known: {}", known.join(", ")),
    }
}

/// Puts `values` at `path` below `slot`, whose type is `ty`.
fn place(
    slot: &mut Value,
    ty: &Type,
    path: &[&str],
    values: &[String],
    schema: &Version,
    flag: &str,
    unfold: bool,
) -> Result<(), String> {
    let Some((step, rest)) = path.split_first() else {
        *slot = leaf(ty, values, flag, unfold)?;
        return Ok(());
    };
    match ty {
        Type::List(kind) => {
            let index: usize = step
                .parse()
                .map_err(|_| format!("--{flag}: `{step}` must be a list index (0, 1, ...)"))?;
            if slot.is_null() {
                *slot = Value::Array(Vec::new());
            }
            let list = slot
                .as_array_mut()
                .ok_or_else(|| format!("--{flag}: given both whole and unfolded"))?;
            if index > list.len() {
                return Err(format!(
                    "--{flag}: list indexes start at 0 and go up by 1 (index {} comes first)",
                    list.len()
                ));
            }
            if index == list.len() {
                list.push(Value::Null);
            }
            place(
                &mut list[index],
                &Type::One(kind.clone()),
                rest,
                values,
                schema,
                flag,
                unfold,
            )
        }
        Type::One(Kind::Model(model)) => {
            let members = schema
                .models
                .get(model)
                .ok_or_else(|| format!("--{flag}: the schema has no model {model}"))?;
            let ty = members
                .iter()
                .find(|(m, _, _)| m == step)
                .map(|(_, ty, _)| ty)
                .ok_or_else(|| {
                    format!(
                        "--{flag}: {}",
                        unknown(step, members.iter().map(|m| m.0.as_str()))
                    )
                })?;
            if slot.is_null() {
                *slot = Value::Object(Map::new());
            }
            let object = slot
                .as_object_mut()
                .ok_or_else(|| format!("--{flag}: given both whole and unfolded"))?;
            let child = object.entry((*step).to_owned()).or_insert(Value::Null);
            place(child, ty, rest, values, schema, flag, unfold)
        }
        Type::One(kind) => Err(format!("--{flag}: a {kind} has no member `{step}`")),
    }
}

/// The value of a parameter given on the command line.
fn leaf(ty: &Type, values: &[String], flag: &str, unfold: bool) -> Result<Value, String> {
    match (ty, values) {
        (Type::One(Kind::Model(_)), [one]) => json(one, flag),
        (Type::One(kind), [one]) => scalar(kind, one, flag),
        (Type::One(_), _) => Err(format!("--{flag} takes one value, not {}", values.len())),
        // A list as JSON, or (unfolded, or of scalars) its items one by one.
        (Type::List(_), [one]) if one.trim_start().starts_with('[') => json(one, flag),
        (Type::List(Kind::Model(_)), _) if !unfold => Err(format!(
            "--{flag} takes a JSON list (or use --cli-unfold-argument)"
        )),
        (Type::List(kind), many) => many
            .iter()
            .map(|v| match kind {
                Kind::Model(_) => json(v, flag),
                _ => scalar(kind, v, flag),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}

fn json(text: &str, flag: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("--{flag}: not valid JSON ({e})"))
}

/// A scalar from its text, typed as the schema says.
fn scalar(kind: &Kind, text: &str, flag: &str) -> Result<Value, String> {
    let wrong = |what: &str| format!("--{flag}: `{text}` is not {what}");
    Ok(match kind {
        Kind::Text(_) => Value::String(text.to_owned()),
        Kind::Int => Value::from(
            text.trim()
                .parse::<i64>()
                .map_err(|_| wrong("an integer"))?,
        ),
        Kind::Uint => Value::from(
            text.trim()
                .parse::<u64>()
                .map_err(|_| wrong("an integer of 0 or more"))?,
        ),
        Kind::Float => Value::Number(
            text.trim()
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .ok_or_else(|| wrong("a number"))?,
        ),
        Kind::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" => Value::Bool(true),
            "false" | "f" | "0" => Value::Bool(false),
            _ => return Err(wrong("a boolean (true or false)")),
        },
        Kind::Model(_) => json(text, flag)?,
    })
}

#[cfg(test)]
mod tests {
    use super::overlaps;

    #[test]
    fn a_whole_value_and_its_unfolded_members_overlap() {
        assert!(overlaps("Filters", "Filters.0.Name"));
        assert!(overlaps("Filters.0.Name", "Filters"));
        assert!(overlaps("Filters.0", "Filters.0.Values"));
        assert!(!overlaps("Filters.0.Name", "Filters.0.Values"));
        assert!(!overlaps("Filters.0.Name", "Filters.0.NameSpace"));
        assert!(!overlaps("Limit", "LimitCount"));
    }
}
