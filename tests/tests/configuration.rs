//! Configured as users of the official SDKs configure a client, and able to
//! call anything: calls by name (`send_json`) checked by an independent
//! signature verifier and by tc-mock, per-call settings, extra headers and
//! the trace id, and the region from the environment or a profile. Over
//! loopback HTTP, with real signatures.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{
    Reply, fast_retries, independent_signature_for, scripted, temp_dir, write_profile_file,
};
use tc_core::credential::Env;
use tc_core::{Client, CommonCode, Credential, Error, Method, RetryConfig};
use tc_cvm::DescribeImageSharePermission;

const SECRET_KEY: &str = "SECRET-KEY-MARKER-configuration";

fn client_at(endpoint: &str) -> tc_core::ClientBuilder {
    Client::builder()
        .endpoint(endpoint)
        .region("ap-guangzhou")
        .credential(Credential::new("AKIDconfig", SECRET_KEY))
        .retry(fast_retries())
        // Nothing from the machine running the tests.
        .env(Env::fixed([("HOME", "/nonexistent")]))
}

/// The signature of `req` as the published algorithm makes it, for `service`.
fn assert_signed_for(req: &support::Captured, service: &str) {
    let signed = "content-type;host;x-tc-action";
    let timestamp: u64 = req.header("x-tc-timestamp").unwrap().parse().unwrap();
    let date = tc_sign::time::utc_date(timestamp);
    let expected = independent_signature_for(service, SECRET_KEY, req, signed);
    assert_eq!(
        req.header("authorization").unwrap(),
        format!(
            "TC3-HMAC-SHA256 Credential=AKIDconfig/{date}/{service}/tc3_request, SignedHeaders={signed}, Signature={expected}"
        )
    );
}

#[tokio::test]
async fn send_json_calls_a_service_no_crate_declares_signed_for_it() {
    let server = scripted(vec![Reply::ok(
        r#"{"Response":{"Widgets":[{"WidgetId":"w-1"}],"TotalCount":1,"RequestId":"rid-json"}}"#,
    )])
    .await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let out = client
        .send_json(
            "widgetry",
            "2031-01-01",
            "DescribeWidgets",
            json!({"Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}], "Limit": 10}),
        )
        .await
        .unwrap();
    assert_eq!(out["Widgets"][0]["WidgetId"], "w-1");
    assert_eq!(out["RequestId"], "rid-json");
    assert!(out.get("Response").is_none(), "the envelope is removed");

    let [req] = server.requests().try_into().unwrap();
    assert_eq!(req.method, "POST");
    assert_eq!(req.header("x-tc-action"), Some("DescribeWidgets"));
    assert_eq!(req.header("x-tc-version"), Some("2031-01-01"));
    assert_eq!(req.header("x-tc-region"), Some("ap-guangzhou"));
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body["Filters"][0]["Values"][0], "ap-guangzhou-3");
    assert_signed_for(&req, "widgetry");
}

#[tokio::test]
async fn send_json_returns_typed_common_errors_and_retries_by_the_usual_rules() {
    let server = scripted(vec![
        Reply::api_error("RequestLimitExceeded", "slow down", "rid-1"),
        Reply::api_error(
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated.",
            "rid-2",
        ),
    ])
    .await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let error = client
        .send_json(
            "widgetry",
            "2031-01-01",
            "CreateWidget",
            json!({"Name": "w"}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::AuthFailureSignatureFailure)
    );
    assert_eq!(error.code(), Some("AuthFailure.SignatureFailure"));
    assert_eq!(error.request_id(), Some("rid-2"));
    assert!(
        error
            .to_string()
            .starts_with("AuthFailure.SignatureFailure: ")
    );
    // Throttling is retried even for a mutating call; the business error is not.
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let trace = requests[0].header("x-tc-traceid").unwrap();
    assert_eq!(
        requests[1].header("x-tc-traceid"),
        Some(trace),
        "one id per call"
    );
    assert_eq!(error.trace_id(), Some(trace));
}

#[tokio::test]
async fn send_json_decides_retries_from_the_name_and_the_client_token() {
    let transient = || Reply::status(503, "<html>busy</html>");
    let ok = Reply::ok(r#"{"Response":{"RequestId":"r"}}"#);
    // A mutating action without a token: a 503 may have been acted on.
    let server = scripted(vec![transient(), ok.clone()]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let error = client
        .send_json("widgetry", "2031-01-01", "CreateWidget", json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::HttpStatus(_)), "{error:?}");
    assert_eq!(server.requests().len(), 1);

    // `"ClientToken": null` asks for a token: filled once, kept on retries.
    let server = scripted(vec![transient(), ok.clone()]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    client
        .send_json(
            "widgetry",
            "2031-01-01",
            "CreateWidget",
            json!({"ClientToken": null}),
        )
        .await
        .unwrap();
    let tokens: Vec<String> = server
        .requests()
        .iter()
        .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap()["ClientToken"].to_string())
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0], tokens[1]);
    assert_eq!(tokens[0].len(), 38, "a quoted UUID: {}", tokens[0]);

    // A read-only name is retried.
    let server = scripted(vec![transient(), ok]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    client
        .send_json("widgetry", "2031-01-01", "DescribeWidgets", json!(null))
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.requests()[0].body, b"{}");
}

