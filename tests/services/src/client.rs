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
    /// handler is untyped (JSON in, JSON out), so the only code built per
    /// action here is the client's own send path.
    pub fn visit<A>(&mut self)
    where
        A: Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
    {
        let action = self.spec.action(A::NAME);
        let request_json = self
            .spec
            .full_object(action["input"].as_str().expect("input"));
        let mut response_json = self
            .spec
            .full_object(action["output"].as_str().expect("output"));
        let request: A = serde_json::from_value(request_json).expect("request decodes");
        // What the client must put on the wire: the request as its type
        // encodes it (members the type leaves out stay out).
        let sent = serde_json::to_value(&request).expect("request encodes");
        let answer = response_json.clone();
        self.mock
            .on_json(A::SERVICE, A::VERSION, A::NAME, move |received| {
                if keeps(&received, &sent) && keeps(&sent, &received) {
                    Ok(answer.clone())
                } else {
                    Err(tc_mock::MockError::new(
                        "InvalidParameter",
                        format!("received {received}, sent {sent}"),
                    ))
                }
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
            if keeps(&got, &response_json) {
                Ok(())
            } else {
                Err(format!("{}: got {got}", A::NAME))
            }
        }));
    }
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
        assert!(failures.is_empty(), "{}: {failures:#?}", spec.dir);
        let answered = mock.requests();
        assert_eq!(answered.len(), count);
        assert!(answered.iter().all(|r| r.error_code.is_none()));
    });
}
