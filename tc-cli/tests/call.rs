//! `tc` calling the local endpoint: the seed call, API errors, parameter
//! errors (nothing sent), `--cli-input-json`, the skeleton.

mod common;

use common::{Home, Session, tc};
use serde_json::json;

#[test]
fn describe_image_share_permission_prints_the_answer_in_tcclis_form() {
    let s = Session::start("seed");
    let run = s.call(&[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let answer = run.json();
    let accounts: Vec<&str> = answer["SharePermissionSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["AccountId"].as_str().unwrap())
        .collect();
    assert_eq!(accounts, ["101104350000", "101104350001"]);
    assert!(answer["RequestId"].as_str().is_some_and(|r| r.len() == 36));
    // The `Response` object without its envelope, indented by four.
    assert!(answer.get("Response").is_none());
    assert!(run.stdout.starts_with("{\n    \""), "{}", run.stdout);
    let requests = s.endpoint.mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].action, "DescribeImageSharePermission");
    assert_eq!(requests[0].error_code, None);
}

#[test]
fn an_api_error_exits_1_with_code_message_and_request_id() {
    let s = Session::start("api-error");
    let run = s.call(&[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-00000000",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.is_empty());
    let line = run.stderr.trim();
    assert!(line.starts_with("InvalidImageId.NotFound: "), "{line}");
    let request_id = &s.endpoint.mock.requests()[0].request_id;
    assert!(
        line.ends_with(&format!("(RequestId: {request_id})")),
        "{line}"
    );
}

#[test]
fn parameter_errors_exit_2_and_send_nothing() {
    let s = Session::start("param-errors");
    for (args, says) in [
        (
            vec![
                "cvm",
                "DescribeImageSharePermission",
                "--ImageID",
                "img-6pb6lrmy",
            ],
            "unknown parameter ImageID; did you mean ImageId?",
        ),
        (
            vec!["cvm", "DescribeImageSharePermission"],
            "missing required parameter ImageId",
        ),
        (
            vec!["cvm", "DescribeInstances", "--Limit", "ten"],
            "--Limit: `ten` is not an integer",
        ),
        (
            vec![
                "cvm",
                "DescribeInstances",
                "--Filters",
                r#"[{"Name": "zone", "Values": "ap-guangzhou-1"}]"#,
            ],
            "Filters[0].Values must be a list",
        ),
        (
            vec![
                "cvm",
                "DescribeInstances",
                "--Filters",
                r#"[{"Nme": "zone"}]"#,
            ],
            "in Filters[0]: unknown parameter Nme; did you mean Name?",
        ),
        (
            vec!["cvm", "DescribeInstances", "--Filters.0.Name", "zone"],
            "needs --cli-unfold-argument",
        ),
        (
            vec!["cvm", "DescribeInstances", "--InstanceIds", "[1]"],
            "InstanceIds[0] must be text",
        ),
        (
            vec![
                "cvm",
                "DescribeInstances",
                "--cli-input-json",
                r#"{"Limit": "1"}"#,
            ],
            "Limit must be an integer, not the text \"1\"",
        ),
        (
            vec!["cvm", "DescribeInstance"],
            "no action `DescribeInstance` in `cvm`",
        ),
        (vec!["cvmm", "DescribeInstances"], "no service `cvmm`"),
        (
            vec!["cvm", "DescribeInstances", "--version", "2099-01-01"],
            "has no API version 2099-01-01",
        ),
        (
            vec![
                "cvm",
                "DescribeInstances",
                "--all-pages",
                "--waiter",
                r#"{"expr": "TotalCount", "to": 1}"#,
            ],
            "cannot be combined",
        ),
        (
            vec!["cvm", "DescribeInstances", "--output", "yaml"],
            "choose json, text or table",
        ),
        (
            vec!["cvm", "DescribeInstances", "--filter", "InstanceSet["],
            "is not a JMESPath expression",
        ),
    ] {
        let run = s.call(&args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    assert_eq!(s.endpoint.mock.requests(), [], "a request was sent");
}

#[test]
fn cli_input_json_from_text_or_file_and_flags_override_it() {
    let s = Session::start("input-json");
    let seen = s.endpoint.record(
        "DescribeInstances",
        |_, _| json!({"TotalCount": 0, "InstanceSet": []}),
    );
    let file = s.home.0.join("input.json");
    std::fs::write(&file, r#"{"Limit": 3, "InstanceIds": ["ins-1"]}"#).unwrap();
    let from_file = format!("file://{}", file.display());
    for args in [
        vec![
            "cvm",
            "DescribeInstances",
            "--cli-input-json",
            r#"{"Limit": 3, "InstanceIds": ["ins-1"]}"#,
        ],
        vec![
            "cvm",
            "DescribeInstances",
            "--cli-input-json",
            &from_file,
            "--Limit",
            "7",
        ],
    ] {
        let run = s.call(&args);
        assert_eq!(run.code, 0, "{run:?}");
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0], json!({"Limit": 3, "InstanceIds": ["ins-1"]}));
    assert_eq!(seen[1], json!({"Limit": 7, "InstanceIds": ["ins-1"]}));
}

#[test]
fn the_skeleton_lists_every_parameter_and_sends_nothing() {
    let home = Home::new("skeleton");
    let run = tc(
        &home.0,
        &["cvm", "DescribeInstances", "--generate-cli-skeleton"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let skeleton = run.json();
    assert_eq!(skeleton["Limit"], json!(0));
    assert_eq!(skeleton["Filters"], json!([{"Name": "", "Values": [""]}]));
    assert_eq!(skeleton["InstanceIds"], json!([""]));
}