#[tokio::test]
async fn send_json_refuses_parameters_that_are_not_an_object() {
    let server = scripted(vec![Reply::ok("{}")]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let error = client
        .send_json("cvm", "2017-03-12", "DescribeImages", json!(["img-1"]))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Build(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("must be a JSON object, not an array"),
        "{error}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn send_json_against_the_local_endpoint_post_get_and_errors() {
    let mock = tc_mock::MockServer::builder()
        .credential("AKIDmock", "mock-key")
        .start()
        .await
        .unwrap();
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let params = json!({"ImageId": "img-6pb6lrmy"});
    let out = client
        .send_json(
            "cvm",
            "2017-03-12",
            "DescribeImageSharePermission",
            params.clone(),
        )
        .await
        .unwrap();
    assert!(out["SharePermissionSet"].is_array(), "{out}");
    let out = client
        .call_json("cvm", "2017-03-12", "DescribeImageSharePermission", params)
        .method(Method::Get)
        .send()
        .await
        .unwrap();
    assert!(out["RequestId"].is_string(), "{out}");
    let methods: Vec<String> = mock.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["POST", "GET"]);

    let error = client
        .send_json("cvm", "2017-03-12", "DescribeNothingAtAll", json!({}))
        .await
        .unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::InvalidAction),
        "{error}"
    );
    let wrong_key = Client::builder()
        .endpoint(mock.endpoint())
        .credential(Credential::new("AKIDmock", "not-the-key"))
        .build()
        .unwrap();
    let error = wrong_key
        .send_json(
            "cvm",
            "2017-03-12",
            "DescribeImageSharePermission",
            json!({}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        error.common_code(),
        Some(CommonCode::AuthFailureSignatureFailure),
        "{error}"
    );
}

#[tokio::test]
async fn send_json_streams_an_event_stream_answer() {
    let mock = tc_mock::MockServer::builder()
        .credential("AKIDmock", "mock-key")
        .start()
        .await
        .unwrap();
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    let params = json!({
        "Model": "hunyuan-turbos-latest",
        "Messages": [{"Role": "user", "Content": "Hello"}],
        "Stream": true,
    });
    let mut chunks = client
        .call_json("hunyuan", "2023-09-01", "ChatCompletions", params)
        .send_streaming()
        .await
        .unwrap();
    assert!(chunks.is_event_stream());
    assert!(!chunks.request_id().is_empty());
    let mut count = 0;
    let mut last = Value::Null;
    while let Some(chunk) = chunks.next().await {
        last = chunk.unwrap();
        count += 1;
    }
    assert!(count > 1, "{count} chunks");
    assert!(last["Choices"].is_array(), "{last}");
}

