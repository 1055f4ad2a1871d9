//! No secret in any error text, `Debug` output or log line: a probe of every
//! way one used to leak (a mistyped member next to STS keys, through
//! `AssumeRoleProvider` too; a mistyped secret itself; a GET query with a
//! `Password`; models holding keys, tokens and secret values), with every
//! log line at TRACE captured and searched.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tc_core::credential::AssumeRoleProvider;
use tc_core::{Client, Credential, Method, RetryConfig, tc_action, tc_model};
use tc_cvm::{DescribeImageSharePermission, ResetInstancesPassword};
use tc_ssm::GetSecretValue;

use crate::stand_in::{Answer, StandIn};
use crate::support::faults::{Fault, FaultServer};

/// Every secret the probe hands out; none may come back.
const SECRETS: &[&str] = &[
    "TOKEN-6f1c0b2e",
    "TMPKEY-91d3aa07",
    "PASSWORD-c0ffee11",
    "SECRETSTRING-5e5e5e5e",
    "SECRETBINARY-7a7a7a7a",
    "CLIENT-KEY-44b1",
    "CLIENT-TOKEN-88c2",
    "USER-FIELD-0d0d",
];

#[derive(Clone, Default)]
pub(crate) struct Captured(pub(crate) Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of this test binary at TRACE. A global subscriber: with a
/// thread-local one, the other tests' threads would leave the call sites
/// cached as "never interested" and lines would go missing.
pub(crate) fn logs() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        captured
    })
}

fn client(endpoint: &str) -> Client {
    Client::builder()
        .endpoint(endpoint)
        .credential(Credential::new("AKIDprobe", "CLIENT-KEY-44b1").with_token("CLIENT-TOKEN-88c2"))
        .retry(RetryConfig::default().with_initial_backoff(Duration::ZERO, Duration::ZERO))
        .build()
        .unwrap()
}

/// A call whose answer holds a numeric `Password`.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribePin")]
pub struct DescribePin {}

/// Its answer.
#[tc_model]
pub struct DescribePinResponse {
    /// A numeric secret.
    pub password: u64,
    /// Identifies the call.
    pub request_id: String,
}

/// A user's own model with a secret the list does not know.
#[tc_model]
pub struct Vault {
    /// Not secret.
    pub label: String,
    /// Secret, by the user's own say.
    #[tc(sensitive)]
    pub combination: String,
}

