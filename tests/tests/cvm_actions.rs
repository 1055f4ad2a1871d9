//! tc-cvm against the specs it was generated from, read again here from
//! `specs/cvm-2017-03-12`:
//!
//! - every action of `schema.json` is declared, once, with the right service,
//!   version, name, request, response and error types;
//! - every request and response type carries every member of its schema object
//!   under the right wire name and a type that holds the spec's values: a
//!   document with every member set (recursively) decodes and re-encodes to
//!   itself, and a request missing a required member is refused;
//! - every error code maps to a typed variant, in its action's enum and in
//!   `CvmErrorCode`, and no enum holds a code its action does not document.
//!
//! The actions are walked with `tc_cvm::registry::visit_actions`, generated
//! alongside them, so an action missing from the crate is missing from the walk
//! and fails the comparison with `schema.json`.

use std::any::type_name;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use tc_core::{Action, ErrorCode, Method};
use tc_cvm::registry::{ACTION_COUNT, ActionVisitor, visit_actions};
use tc_cvm::{CvmErrorCode, DescribeImageSharePermissionError};

fn spec(file: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/cvm-2017-03-12/");
    let text = std::fs::read_to_string(format!("{path}{file}"))
        .unwrap_or_else(|e| panic!("reading {path}{file}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing {file}: {e}"))
}

/// The last `::` segment of a type's name.
fn short_name(full: &str) -> &str {
    full.rsplit("::").next().unwrap_or(full)
}

/// What one action declares, as seen through its types.
#[derive(Debug)]
struct Declared {
    service: &'static str,
    version: &'static str,
    request_type: &'static str,
    output_type: &'static str,
    error_type: &'static str,
    method: Method,
    rate_limit: Option<u32>,
}

#[derive(Default)]
struct Declarations(Vec<(&'static str, Declared)>);

impl ActionVisitor for Declarations {
    fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        self.0.push((
            A::NAME,
            Declared {
                service: A::SERVICE,
                version: A::VERSION,
                request_type: type_name::<A>(),
                output_type: type_name::<A::Output>(),
                error_type: type_name::<A::Error>(),
                method: A::METHOD,
                rate_limit: A::RATE_LIMIT.map(|n| n.get()),
            },
        ));
    }
}

#[test]
fn every_action_is_declared_as_the_schema_says() {
    let schema = spec("schema.json");
    let actions = schema["actions"].as_object().expect("actions");
    let mut seen = Declarations::default();
    visit_actions(&mut seen);
    assert_eq!(seen.0.len(), ACTION_COUNT);

    let mut by_name = BTreeMap::new();
    for (name, declared) in seen.0 {
        assert!(
            by_name.insert(name, declared).is_none(),
            "{name} is declared twice"
        );
    }
    let declared: BTreeSet<&str> = by_name.keys().copied().collect();
    let specified: BTreeSet<&str> = actions.keys().map(String::as_str).collect();
    assert_eq!(
        declared, specified,
        "the crate's actions differ from schema.json's"
    );

    for (name, action) in actions {
        let d = &by_name[name.as_str()];
        assert_eq!(d.service, schema["service"], "{name}: SERVICE");
        assert_eq!(d.version, schema["version"], "{name}: VERSION");
        assert!(
            d.request_type.starts_with("tc_cvm::"),
            "{name}: {}",
            d.request_type
        );
        assert_eq!(short_name(d.request_type), name, "{name}: request type");
        assert_eq!(
            short_name(d.output_type),
            action["output"],
            "{name}: output type"
        );
        assert_eq!(
            short_name(d.error_type),
            format!("{name}Error"),
            "{name}: error type"
        );
        assert_eq!(d.method, Method::Post, "{name}: method");
        // The only documented rate limit we carry (tc-codegen/overrides.json).
        let limit = (name == "DescribeImageSharePermission").then_some(10);
        assert_eq!(d.rate_limit, limit, "{name}: rate limit");
    }
}

/// A value for one member that only a correctly typed field can hold: negative
/// numbers for signed members, strings that name their member, every member of
/// nested objects, one element in lists.
fn sample(schema: &Value, member: &Value) -> Value {
    let name = member["name"].as_str().unwrap_or_default();
    let one = match member["member"].as_str().expect("member") {
        "string" => json!(format!("{name}-value")),
        "datetime" => json!("2020-01-02 03:04:05"),
        "datetime_iso" => json!("2020-01-02T03:04:05Z"),
        "int64" => json!(-7),
        "uint64" => json!(u64::MAX),
        "float" => json!(1.5),
        "bool" => json!(true),
        object => full_object(schema, object),
    };
    if member["type"] == "list" {
        json!([one])
    } else {
        one
    }
}

fn members<'a>(schema: &'a Value, object: &str) -> &'a [Value] {
    schema["objects"][object]["members"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// An object with every member of the schema object `name` set.
fn full_object(schema: &Value, name: &str) -> Value {
    let map: Map<String, Value> = members(schema, name)
        .iter()
        .map(|m| {
            (
                m["name"].as_str().expect("name").to_owned(),
                sample(schema, m),
            )
        })
        .collect();
    Value::Object(map)
}

struct WireCheck<'a> {
    schema: &'a Value,
    failures: Vec<String>,
}