#[tokio::test]
async fn a_call_sets_its_own_region_language_headers_and_endpoint() {
    let ok = r#"{"Response":{"SharePermissionSet":[],"RequestId":"r"}}"#;
    let server = scripted(vec![Reply::ok(ok)]).await;
    let other = scripted(vec![Reply::ok(ok)]).await;
    let client = client_at(&server.endpoint())
        .header("X-Client-Wide", "everywhere")
        .header("X-Overridden", "client")
        .language("zh-CN")
        .build()
        .unwrap();
    let seed = || DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    };
    client
        .call(seed())
        .region("ap-singapore")
        .language("en-US")
        .header("X-Per-Call", "once")
        .header("X-Overridden", "call")
        .send()
        .await
        .unwrap();
    client.send(seed()).await.unwrap();
    client
        .call(seed())
        .endpoint(other.endpoint())
        .send()
        .await
        .unwrap();

    let [with_settings, plain] = server.requests().try_into().unwrap();
    assert_eq!(with_settings.header("x-tc-region"), Some("ap-singapore"));
    assert_eq!(with_settings.header("x-tc-language"), Some("en-US"));
    assert_eq!(with_settings.header("x-client-wide"), Some("everywhere"));
    assert_eq!(with_settings.header("x-per-call"), Some("once"));
    assert_eq!(with_settings.header("x-overridden"), Some("call"));
    assert_signed_for(&with_settings, "cvm");
    assert_eq!(plain.header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(plain.header("x-tc-language"), Some("zh-CN"));
    assert_eq!(plain.header("x-per-call"), None);
    assert_eq!(plain.header("x-overridden"), Some("client"));
    assert_ne!(
        with_settings.header("x-tc-traceid"),
        plain.header("x-tc-traceid"),
        "a fresh trace id per call"
    );
    let [elsewhere] = other.requests().try_into().unwrap();
    assert_eq!(
        elsewhere.header("host"),
        Some(other.addr.to_string().as_str())
    );
    assert_signed_for(&elsewhere, "cvm");
}

#[tokio::test]
async fn a_per_call_region_reaches_the_local_endpoint_signed() {
    let mock = tc_mock::MockServer::builder()
        .credential("AKIDmock", "mock-key")
        .start()
        .await
        .unwrap();
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .build()
        .unwrap();
    // tc-mock verifies the signature of the request that carries the region.
    client
        .call(DescribeImageSharePermission {
            image_id: "img-6pb6lrmy".into(),
        })
        .region("ap-singapore")
        .send()
        .await
        .unwrap();
    assert_eq!(mock.requests()[0].error_code, None);
}

