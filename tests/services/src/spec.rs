//! One service's specs, read from the repository, and values built from them.

use serde_json::{Map, Value, json};

/// The spec files of one service version, and our overrides for it.
pub struct Spec {
    /// `vpc-2017-03-12`.
    pub dir: &'static str,
    /// `schema.json`.
    pub schema: Value,
    /// `errors.json`.
    pub errors: Value,
    /// `examples.json`.
    pub examples: Value,
    /// `tc-codegen/overrides/<dir>.json`, or `{}`.
    pub overrides: Value,
}

fn read(path: &str) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}")))
}

impl Spec {
    /// Reads `specs/<dir>` (panics when it cannot: a test set-up error).
    pub fn load(dir: &'static str) -> Spec {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let file = |name: &str| {
            let path = format!("{root}/specs/{dir}/{name}");
            read(&path).unwrap_or_else(|| panic!("cannot read {path}"))
        };
        Spec {
            dir,
            schema: file("schema.json"),
            errors: file("errors.json"),
            examples: file("examples.json"),
            overrides: read(&format!("{root}/tc-codegen/overrides/{dir}.json"))
                .unwrap_or_else(|| json!({})),
        }
    }

    /// The service name the schema gives.
    pub fn service(&self) -> &str {
        self.schema["service"].as_str().expect("service")
    }

    /// The schema entry of action `name`.
    pub fn action(&self, name: &str) -> &Value {
        &self.schema["actions"][name]
    }

    /// Every action's name, in order.
    pub fn action_names(&self) -> Vec<&str> {
        let actions = self.schema["actions"].as_object().expect("actions");
        actions.keys().map(String::as_str).collect()
    }

    /// The members of the schema object `object`.
    pub fn members(&self, object: &str) -> &[Value] {
        self.schema["objects"][object]["members"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The codes an action documents.
    pub fn codes_of(&self, action: &str) -> Vec<&str> {
        self.errors["by_action"][action]
            .as_array()
            .map(|codes| codes.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Every code of the service.
    pub fn all_codes(&self) -> Vec<&str> {
        self.errors["all_codes"]
            .as_array()
            .expect("all_codes")
            .iter()
            .filter_map(Value::as_str)
            .collect()
    }

    /// An object with every member of the schema object `name` set
    /// ([`Spec::sample`]), recursing into models; where a model would hold
    /// itself, a list of it is empty and a single one is left out.
    pub fn full_object(&self, name: &str) -> Value {
        self.object_within(name, &mut Vec::new())
    }

    fn object_within<'s>(&'s self, name: &'s str, path: &mut Vec<&'s str>) -> Value {
        path.push(name);
        let map: Map<String, Value> = self
            .members(name)
            .iter()
            .filter_map(|m| {
                let value = self.sample(m, path)?;
                Some((m["name"].as_str().expect("name").to_owned(), value))
            })
            .collect();
        path.pop();
        Value::Object(map)
    }

    /// A value for one member that only a correctly typed field can hold:
    /// negative numbers for signed members, the largest for unsigned ones,
    /// strings that name their member, one element in lists.
    fn sample<'s>(&'s self, member: &'s Value, path: &mut Vec<&'s str>) -> Option<Value> {
        let name = member["name"].as_str().unwrap_or_default();
        let list = member["type"] == "list";
        let one = match member["member"].as_str().expect("member") {
            "string" | "binary" => json!(format!("{name}-value")),
            "datetime" => json!("2020-01-02 03:04:05"),
            "datetime_iso" => json!("2020-01-02T03:04:05Z"),
            "date" => json!("2020-01-02"),
            "int64" => json!(-7),
            "uint64" => json!(u64::MAX),
            "float" => json!(1.5),
            "bool" => json!(true),
            object if path.contains(&object) => return list.then(|| json!([])),
            object => self.object_within(object, path),
        };
        Some(if list { json!([one]) } else { one })
    }
}

/// The last `::` segment of a type's name.
pub fn short_name(full: &str) -> &str {
    full.rsplit("::").next().unwrap_or(full)
}

/// Equal as JSON values, numbers compared by value (`1` equals `1.0`).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Whether `decoded` (re-encoded) still holds every value of `example`; a
/// `null` in the example may come back as anything (absent, `null`, a default).
pub fn keeps(decoded: &Value, example: &Value) -> bool {
    match (decoded, example) {
        (_, Value::Null) => true,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| keeps(x, y))
        }
        (Value::Object(x), Value::Object(y)) => y
            .iter()
            .all(|(k, v)| v.is_null() || x.get(k).is_some_and(|w| keeps(w, v))),
        _ => same(decoded, example),
    }
}