impl WireCheck<'_> {
    fn fail(&mut self, what: String) {
        self.failures.push(what);
    }
}

impl ActionVisitor for WireCheck<'_> {
    fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let schema = self.schema;
        let action = &schema["actions"][A::NAME];
        let input = action["input"].as_str().expect("input");
        let output = action["output"].as_str().expect("output");

        // Every member, set: decodes and re-encodes to the same document.
        let full = full_object(schema, input);
        match serde_json::from_value::<A>(full.clone()) {
            Err(e) => self.fail(format!("{}: full request does not decode: {e}", A::NAME)),
            Ok(request) => {
                let again = serde_json::to_value(&request).expect("encode");
                if again != full {
                    self.fail(format!(
                        "{}: full request re-encodes as {again}, not {full}",
                        A::NAME
                    ));
                }
            }
        }

        // Only the required members: enough, and each one is needed.
        let required: Map<String, Value> = full
            .as_object()
            .expect("object")
            .iter()
            .filter(|(k, _)| {
                members(schema, input)
                    .iter()
                    .any(|m| m["name"] == **k && m["required"] == true)
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        match serde_json::from_value::<A>(Value::Object(required.clone())) {
            Err(e) => self.fail(format!(
                "{}: required members alone do not decode: {e}",
                A::NAME
            )),
            Ok(request) => {
                let again = serde_json::to_value(&request).expect("encode");
                if again != Value::Object(required.clone()) {
                    self.fail(format!("{}: unset members are sent: {again}", A::NAME));
                }
            }
        }
        for key in required.keys() {
            let mut short = required.clone();
            short.remove(key);
            if serde_json::from_value::<A>(Value::Object(short)).is_ok() {
                self.fail(format!("{}: decodes without its required {key}", A::NAME));
            }
        }

        // Every member of the response, set.
        let full = full_object(schema, output);
        match serde_json::from_value::<A::Output>(full.clone()) {
            Err(e) => self.fail(format!("{}: full response does not decode: {e}", A::NAME)),
            Ok(response) => {
                let again = serde_json::to_value(&response).expect("encode");
                if again != full {
                    self.fail(format!(
                        "{}: full response re-encodes as {again}, not {full}",
                        A::NAME
                    ));
                }
            }
        }
    }
}

#[test]
fn every_member_is_on_the_wire_with_a_type_that_holds_it() {
    let schema = spec("schema.json");
    let mut check = WireCheck {
        schema: &schema,
        failures: Vec::new(),
    };
    visit_actions(&mut check);
    assert!(
        check.failures.is_empty(),
        "{} failures:\n{}",
        check.failures.len(),
        check.failures.join("\n")
    );
}

struct CodeCheck<'a> {
    errors: &'a Value,
    failures: Vec<String>,
}

impl ActionVisitor for CodeCheck<'_> {
    fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let documented: BTreeSet<&str> = self.errors["by_action"][A::NAME]
            .as_array()
            .expect("by_action entry")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for code in self.errors["all_codes"]
            .as_array()
            .expect("all_codes")
            .iter()
            .filter_map(Value::as_str)
        {
            match (A::Error::from_code(code), documented.contains(code)) {
                (Some(v), true) if v.code() == code => {}
                (Some(v), true) => {
                    self.failures
                        .push(format!("{}: {code} comes back as {}", A::NAME, v.code()))
                }
                (None, true) => self
                    .failures
                    .push(format!("{}: no variant for {code}", A::NAME)),
                (Some(_), false) => self
                    .failures
                    .push(format!("{}: undocumented {code} has a variant", A::NAME)),
                (None, false) => {}
            }
        }
    }
}

#[test]
fn every_error_code_has_a_variant_in_its_actions_enum() {
    let errors = spec("errors.json");
    let mut check = CodeCheck {
        errors: &errors,
        failures: Vec::new(),
    };
    visit_actions(&mut check);
    assert!(check.failures.is_empty(), "{}", check.failures.join("\n"));
}