#[tokio::test]
async fn a_call_sets_its_own_retries_timeout_and_deadline() {
    let busy = Reply::status(503, "busy");
    let server = scripted(vec![busy]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let seed = DescribeImageSharePermission {
        image_id: "img-6pb6lrmy".into(),
    };
    client
        .call(seed.clone())
        .retry(RetryConfig::disabled())
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.requests().len(), 1, "one attempt");

    let slow = scripted(vec![Reply::ok("{}").delayed(Duration::from_secs(5))]).await;
    let client = client_at(&slow.endpoint()).build().unwrap();
    let error = client
        .call(seed.clone())
        .timeout(Duration::from_millis(100))
        .retry(RetryConfig::disabled())
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("100ms"), "{error}");
    let started = std::time::Instant::now();
    let error = client
        .call(seed)
        .deadline(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("deadline of 150ms"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(error.trace_id().is_some());
}

#[tokio::test]
async fn headers_that_cannot_be_sent_are_build_errors_not_panics() {
    for (name, value) in [
        ("Authorization", "TC3-HMAC-SHA256 forged"),
        ("Host", "elsewhere"),
        ("X-TC-Action", "RunInstances"),
        ("X-TC-Timestamp", "0"),
        ("bad name", "x"),
        ("X-Fine", "line\nbreak"),
    ] {
        let built = Client::builder().header(name, value).build();
        assert!(matches!(built, Err(Error::Build(_))), "{name}: {built:?}");
    }
    let server = scripted(vec![Reply::ok("{}")]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    let error = client
        .call(DescribeImageSharePermission {
            image_id: "img-6pb6lrmy".into(),
        })
        .header("X-TC-Token", "forged")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Build(_)), "{error:?}");
    assert!(
        error.to_string().contains("cannot be overridden"),
        "{error}"
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_caller_may_choose_the_trace_id() {
    let server = scripted(vec![Reply::ok(r#"{"Response":{"RequestId":"r"}}"#)]).await;
    let client = client_at(&server.endpoint()).build().unwrap();
    client
        .call_json("widgetry", "2031-01-01", "DescribeWidgets", json!({}))
        .header("X-TC-TraceId", "my-trace-42")
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.requests()[0].header("x-tc-traceid"),
        Some("my-trace-42")
    );
    // Client-wide, one id would be the same on every call: refused.
    let refused = client_at(&server.endpoint())
        .header("X-TC-TraceId", "same-every-call")
        .build();
    assert!(matches!(refused, Err(Error::Build(_))));
}

#[tokio::test]
async fn the_region_comes_from_the_environment_then_the_profile() {
    let home = temp_dir("region");
    let region_of = |env: Env| {
        Client::builder()
            .env(env)
            .build()
            .unwrap()
            .region()
            .map(str::to_owned)
    };
    let home_var = ("HOME", home.to_str().unwrap().to_owned());

    assert_eq!(region_of(Env::fixed([home_var.clone()])), None);
    write_profile_file(
        &home,
        "[default]\nsecret_id = AKID1\nsecret_key = k1\nregion = ap-shanghai\n\n[ci]\nsecret_id = AKID2\nsecret_key = k2\nregion = na-ashburn\n",
    );
    assert_eq!(
        region_of(Env::fixed([home_var.clone()])).as_deref(),
        Some("ap-shanghai")
    );
    let ci = Env::fixed([home_var.clone(), ("TENCENTCLOUD_PROFILE", "ci".into())]);
    assert_eq!(region_of(ci).as_deref(), Some("na-ashburn"));
    let env = Env::fixed([home_var.clone(), ("TENCENTCLOUD_REGION", "ap-tokyo".into())]);
    assert_eq!(region_of(env.clone()).as_deref(), Some("ap-tokyo"));
    // An explicit region wins.
    let explicit = Client::builder()
        .env(env)
        .region("eu-frankfurt")
        .build()
        .unwrap();
    assert_eq!(explicit.region(), Some("eu-frankfurt"));

    // The official CLI's configuration, when the credentials file sets none.
    let cli_home = temp_dir("region-tccli");
    std::fs::create_dir_all(cli_home.join(".tccli")).unwrap();
    std::fs::write(
        cli_home.join(".tccli/default.configure"),
        r#"{"_sys_param": {"arrayCount": 10, "output": "json", "region": "ap-seoul"}, "cvm": {"endpoint": "cvm.tencentcloudapi.com"}}"#,
    )
    .unwrap();
    let cli = Env::fixed([("HOME", cli_home.to_str().unwrap())]);
    assert_eq!(region_of(cli).as_deref(), Some("ap-seoul"));

    // A profile written twice is refused for its region as for its keys.
    let twice = temp_dir("region-twice");
    write_profile_file(
        &twice,
        "[default]\nregion = ap-shanghai\n\n[default]\nregion = ap-beijing\n",
    );
    assert_eq!(
        region_of(Env::fixed([("HOME", twice.to_str().unwrap().to_owned())])),
        None
    );
}

#[tokio::test]
async fn the_environment_region_is_sent() {
    let server = scripted(vec![Reply::ok(r#"{"Response":{"RequestId":"r"}}"#)]).await;
    let client = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDconfig", SECRET_KEY))
        .env(Env::fixed([("TENCENTCLOUD_REGION", "ap-tokyo")]))
        .build()
        .unwrap();
    client
        .send_json("cvm", "2017-03-12", "DescribeRegions", json!({}))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("x-tc-region"), Some("ap-tokyo"));
}
