//! Every action sent through the real client to the local endpoint: the
//! request the endpoint decodes must equal what was sent, member by member,
//! and the answer must come back whole.

use std::future::Future;
use std::pin::Pin;

use tc_core::Action;

use crate::spec::{Spec, keeps};

/// One prepared call: `Ok` when the answer came back whole.
pub type Call = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// Registers each action on the endpoint and prepares one real call of it.
pub struct ThroughTheClient<'a> {
    /// The version's specs.
    pub spec: &'a Spec,
    /// The local endpoint.
    pub mock: &'a tc_mock::MockServer,
    /// A client of it.
    pub client: tc_core::Client,
    /// The calls prepared so far.
    pub calls: Vec<Call>,
}

impl ThroughTheClient<'_> {
    /// Registers an answer for `A` and prepares its call. The endpoint's
    /// handler and the call are untyped (JSON in, JSON out), so the code
    /// built per action is only the action's own serde, which the facts
    /// walk builds anyway.
    pub fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let action = self.spec.action(A::NAME);
        let request_json = self
            .spec
            .full_object(action["input"].as_str().expect("input"));
        let response_json = self
            .spec
            .full_object(action["output"].as_str().expect("output"));
        let request: A = serde_json::from_value(request_json.clone()).expect("request decodes");
        // The endpoint must receive the spec's document itself: the type's
        // encoding and the transport both keep every member.
        register(
            self.mock,
            (A::SERVICE, A::VERSION, A::NAME),
            request_json,
            response_json.clone(),
        );
        // The call goes by name (`send_json`): the same signing, endpoint,
        // retries and envelope handling as a typed `send`, without building
        // the typed send path once per action of the catalog (the typed
        // path is what `tc-tests` and the examples exercise). What comes
        // back must decode into the action's output type and keep every
        // value the endpoint sent.
        // What the client sends: the request as its type encodes it.
        let params = serde_json::to_value(&request).expect("request encodes");
        let output: Reencode = |answer| {
            let output: A::Output = serde_json::from_value(answer).map_err(|e| e.to_string())?;
            serde_json::to_value(&output).map_err(|e| e.to_string())
        };
        let action = (A::SERVICE, A::VERSION, A::NAME);
        self.calls
            .push(by_name(&self.client, action, params, response_json, output));
    }
}

/// Actions whose call through the client fails, with why: (spec directory,
/// action, reason).
const KNOWN_FAILURES: &[(&str, &str, &str)] = &[
    (
        "lkeap-2024-05-22",
        "GetReconstructDocumentResult",
        "its response has a member named `Error` (an object with `Code` and `Message`), which the envelope reads as an error answer",
    ),
    (
        "lkeap-2024-05-22",
        "GetSplitDocumentResult",
        "its response has a member named `Error` (an object with `Code` and `Message`), which the envelope reads as an error answer",
    ),
];

/// Has the endpoint answer `answer` to `action` when it receives exactly
/// `sent`, member by member (not generic, like [`by_name`]).
fn register(
    mock: &tc_mock::MockServer,
    (service, version, name): (&'static str, &'static str, &'static str),
    sent: serde_json::Value,
    answer: serde_json::Value,
) {
    mock.on_json(service, version, name, move |received| {
        if keeps(&received, &sent) && keeps(&sent, &received) {
            Ok(answer.clone())
        } else {
            Err(tc_mock::MockError::new(
                "InvalidParameter",
                format!("received {received}, sent {sent}"),
            ))
        }
    });
}

/// Decodes an answer as an action's output type and encodes it again.
type Reencode = fn(serde_json::Value) -> Result<serde_json::Value, String>;

/// One call by name of `(service, version, action)`; the answer must decode
/// with `output` and keep every value of `expected`. Not generic, so that it
/// is built once, not once per action.
fn by_name(
    client: &tc_core::Client,
    (service, version, name): (&'static str, &'static str, &'static str),
    params: serde_json::Value,
    mut expected: serde_json::Value,
    output: Reencode,
) -> Call {
    let client = client.clone();
    Box::pin(async move {
        let answer = client
            .send_json(service, version, name, params)
            .await
            .map_err(|e| format!("{name}: {e}"))?;
        let got = output(answer).map_err(|e| format!("{name}: {e}"))?;
        // The endpoint writes its own RequestId over the handler's.
        expected["RequestId"] = got["RequestId"].clone();
        if keeps(&got, &expected) {
            Ok(())
        } else {
            Err(format!("{name}: got {got}"))
        }
    })
}

/// Starts the local endpoint and a client for it, lets `walk` register and
/// prepare a call of every action, sends them all and checks that each came
/// back whole and that the endpoint answered `count` calls, none with an error.
pub fn run(
    spec: &Spec,
    count: usize,
    walk: impl FnOnce(ThroughTheClient<'_>) -> ThroughTheClient<'_>,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let mock = tc_mock::MockServer::builder()
            .credential("AKIDservices", "services-key")
            .start()
            .await
            .expect("the local endpoint starts");
        let client = mock
            .client_builder()
            .region("ap-guangzhou")
            .rate_limits(false)
            .build()
            .expect("client");
        let walked = walk(ThroughTheClient {
            spec,
            mock: &mock,
            client,
            calls: Vec::new(),
        });
        let calls = walked.calls;
        assert_eq!(calls.len(), count);
        let mut failures = Vec::new();
        for call in calls {
            if let Err(e) = call.await {
                failures.push(e);
            }
        }
        // Known failures, each with its reason, must still fail: the list
        // can neither hide a new failure nor keep a fixed one.
        let known: Vec<&str> = KNOWN_FAILURES
            .iter()
            .filter(|(dir, ..)| *dir == spec.dir)
            .map(|(_, action, _)| *action)
            .collect();
        let (expected, failures): (Vec<String>, Vec<String>) = failures
            .into_iter()
            .partition(|f| known.iter().any(|a| f.starts_with(&format!("{a}: "))));
        assert!(failures.is_empty(), "{}: {failures:#?}", spec.dir);
        assert_eq!(expected.len(), known.len(), "{}: {expected:#?}", spec.dir);
        let answered = mock.requests();
        assert_eq!(answered.len(), count);
        assert!(answered.iter().all(|r| r.error_code.is_none()));
    });
}
