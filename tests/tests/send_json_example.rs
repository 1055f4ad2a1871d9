//! `cargo run -p tcapi-core --example send_json -- SERVICE VERSION ACTION JSON`
//! as a user runs it: on the embedded endpoint by default, on another one
//! with `--endpoint`, the region from the process environment, and the
//! examples' exit codes. Run as a subprocess (built by `cargo test` with the
//! other examples).

mod support;

use std::process::{Command, Output};

use support::{Reply, closed_port_url, example_binary, scripted, temp_dir};

const EXAMPLE: &str = "send_json";

/// Runs the example with `env` only, and a home with nothing in it.
async fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = temp_dir("send-json-example");
    let mut command = Command::new(example_binary(EXAMPLE));
    command
        .args(args)
        .env_clear()
        .env("HOME", &home)
        .env("TENCENTCLOUD_METADATA_ENDPOINT", closed_port_url())
        .envs(env.iter().copied());
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_issue_command_line_prints_the_answer() {
    let output = run(
        &[
            "cvm",
            "2017-03-12",
            "DescribeImageSharePermission",
            r#"{"ImageId":"img-6pb6lrmy"}"#,
        ],
        &[],
    )
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let answer: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(answer["SharePermissionSet"][0]["AccountId"], "101104350000");
    assert!(answer["RequestId"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_error_exits_1_and_bad_arguments_exit_2() {
    let output = run(&["cvm", "2017-03-12", "DescribeNoSuchThing", "{}"], &[]).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("InvalidAction"), "{stderr}");

    let output = run(&["cvm", "2017-03-12"], &[]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage: send_json"));
    let output = run(&["cvm", "2017-03-12", "DescribeImages", "{not json"], &[]).await;
    assert_eq!(output.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_an_endpoint_it_takes_the_region_and_key_from_the_environment() {
    let server = scripted(vec![Reply::ok(
        r#"{"Response":{"TotalCount":0,"RequestId":"rid-env"}}"#,
    )])
    .await;
    let output = run(
        &[
            "widgetry",
            "2031-01-01",
            "DescribeWidgets",
            "--endpoint",
            &server.endpoint(),
        ],
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", "env-key"),
            ("TENCENTCLOUD_REGION", "ap-tokyo"),
        ],
    )
    .await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let [request] = server.requests().try_into().unwrap();
    assert_eq!(request.header("x-tc-region"), Some("ap-tokyo"));
    assert_eq!(request.header("x-tc-action"), Some("DescribeWidgets"));
    let expected = support::independent_signature_for(
        "widgetry",
        "env-key",
        &request,
        "content-type;host;x-tc-action",
    );
    assert!(
        request
            .header("authorization")
            .unwrap()
            .ends_with(&expected)
    );
}
