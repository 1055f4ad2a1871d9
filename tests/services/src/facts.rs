//! What one walk over a crate's actions checks against its specs, with no
//! network: declarations, members on the wire, error codes, and examples.

use std::any::type_name;
use std::collections::BTreeSet;

use serde_json::{Map, Value};
use tc_core::{Action, ErrorCode, Method};

use crate::spec::{Spec, keeps, short_name};

/// Which half of an example.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Part {
    /// The example request.
    Request,
    /// The example answer.
    Response,
}

/// The failures of one walk, by kind, and what it saw.
pub struct Facts<'a> {
    spec: &'a Spec,
    /// The crate's library name (`tc_vpc`).
    lib: &'static str,
    /// The name of the service-wide code enum (`VpcErrorCode`).
    all_codes_enum: &'static str,
    /// The actions walked, in order.
    pub actions: Vec<&'static str>,
    /// Wrong declarations (service, version, types, method, rate limit).
    pub declarations: Vec<String>,
    /// Members that do not hold the spec's values.
    pub wire: Vec<String>,
    /// Documented codes without their variant.
    pub codes: Vec<String>,
    /// How many examples were walked.
    pub examples_seen: usize,
    /// Examples whose request body is empty: the API page gave that request
    /// as a query string, so there is no body to compare.
    pub examples_without_body: usize,
    /// (action, index, part) of each example that failed, and why.
    pub example_failures: Vec<(String, usize, Part, String)>,
}

impl<'a> Facts<'a> {
    /// An empty walk over `spec` for the crate `lib`, whose code enum is `all_codes_enum`.
    pub fn new(spec: &'a Spec, lib: &'static str, all_codes_enum: &'static str) -> Self {
        Facts {
            spec,
            lib,
            all_codes_enum,
            actions: Vec::new(),
            declarations: Vec::new(),
            wire: Vec::new(),
            codes: Vec::new(),
            examples_seen: 0,
            examples_without_body: 0,
            example_failures: Vec::new(),
        }
    }

    /// Every check, for action `A`.
    pub fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        self.actions.push(A::NAME);
        self.declaration::<A>();
        self.request_members::<A>();
        self.response_members::<A>();
        self.error_codes::<A>();
        self.examples::<A>();
    }

    fn declaration<A: Action>(&mut self) {
        let spec = self.spec;
        let name = A::NAME;
        let mut wrong = |what: &str, got: String, want: String| {
            if got != want {
                self.declarations
                    .push(format!("{name}: {what} is {got}, the spec says {want}"));
            }
        };
        wrong("SERVICE", A::SERVICE.into(), spec.service().into());
        wrong(
            "VERSION",
            A::VERSION.into(),
            spec.schema["version"].as_str().unwrap_or_default().into(),
        );
        let request = type_name::<A>();
        let crate_and_name = format!(
            "{}::{}",
            request.split("::").next().unwrap_or_default(),
            short_name(request)
        );
        wrong(
            "the request type",
            crate_and_name,
            format!("{}::{name}", self.lib),
        );
        wrong(
            "the output type",
            short_name(type_name::<A::Output>()).into(),
            spec.action(name)["output"]
                .as_str()
                .unwrap_or_default()
                .into(),
        );
        let error = if spec.codes_of(name).is_empty() {
            "CommonCode"
        } else {
            self.all_codes_enum
        };
        wrong(
            "the error type",
            short_name(type_name::<A::Error>()).into(),
            error.into(),
        );
        wrong(
            "METHOD",
            format!("{:?}", A::METHOD),
            format!("{:?}", Method::Post),
        );
        let limit = spec.overrides["actions"][name]["rate_limit"].as_u64();
        wrong(
            "RATE_LIMIT",
            format!("{:?}", A::RATE_LIMIT.map(|n| u64::from(n.get()))),
            format!("{limit:?}"),
        );
    }

    /// Every member, set, decodes and re-encodes to the same document; the
    /// required members alone are enough, and each is needed.
    fn request_members<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
    {
        let spec = self.spec;
        let input = spec.action(A::NAME)["input"].as_str().expect("input");
        let full = spec.full_object(input);
        if let Err(e) = round_trip::<A>(&full) {
            self.wire
                .push(format!("{}: a request with every member: {e}", A::NAME));
        }
        let is_required = |key: &str| {
            spec.members(input)
                .iter()
                .any(|m| m["name"] == key && (m["required"] == true || m["required"] == 1))
        };
        let required: Map<String, Value> = full
            .as_object()
            .expect("object")
            .iter()
            .filter(|(k, _)| is_required(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if let Err(e) = round_trip::<A>(&Value::Object(required.clone())) {
            self.wire
                .push(format!("{}: the required members alone: {e}", A::NAME));
        }
        for key in required.keys() {
            let mut short = required.clone();
            short.remove(key);
            if serde_json::from_value::<A>(Value::Object(short)).is_ok() {
                self.wire
                    .push(format!("{}: decodes without its required {key}", A::NAME));
            }
        }
    }

    /// Every member of the response, set, decodes and re-encodes to itself.
    fn response_members<A: Action>(&mut self)
    where
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let output = self.spec.action(A::NAME)["output"]
            .as_str()
            .expect("output");
        let full = self.spec.full_object(output);
        if let Err(e) = round_trip::<A::Output>(&full) {
            self.wire
                .push(format!("{}: a response with every member: {e}", A::NAME));
        }
    }

    /// Each code the action documents maps to a variant of its error type
    /// that gives the same code back.
    fn error_codes<A: Action>(&mut self) {
        for code in self.spec.codes_of(A::NAME) {
            match A::Error::from_code(code) {
                Some(v) if v.code() == code => {}
                Some(v) => {
                    self.codes
                        .push(format!("{}: {code} comes back as {}", A::NAME, v.code()))
                }
                None => self
                    .codes
                    .push(format!("{}: no variant for {code}", A::NAME)),
            }
        }
    }

    /// Each example request decodes and re-encodes to the same JSON; each
    /// example response (an envelope, an error envelope, or a stream of
    /// chunks) decodes without losing a value.
    fn examples<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let examples = self.spec.examples[A::NAME]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, example) in examples.iter().enumerate() {
            self.examples_seen += 1;
            let body = example["request_body"].as_str().expect("request_body");
            if body.trim().is_empty() {
                self.examples_without_body += 1;
            }
            let request = Some(body)
                .filter(|b| !b.trim().is_empty())
                .map_or(Ok(()), |body| {
                    serde_json::from_str::<Value>(body)
                        .map_err(|e| format!("not JSON: {e}"))
                        .and_then(|body| round_trip::<A>(&body))
                });
            if let Err(why) = request {
                self.example_failures
                    .push((A::NAME.to_owned(), i, Part::Request, why));
            }
            let response = example["response"].as_str().expect("response");
            if let Err(why) = response_example::<A>(response) {
                self.example_failures
                    .push((A::NAME.to_owned(), i, Part::Response, why));
            }
        }
    }
}

