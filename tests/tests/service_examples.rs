//! The service crates' examples, run as a user runs them (built by `cargo
//! test` with the other examples): each calls the embedded local endpoint with
//! real signatures and keeps the exit-code contract (0 and JSON, 1 for an API
//! error, 2 for anything else).

mod support;

use std::process::{Command, Output};
use std::sync::Arc;

use serde_json::Value;
use support::{closed_port_url, example_binary, temp_dir};
use tc_mock::MockServer;
use tc_mock::cvm::ImageSharing;

fn run(example: &str, args: &[&str]) -> Output {
    Command::new(example_binary(example))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{example}: {e}"))
}

fn json(output: &Output) -> Value {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

#[test]
fn send_sms_gets_one_status_per_number() {
    let out = json(&run("send_sms", &["--phone", "+8618501234444,12345"]));
    let statuses = out["SendStatusSet"].as_array().expect("SendStatusSet");
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0]["PhoneNumber"], "+8618501234444");
    assert_eq!(statuses[0]["Code"], "Ok");
    assert_eq!(
        statuses[1]["Code"],
        "InvalidParameterValue.IncorrectPhoneNumber"
    );
    assert_eq!(out["RequestId"].as_str().map(str::len), Some(36));
}

#[test]
fn send_sms_to_nobody_is_an_api_error() {
    let out = run("send_sms", &["--phone", ","]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("MissingParameter.EmptyPhoneNumberSet: "),
        "{stderr}"
    );
    assert!(stderr.contains("(RequestId: "), "{stderr}");
}

#[test]
fn describe_vpcs_answers_with_the_spec_example() {
    let out = json(&run("describe_vpcs", &["--limit", "10"]));
    assert_eq!(out["TotalCount"], 1);
    assert_eq!(out["VpcSet"][0]["VpcId"], "vpc-p5sf61yj");
}

#[test]
fn bad_arguments_exit_2() {
    for example in [
        "send_sms",
        "describe_vpcs",
        "describe_image_share_permission",
    ] {
        let out = run(example, &["--colour", "blue"]);
        assert_eq!(out.status.code(), Some(2), "{example}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("error: unknown argument `--colour`"),
            "{example}: {stderr}"
        );
    }
}

#[test]
fn the_cvm_example_sends_post_and_get() {
    for args in [&[][..], &["--get"][..]] {
        let out = json(&run("describe_image_share_permission", args));
        assert_eq!(
            out["SharePermissionSet"][0]["AccountId"], "101104350000",
            "{args:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cvm_examples_get_is_the_same_action_sent_as_get() {
    let mock = MockServer::builder()
        .credential("AKIDexample", "example-key")
        .start()
        .await
        .unwrap();
    Arc::new(ImageSharing::seeded()).install(&mock);
    for args in [&[][..], &["--get"][..]] {
        let mut command = Command::new(example_binary("describe_image_share_permission"));
        command
            .args(args)
            .args(["--endpoint", &mock.endpoint()])
            .env_clear()
            .env("HOME", temp_dir("example-get"))
            .env("TENCENTCLOUD_METADATA_ENDPOINT", closed_port_url())
            .env("TENCENTCLOUD_SECRET_ID", "AKIDexample")
            .env("TENCENTCLOUD_SECRET_KEY", "example-key");
        let output = tokio::task::spawn_blocking(move || command.output().unwrap())
            .await
            .unwrap();
        json(&output);
    }
    let requests = mock.requests();
    let methods: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["POST", "GET"]);
    assert!(
        requests.iter().all(|r| r.error_code.is_none()),
        "both verified"
    );
}
