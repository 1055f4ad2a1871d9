//! The wire log (`tc_core::wire` at TRACE): each attempt's request and
//! response with their bodies, and never a secret: not the SecretKey, the
//! session token or the signature, nor secret members of a body.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::json;
use support::{Reply, scripted};
use tc_core::{Client, Credential};
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt as _;

const SECRET_KEY: &str = "SECRET-KEY-MARKER-wire";
const TOKEN: &str = "TOKEN-MARKER-wire";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_wire_log_shows_bodies_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    // What `RUST_LOG=tc_core::wire=trace` selects.
    let filter: Targets = "tc_core::wire=trace".parse().unwrap();
    let subscriber = tracing_subscriber::registry().with(filter).with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(move || writer.clone()),
    );
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = scripted(vec![Reply::ok(
        r#"{"Response":{"Credentials":{"TmpSecretId":"AKIDtmp","TmpSecretKey":"TMP-KEY-MARKER","Token":"TMP-TOKEN-MARKER"},"ExpiredTime":1,"RequestId":"rid-wire"}}"#,
    )])
    .await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .region("ap-guangzhou")
        .credential(Credential::new("AKIDwire", SECRET_KEY).with_token(TOKEN))
        .build()
        .unwrap();
    client
        .send_json(
            "sts",
            "2018-08-13",
            "AssumeRoleWithWebIdentity",
            json!({"RoleArn": "qcs::cam::uin/1:roleName/r", "WebIdentityToken": "OIDC-TOKEN-MARKER"}),
        )
        .await
        .unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let [request] = server.requests().try_into().unwrap();
    let signature = request
        .header("authorization")
        .unwrap()
        .rsplit('=')
        .next()
        .unwrap()
        .to_owned();
    assert!(log.contains("tc_core::wire"), "{log}");
    assert!(log.contains("method=POST"), "{log}");
    assert!(
        log.contains(r#""RoleArn":"qcs::cam::uin/1:roleName/r""#),
        "request body: {log}"
    );
    assert!(
        log.contains("x-tc-action: AssumeRoleWithWebIdentity"),
        "{log}"
    );
    assert!(log.contains("status=200"), "{log}");
    assert!(log.contains("rid-wire"), "response body: {log}");
    for secret in [
        SECRET_KEY,
        TOKEN,
        signature.as_str(),
        "OIDC-TOKEN-MARKER",
        "TMP-KEY-MARKER",
        "TMP-TOKEN-MARKER",
    ] {
        assert!(!log.contains(secret), "{secret} leaked: {log}");
    }
}

#[tokio::test]
async fn nothing_is_logged_without_the_target() {
    let captured = Captured::default();
    let writer = captured.clone();
    // Everything of tc_core at TRACE but the wire log's target; the spans'
    // closing lines show that the rest was captured.
    let filter: Targets = "tc_core=trace,tc_core::wire=off".parse().unwrap();
    let subscriber = tracing_subscriber::registry().with(filter).with(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_writer(move || writer.clone()),
    );
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = scripted(vec![Reply::ok(r#"{"Response":{"RequestId":"r"}}"#)]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDwire", SECRET_KEY))
        .build()
        .unwrap();
    client
        .send_json(
            "cvm",
            "2017-03-12",
            "DescribeRegions",
            json!({"Marker": "BODY-MARKER"}),
        )
        .await
        .unwrap();
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("tc.call"),
        "the call's span was not captured: {log}"
    );
    assert!(!log.contains("BODY-MARKER"), "{log}");
}
