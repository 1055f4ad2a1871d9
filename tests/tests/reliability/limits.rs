//! Requests over the size limits fail before anything is sent, and a key
//! pair that could only fail its signature check is refused where it is made.

use tc_core::credential::{Env, EnvironmentProvider, ProvideFuture};
use tc_core::{
    Client, Credential, CredentialError, Error, ProvideCredential, RequestLimits, RetryConfig,
    tc_action, tc_model,
};

use crate::stand_in::{Answer, StandIn};

/// A request with a member as large as a test wants.
#[tc_action(service = "cvm", version = "2017-03-12", name = "ImportImage")]
pub struct Bulky {
    /// Filler.
    pub blob: String,
}

/// Its answer.
#[tc_model]
pub struct BulkyResponse {
    /// Identifies the call.
    pub request_id: String,
}

const OK: &str = r#"{"Response":{"RequestId":"rid-bulky"}}"#;

fn client(endpoint: &str) -> tc_core::ClientBuilder {
    Client::builder()
        .endpoint(endpoint)
        .credential(Credential::new("AKIDlimits", "limits-key"))
        .retry(RetryConfig::disabled())
}

fn build_message(error: &Error) -> String {
    match error {
        Error::Build(e) => e.to_string(),
        other => panic!("expected a Build error, got {other:?}"),
    }
}

#[tokio::test]
async fn an_11_mb_post_is_refused_with_nothing_sent() {
    let server = StandIn::start(|_| Answer::ok(OK)).await;
    let bulky = Bulky {
        blob: "x".repeat(11 * 1024 * 1024),
    };
    let error = client(&server.endpoint())
        .build()
        .unwrap()
        .send(bulky.clone())
        .await
        .unwrap_err();
    let message = build_message(&error);
    assert!(message.contains("POST body is 11534347 bytes"), "{message}");
    assert!(message.contains("limit of 10485760 bytes"), "{message}");
    assert!(server.requests().is_empty(), "nothing may be sent");

    // The limit is the client's to raise.
    let raised = client(&server.endpoint())
        .request_limits(RequestLimits::default().with_max_post_body_bytes(12 * 1024 * 1024))
        .build()
        .unwrap();
    raised.send(bulky).await.unwrap();
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_100_kib_get_is_refused_with_nothing_sent() {
    let server = StandIn::start(|_| Answer::ok(OK)).await;
    let error = client(&server.endpoint())
        .method(tc_core::Method::Get)
        .build()
        .unwrap()
        .send(Bulky {
            blob: "x".repeat(100 * 1024),
        })
        .await
        .unwrap_err();
    let message = build_message(&error);
    assert!(message.contains("GET query string is"), "{message}");
    assert!(message.contains("send it as POST"), "{message}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_blank_key_pair_is_refused_when_made() {
    for (id, key) in [
        ("", "key"),
        ("AKIDx", ""),
        ("   ", "key"),
        ("AKIDx", "key\n"),
    ] {
        assert!(Credential::try_new(id, key).is_err(), "{id:?}/{key:?}");
        let built = Client::builder()
            .credential(Credential::new(id, key))
            .build();
        assert!(
            matches!(built, Err(Error::Credentials(_))),
            "{id:?}/{key:?}: {built:?}"
        );
    }
    // A provider given afterwards replaces the refused credential.
    let replaced = Client::builder()
        .credential(Credential::new("", "key"))
        .credentials_provider(tc_core::credential::StaticProvider::new(Credential::new(
            "AKIDx", "key",
        )))
        .build();
    assert!(replaced.is_ok(), "{replaced:?}");
    let env = Env::fixed([
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", " "),
    ]);
    let error = EnvironmentProvider::with_env(env)
        .provide_credential()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("secret key is empty"), "{error}");
}

/// A provider of a user's own that hands out a blank key.
#[derive(Debug)]
struct Blank;

impl ProvideCredential for Blank {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(async { Ok(std::sync::Arc::new(Credential::new("AKIDblank", ""))) })
    }
}

#[tokio::test]
async fn a_blank_key_from_a_provider_is_never_sent() {
    let server = StandIn::start(|_| Answer::ok(OK)).await;
    let error = Client::builder()
        .endpoint(server.endpoint())
        .credentials_provider(Blank)
        .build()
        .unwrap()
        .send(Bulky { blob: "x".into() })
        .await
        .unwrap_err();
    let Error::Credentials(e) = &error else {
        panic!("expected a credential error, got {error:?}");
    };
    let _: &CredentialError = e;
    assert!(server.requests().is_empty());
}
