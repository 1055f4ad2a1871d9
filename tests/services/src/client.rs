//! Every action sent through the real client to the local endpoint: the
//! request the endpoint decodes must equal what was sent, member by member,
//! and the answer must come back whole.

use std::future::Future;
use std::pin::Pin;

use tc_core::Action;

use super::spec::Spec;

type Call = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;

/// Registers each action on the endpoint and prepares one real call of it.
pub(crate) struct ThroughTheClient<'a> {
    pub spec: &'a Spec,
    pub mock: &'a tc_mock::MockServer,
    pub client: tc_core::Client,
    pub calls: Vec<Call>,
}

impl ThroughTheClient<'_> {
    pub(crate) fn visit<A>(&mut self)
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
        let request: A = serde_json::from_value(request_json.clone()).expect("request decodes");
        let expected: A = serde_json::from_value(request_json).expect("request decodes");
        let answer = response_json.clone();
        self.mock.on(move |received: A| {
            if received != expected {
                return Err(tc_mock::MockError::new(
                    "InvalidParameter",
                    format!("received {received:?}"),
                ));
            }
            serde_json::from_value(answer.clone())
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