#[test]
fn every_error_code_has_a_variant_in_the_service_enum() {
    let errors = spec("errors.json");
    let all: BTreeSet<&str> = errors["all_codes"]
        .as_array()
        .expect("all_codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(all.len(), 422);
    assert_eq!(CvmErrorCode::ALL.len(), all.len());
    let mut variants = std::collections::HashSet::new();
    for code in &all {
        let v = CvmErrorCode::from_code(code).unwrap_or_else(|| panic!("no variant for {code}"));
        assert_eq!(v.code(), *code);
        assert!(variants.insert(v), "{code} shares a variant");
    }
    let from_all: BTreeSet<&str> = CvmErrorCode::ALL.iter().map(ErrorCode::code).collect();
    assert_eq!(from_all, all);
    // The two codes whose default names would collide keep apart.
    assert_ne!(
        CvmErrorCode::from_code("InvalidParameter.ValueTooLarge"),
        CvmErrorCode::from_code("InvalidParameterValue.TooLarge")
    );
}

#[test]
fn describe_image_share_permission_has_its_seven_codes() {
    let errors = spec("errors.json");
    let listed: Vec<&str> = errors["by_action"]["DescribeImageSharePermission"]
        .as_array()
        .expect("listed")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let ours: Vec<&str> = DescribeImageSharePermissionError::ALL
        .iter()
        .map(ErrorCode::code)
        .collect();
    let expected = [
        "InvalidAccountId.NotFound",
        "InvalidAccountIs.YourSelf",
        "InvalidImageId.Malformed",
        "InvalidImageId.NotFound",
        "InvalidParameterValue.InvalidAppIdFormat",
        "OverQuota",
        "UnauthorizedOperation.ImageNotBelongToAccount",
    ];
    assert_eq!(listed, expected);
    assert_eq!(ours, expected);
    assert_eq!(
        DescribeImageSharePermissionError::from_code("InvalidImageId.NotFound"),
        Some(DescribeImageSharePermissionError::InvalidImageIdNotFound)
    );
}

type Call = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send>>;

/// Registers each action on the local endpoint and prepares one real call.
struct ThroughTheClient<'a> {
    schema: &'a Value,
    mock: &'a tc_mock::MockServer,
    client: tc_core::Client,
    calls: Vec<Call>,
}

impl ActionVisitor for ThroughTheClient<'_> {
    fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let action = &self.schema["actions"][A::NAME];
        let request_json = full_object(self.schema, action["input"].as_str().expect("input"));
        let mut response_json =
            full_object(self.schema, action["output"].as_str().expect("output"));
        let request: A = serde_json::from_value(request_json.clone()).expect("request decodes");
        let expected: A = serde_json::from_value(request_json).expect("request decodes");
        let handler_response = response_json.clone();
        self.mock.on(move |received: A| {
            if received != expected {
                return Err(tc_mock::MockError::new(
                    "InvalidParameter",
                    format!("{received:?}"),
                ));
            }
            serde_json::from_value(handler_response.clone())
                .map_err(|e| tc_mock::MockError::new("InternalError", e.to_string()))
        });
        let client = self.client.clone();
        self.calls.push(Box::pin(async move {
            let output = client
                .send(request)
                .await
                .map_err(|e| format!("{}: {e}", A::NAME))?;
            // The endpoint writes its own RequestId over the handler's.
            let got = serde_json::to_value(&output).expect("encode");
            response_json["RequestId"] = got["RequestId"].clone();
            let expected: A::Output = serde_json::from_value(response_json).expect("decode");
            if output == expected {
                Ok(())
            } else {
                Err(format!("{}: got {output:?}", A::NAME))
            }
        }));
    }
}

#[tokio::test]
async fn every_action_is_callable_through_the_client() {
    let schema = spec("schema.json");
    let mock = tc_mock::MockServer::builder()
        .credential("AKIDcvm", "cvm-key")
        .start()
        .await
        .expect("the local endpoint starts");
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .rate_limits(false)
        .build()
        .expect("client");
    let mut walk = ThroughTheClient {
        schema: &schema,
        mock: &mock,
        client,
        calls: Vec::new(),
    };
    visit_actions(&mut walk);
    assert_eq!(walk.calls.len(), ACTION_COUNT);
    let mut failures = Vec::new();
    for call in walk.calls {
        if let Err(e) = call.await {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let answered = mock.requests();
    assert_eq!(answered.len(), ACTION_COUNT);
    assert!(answered.iter().all(|r| r.error_code.is_none()));
}