#[tokio::test]
async fn a_leaked_secret_search_finds_nothing() {
    let captured = logs();
    let mut texts: Vec<String> = Vec::new();
    let mut record = |error: &tc_core::Error| {
        texts.push(error.to_string());
        texts.push(format!("{error:?}"));
        texts.push(format!("{error:#?}"));
    };

    // STS keys next to a mistyped member, directly and through the provider.
    let sts_answer = r#"{"Response":{"Credentials":{"Token":"TOKEN-6f1c0b2e","TmpSecretId":"AKIDtmp","TmpSecretKey":"TMPKEY-91d3aa07"},"ExpiredTime":"soon","Expiration":"2030-01-01T00:00:00Z","RequestId":"rid-sts"}}"#;
    let sts = StandIn::start(move |_| Answer::ok(sts_answer)).await;
    let error = client(&sts.endpoint())
        .send(tc_core::credential::sts::AssumeRole {
            role_arn: "qcs::cam::uin/1:roleName/r".into(),
            role_session_name: "probe".into(),
            duration_seconds: None,
            policy: None,
            external_id: None,
        })
        .await
        .unwrap_err();
    let excerpt = match &error {
        tc_core::Error::Decode(e) => e.excerpt().to_owned(),
        other => panic!("expected a decode error, got {other:?}"),
    };
    assert!(excerpt.contains(r#""Token":"***""#), "{excerpt}");
    record(&error);
    let provider = AssumeRoleProvider::new(
        client(&sts.endpoint()),
        "qcs::cam::uin/1:roleName/r",
        "probe",
    );
    let never = StandIn::start(|_| Answer::ok("{}")).await;
    let through = Client::builder()
        .endpoint(never.endpoint())
        .credentials_provider(provider)
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    let error = through
        .send(DescribeImageSharePermission::default())
        .await
        .unwrap_err();
    record(&error);
    assert!(never.requests().is_empty());

    // The secret itself mistyped: serde quotes the value it could not read.
    let mistyped = r#"{"Response":{"Password":"PASSWORD-c0ffee11","RequestId":"rid-pin"}}"#;
    let server = StandIn::start(move |_| Answer::ok(mistyped)).await;
    let error = client(&server.endpoint())
        .send(DescribePin {})
        .await
        .unwrap_err();
    let tc_core::Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(decode.message().contains("string \"***\""), "{error}");
    record(&error);

    // SSM secret values with a mistyped member.
    let ssm_answer = r#"{"Response":{"SecretName":"db","VersionId":["v1"],"SecretBinary":"SECRETBINARY-7a7a7a7a","SecretString":"SECRETSTRING-5e5e5e5e","RequestId":"rid-ssm"}}"#;
    let ssm = StandIn::start(move |_| Answer::ok(ssm_answer)).await;
    let error = client(&ssm.endpoint())
        .send(GetSecretValue {
            secret_name: "db".into(),
            version_id: "v1".into(),
            ..GetSecretValue::default()
        })
        .await
        .unwrap_err();
    record(&error);

    // A GET query carrying a password, on a connection that breaks.
    let broken = FaultServer::start(vec![Fault::Reset]).await;
    let error = client(&broken.endpoint())
        .call(ResetInstancesPassword {
            instance_ids: vec!["ins-1".into()],
            password: "PASSWORD-c0ffee11".into(),
            user_name: None,
            force_stop: None,
        })
        .method(Method::Get)
        .send()
        .await
        .unwrap_err();
    let tc_core::Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert!(!transport.url().contains('?'), "{}", transport.url());
    record(&error);

    // Models and requests holding secrets.
    let models = [
        format!(
            "{:?}",
            tc_sts::models::Credentials {
                token: "TOKEN-6f1c0b2e".into(),
                tmp_secret_id: "AKIDtmp".into(),
                tmp_secret_key: "TMPKEY-91d3aa07".into(),
            }
        ),
        format!(
            "{:#?}",
            tc_ssm::GetSecretValueResponse {
                secret_string: "SECRETSTRING-5e5e5e5e".into(),
                secret_binary: "SECRETBINARY-7a7a7a7a".into(),
                ..Default::default()
            }
        ),
        format!(
            "{:?}",
            ResetInstancesPassword {
                instance_ids: vec!["ins-1".into()],
                password: "PASSWORD-c0ffee11".into(),
                user_name: None,
                force_stop: None,
            }
        ),
        format!(
            "{:?}",
            Vault {
                label: "front door".into(),
                combination: "USER-FIELD-0d0d".into(),
            }
        ),
    ];
    assert!(
        models[0].contains("tmp_secret_id: \"AKIDtmp\""),
        "{}",
        models[0]
    );
    assert!(
        models[3].contains("label: \"front door\", combination: ***"),
        "{}",
        models[3]
    );
    texts.extend(models);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("call failed"),
        "the probe logs its failures:\n{logs}"
    );
    texts.push(logs);
    for text in &texts {
        for secret in SECRETS {
            assert!(!text.contains(secret), "`{secret}` leaked in:\n{text}");
        }
    }
}

/// The macro masks in `Debug` what tc-core masks in errors: one list.
#[test]
fn the_two_sensitive_lists_agree() {
    assert_eq!(
        tc_core::test_util::redact::SENSITIVE_MEMBERS,
        tc_macros_impl::sensitive::SENSITIVE_MEMBERS
    );
}
