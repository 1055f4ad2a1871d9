//! The service crates' examples, run as a user runs them (built by `cargo
//! test` with the other examples): each calls the embedded local endpoint with
//! real signatures and keeps the exit-code contract (0 and JSON, 1 for an API
//! error, 2 for anything else). `chat` streams, also from a stand-in.

mod support;

use std::process::{Command, Output};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use support::{closed_port_url, example_binary, temp_dir};
use tc_emulator::cvm::ImageSharing;
use tc_hunyuan::ChatCompletions;
use tc_mock::{MockError, MockServer, MockStream};

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
        "chat",
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

#[test]
fn run_and_wait_launches_lists_and_stops() {
    let out = run("run_and_wait", &["--count", "2", "--page-size", "4"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for line in [
        "RunInstances: 2 launching",
        "all 2 RUNNING",
        "page 3: 1 instances of 9",
        "listed 9 instances in 3 pages, 9 RUNNING",
        "all 2 STOPPED",
    ] {
        assert!(stdout.contains(line), "no `{line}` in:\n{stdout}");
    }
}

#[test]
fn chat_streams_the_spec_example() {
    let out = run("chat", &["What is the weather like in Beijing?"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("计划使用get_current_weather工具来获取北京和深圳的当前天气。"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("信息。\nfinish_reason=tool_calls total_tokens=52\n"),
        "{stdout}"
    );
}

/// Runs `chat` against `mock` with its key pair in the environment, as a
/// user of a real endpoint would.
async fn chat_against(mock: &MockServer, prompt: &str) -> Output {
    let mut command = Command::new(example_binary("chat"));
    command
        .args(["--endpoint", &mock.endpoint(), prompt])
        .env("TENCENTCLOUD_SECRET_ID", "AKIDstandin")
        .env("TENCENTCLOUD_SECRET_KEY", "stand-in-key")
        .env_remove("TENCENTCLOUD_SESSION_TOKEN");
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

async fn stand_in() -> MockServer {
    let mock = MockServer::builder()
        .credential("AKIDstandin", "stand-in-key")
        .answer_from_examples(false)
        .start()
        .await
        .unwrap();
    mock.on_stream(|request: ChatCompletions| {
        let prompt = request.messages[0].content.clone().unwrap_or_default();
        let chunk = |content: &str, finish: &str, tokens: u32| {
            json!({
                "Choices": [{"Delta": {"Role": "assistant", "Content": content}, "FinishReason": finish}],
                "Usage": {"PromptTokens": 3, "CompletionTokens": tokens, "TotalTokens": 3 + tokens},
            })
        };
        let pause = Duration::from_millis(20);
        let stream = MockStream::new()
            .chunk(chunk("Echo", "", 1))
            .chunk_after(pause, chunk(": ", "", 2))
            .chunk_after(pause, chunk(&prompt, "", 3));
        match prompt.as_str() {
            "" => Err(MockError::new("InvalidParameter", "Content is empty.")),
            "moderate me" => Ok(stream.chunk(json!({"ErrorMsg": {"Msg": "moderation", "Code": 2001}}))),
            "cut me" => Ok(stream.cut()),
            _ => Ok(stream.chunk_after(pause, chunk("", "stop", 3))),
        }
    });
    mock
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_streams_from_a_stand_in() {
    let mock = stand_in().await;
    let out = chat_against(&mock, "hello there").await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Echo: hello there\nfinish_reason=stop total_tokens=6\n"
    );
    assert_eq!(mock.requests().len(), 1);
}

/// Checks a failed run: its exit code, what it printed of the answer before
/// failing, and how its message on stderr starts.
fn failed(output: &Output, code: i32, stdout: &str, stderr_start: &str) {
    assert_eq!(output.status.code(), Some(code));
    assert_eq!(String::from_utf8_lossy(&output.stdout), stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with(stderr_start), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_keeps_the_exit_code_contract() {
    let mock = stand_in().await;

    let refused = chat_against(&mock, "").await;
    failed(
        &refused,
        1,
        "",
        "InvalidParameter: Content is empty. (RequestId: ",
    );
    // A failure reported mid-stream is still the service's...
    let moderated = chat_against(&mock, "moderate me").await;
    failed(
        &moderated,
        1,
        "Echo: moderate me",
        "2001: moderation (RequestId: ",
    );
    // ...a broken connection is not.
    let cut = chat_against(&mock, "cut me").await;
    failed(
        &cut,
        2,
        "Echo: cut me",
        "error: connection broken calling ChatCompletions",
    );
    assert!(
        String::from_utf8_lossy(&cut.stderr).contains("(RequestId: "),
        "the cut names the stream's RequestId"
    );
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
