//! The examples of `specs/cvm-2017-03-12/examples.json` against tc-cvm:
//! every example request body decodes into its request type and re-encodes to
//! the same JSON, and every example response decodes into its response type
//! without losing any value it carries.
//!
//! A few examples disagree with the schema itself; they are listed in
//! [`INCONSISTENT`] with the reason, and the test fails if that list is not
//! exactly the set of examples that fail, so it can neither grow silently nor
//! keep an entry that has been fixed.
//!
//! Examples that are odd but harmless, for the record:
//! - `ModifyInstancesDisasterRecoverGroup` #0 sends `DisasterRecoverGroupId`,
//!   which the schema marks disabled; tc-cvm keeps disabled members (as
//!   deprecated `Option`s), so it round-trips.
//! - `DescribeInstances` #0-#2 return the disabled `Instance.DisasterRecoverGroupId`.
//! - Several price and GPU-count responses write whole numbers (`0`, `720`) for
//!   float members; they decode into `f64`, and the data-loss check compares
//!   numbers by value. Requests are compared as exact `serde_json::Value`s.

use std::collections::BTreeSet;

use serde_json::Value;
use tc_core::Action;
use tc_cvm::registry::{ActionVisitor, visit_actions};

/// Examples that cannot round-trip because they contradict the schema:
/// (action, index in its example list, which part, why).
const INCONSISTENT: &[(&str, usize, Part, &str)] = &[
    (
        "DescribeZones",
        1,
        Part::Request,
        "the request body is empty, not a JSON object (the first example sends `{}`)",
    ),
    (
        "InquiryPriceRunInstances",
        1,
        Part::Request,
        "`InternetAccessible.InternetMaxBandwidthOut` is the string \"10\", the schema says int64",
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Request,
    Response,
}

fn spec(file: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/cvm-2017-03-12/");
    let text = std::fs::read_to_string(format!("{path}{file}"))
        .unwrap_or_else(|e| panic!("reading {path}{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {file}: {e}"))
}

/// Equal as JSON values, numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
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
fn keeps(decoded: &Value, example: &Value) -> bool {
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

struct ExampleCheck<'a> {
    examples: &'a Value,
    seen: usize,
    failures: BTreeSet<(String, usize, Part)>,
    messages: Vec<String>,
}

impl ExampleCheck<'_> {
    fn fail(&mut self, action: &str, index: usize, part: Part, why: String) {
        self.failures.insert((action.to_owned(), index, part));
        self.messages
            .push(format!("{action} #{index} {part:?}: {why}"));
    }
}

impl ActionVisitor for ExampleCheck<'_> {
    fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let examples = self.examples[A::NAME]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, example) in examples.iter().enumerate() {
            self.seen += 1;
            let body = example["request_body"].as_str().expect("request_body");
            match serde_json::from_str::<Value>(body) {
                Err(e) => self.fail(A::NAME, i, Part::Request, format!("not JSON: {e}")),
                Ok(body) => match serde_json::from_value::<A>(body.clone()) {
                    Err(e) => self.fail(A::NAME, i, Part::Request, format!("does not decode: {e}")),
                    Ok(request) => {
                        let again = serde_json::to_value(&request).expect("encode");
                        if again != body {
                            self.fail(A::NAME, i, Part::Request, format!("re-encodes as {again}"));
                        }
                    }
                },
            }

            let response: Value =
                serde_json::from_str(example["response"].as_str().expect("response"))
                    .expect("response JSON");
            let inner = &response["Response"];
            match serde_json::from_value::<A::Output>(inner.clone()) {
                Err(e) => self.fail(A::NAME, i, Part::Response, format!("does not decode: {e}")),
                Ok(decoded) => {
                    let again = serde_json::to_value(&decoded).expect("encode");
                    if !keeps(&again, inner) {
                        self.fail(A::NAME, i, Part::Response, format!("loses data: {again}"));
                    }
                }
            }
        }
    }
}

#[test]
fn every_example_decodes_and_round_trips() {
    let examples = spec("examples.json");
    let mut check = ExampleCheck {
        examples: &examples,
        seen: 0,
        failures: BTreeSet::new(),
        messages: Vec::new(),
    };
    visit_actions(&mut check);
    assert_eq!(check.seen, 123, "examples.json holds 123 examples");
    let expected: BTreeSet<(String, usize, Part)> = INCONSISTENT
        .iter()
        .map(|(a, i, p, _)| ((*a).to_owned(), *i, *p))
        .collect();
    assert_eq!(
        check.failures,
        expected,
        "the failing examples are not exactly those listed in INCONSISTENT:\n{}",
        check.messages.join("\n")
    );
}

#[test]
fn every_action_has_an_example() {
    let examples = spec("examples.json");
    let schema = spec("schema.json");
    let with: BTreeSet<&String> = examples.as_object().expect("object").keys().collect();
    let all: BTreeSet<&String> = schema["actions"]
        .as_object()
        .expect("actions")
        .keys()
        .collect();
    assert_eq!(with, all);
}