/// Decodes `value` as `T` and encodes it again: the same document must come
/// back, numbers compared by value (`100` comes back as `100.0` from an `f64`)
/// and a member sent as `null` may come back absent (both mean "not set").
fn round_trip<T>(value: &Value) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let decoded: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("does not decode: {e}"))?;
    let again = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    if keeps(&again, value) && keeps(value, &again) {
        Ok(())
    } else {
        Err(format!("re-encodes as {again}"))
    }
}

/// One example answer: a `{"Response": ...}` envelope (success or error), or
/// server-sent events whose `data:` lines each carry the response object.
fn response_example<A: Action>(text: &str) -> Result<(), String>
where
    A::Output: serde::Serialize,
{
    // Server-sent events start with one of the format's fields or a comment.
    let first = text.trim_start().lines().next().unwrap_or_default();
    if ["data:", "id:", "event:", "retry:", ":"]
        .iter()
        .any(|field| first.starts_with(field))
    {
        let chunks: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("data:"))
            .map(str::trim)
            .collect();
        if chunks.is_empty() {
            return Err("a stream without data lines".to_owned());
        }
        for chunk in chunks {
            let value: Value =
                serde_json::from_str(chunk).map_err(|e| format!("a chunk is not JSON: {e}"))?;
            decodes_keeping::<A::Output>(&value)?;
        }
        return Ok(());
    }
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let inner = value.get("Response").ok_or("no `Response` envelope")?;
    if let Some(error) = inner.get("Error") {
        let code = error["Code"].as_str().ok_or("an error without a code")?;
        // The output type plays no part in decoding an error envelope.
        return match tc_core::test_util::envelope::decode::<serde::de::IgnoredAny, A::Error>(
            A::NAME,
            200,
            text.as_bytes(),
        ) {
            Err(tc_core::Error::Service(e)) if e.code() == code => Ok(()),
            Err(e) => Err(format!("the error envelope gives {e}")),
            Ok(_) => Err("an error envelope decodes as a success".to_owned()),
        };
    }
    decodes_keeping::<A::Output>(inner)
}

fn decodes_keeping<T>(value: &Value) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let decoded: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("does not decode: {e}"))?;
    let again = serde_json::to_value(&decoded).map_err(|e| format!("does not encode: {e}"))?;
    if keeps(&again, value) {
        Ok(())
    } else {
        Err(format!("loses data: {again}"))
    }
}

/// The codes of the service-wide enum, each once, each mapping back.
pub fn service_enum<E: ErrorCode + Copy + std::hash::Hash + Eq + 'static>(
    spec: &Spec,
    all: &'static [E],
) -> Vec<String> {
    let mut failures = Vec::new();
    let codes: BTreeSet<&str> = spec.all_codes().into_iter().collect();
    if all.len() != codes.len() {
        failures.push(format!("{} variants for {} codes", all.len(), codes.len()));
    }
    let mut variants = std::collections::HashSet::new();
    for code in &codes {
        match E::from_code(code) {
            Some(v) if v.code() == *code => {
                if !variants.insert(v) {
                    failures.push(format!("{code} shares a variant"));
                }
            }
            _ => failures.push(format!("no variant for {code}")),
        }
    }
    let listed: BTreeSet<&str> = all.iter().map(ErrorCode::code).collect();
    if listed != codes {
        failures.push("ALL differs from all_codes".to_owned());
    }
    failures
}
