//! `--filter`, `--waiter`, `--all-pages`, `--cli-unfold-argument` and the
//! output forms, against the local endpoint.

mod common;

use common::Session;
use serde_json::{Value, json};

#[test]
fn filter_prints_what_the_jmespath_expression_selects() {
    let s = Session::start("filter");
    let run = s.call(&[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
        "--filter",
        "SharePermissionSet[?AccountId=='101104350001'].CreatedTime",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json(), json!(["2018-06-13T15:03:25Z"]));
}

#[test]
fn waiter_repeats_the_call_until_the_expression_reaches_the_value() {
    let s = Session::start("waiter");
    let seen = s.endpoint.record("DescribeInstancesStatus", |_, n| {
        let state = if n < 2 { "PENDING" } else { "RUNNING" };
        json!({"TotalCount": 1, "InstanceStatusSet": [{"InstanceId": "ins-1", "InstanceState": state}]})
    });
    let waiter = r#"{"expr": "InstanceStatusSet[0].InstanceState", "to": "RUNNING", "timeout": 20, "interval": 0.05}"#;
    let run = s.call(&[
        "cvm",
        "DescribeInstancesStatus",
        "--InstanceIds",
        r#"["ins-1"]"#,
        "--waiter",
        waiter,
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.json()["InstanceStatusSet"][0]["InstanceState"],
        "RUNNING"
    );
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert_eq!(run.stderr.matches("waiting: ").count(), 2, "{}", run.stderr);

    // A state never reached ends the wait with exit 2.
    let never = r#"{"expr": "InstanceStatusSet[0].InstanceState", "to": "STOPPED", "timeout": 0.3, "interval": 0.05}"#;
    let run = s.call(&["cvm", "DescribeInstancesStatus", "--waiter", never]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("did not become \"STOPPED\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("last: \"RUNNING\""), "{}", run.stderr);
}

/// Seven instances, served `Limit` at a time from `Offset`.
fn instances(params: &Value, _: usize) -> Value {
    let offset = params["Offset"].as_u64().unwrap_or(0) as usize;
    let limit = params["Limit"].as_u64().unwrap_or(20) as usize;
    let set: Vec<Value> = (offset..7.min(offset + limit))
        .map(|i| json!({"InstanceId": format!("ins-{i}")}))
        .collect();
    json!({"TotalCount": 7, "InstanceSet": set})
}

#[test]
fn all_pages_follows_the_offset_and_merges_the_list() {
    let s = Session::start("pages");
    let seen = s.endpoint.record("DescribeInstances", instances);
    let run = s.call(&["cvm", "DescribeInstances", "--Limit", "3", "--all-pages"]);
    assert_eq!(run.code, 0, "{run:?}");
    let answer = run.json();
    let ids: Vec<&str> = answer["InstanceSet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["InstanceId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "ins-0", "ins-1", "ins-2", "ins-3", "ins-4", "ins-5", "ins-6"
        ]
    );
    assert_eq!(answer["TotalCount"], 7);
    let offsets: Vec<Value> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| p["Offset"].clone())
        .collect();
    assert_eq!(offsets, [json!(0), json!(3), json!(6)]);

    // Without --all-pages, one page.
    let run = s.call(&["cvm", "DescribeInstances", "--Limit", "3"]);
    assert_eq!(run.json()["InstanceSet"].as_array().unwrap().len(), 3);

    // An action that does not page says so, and sends nothing.
    let before = s.endpoint.mock.requests().len();
    let run = s.call(&[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
        "--all-pages",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("does not page"), "{}", run.stderr);
    assert_eq!(s.endpoint.mock.requests().len(), before);
}

#[test]
fn all_pages_follows_page_numbers_and_tokens_too() {
    let s = Session::start("pages-other");
    // Five accounts, PageSize a page, pages counted from 1.
    let pages = s
        .endpoint
        .record_at(("adp", "2026-05-20", "DescribeAccountList"), |p, _| {
            let (page, size) = (
                p["PageNumber"].as_u64().unwrap(),
                p["PageSize"].as_u64().unwrap(),
            );
            let list: Vec<Value> = ((page - 1) * size..(page * size).min(5))
                .map(Value::from)
                .collect();
            json!({"TotalCount": 5, "AccountList": list})
        });
    let run = s.call(&[
        "adp",
        "DescribeAccountList",
        "--PageSize",
        "2",
        "--all-pages",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["AccountList"], json!([0, 1, 2, 3, 4]));
    let numbers: Vec<Value> = pages
        .lock()
        .unwrap()
        .iter()
        .map(|p| p["PageNumber"].clone())
        .collect();
    assert_eq!(numbers, [json!(1), json!(2), json!(3)]);

    // A token handed back until the last page, which hands back none.
    let tokens = s.endpoint.record_at(
        ("ags", "2025-09-20", "DescribePreCacheImageList"),
        |p, _| {
            let (items, next) = match p["NextToken"].as_str() {
                None => (json!(["a", "b"]), "t1"),
                Some("t1") => (json!(["c"]), "t2"),
                Some(_) => (json!(["d"]), ""),
            };
            json!({"TotalCount": 4, "PreCacheImageList": items, "NextToken": next})
        },
    );
    let run = s.call(&["ags", "DescribePreCacheImageList", "--all-pages"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json()["PreCacheImageList"], json!(["a", "b", "c", "d"]));
    let sent: Vec<Value> = tokens
        .lock()
        .unwrap()
        .iter()
        .map(|p| p["NextToken"].clone())
        .collect();
    assert_eq!(sent, [Value::Null, json!("t1"), json!("t2")]);
}

#[test]
fn unfolded_arguments_build_the_nested_parameters() {
    let s = Session::start("unfold");
    let seen = s.endpoint.record("DescribeInstances", instances);
    let run = s.call(&[
        "cvm",
        "DescribeInstances",
        "--cli-unfold-argument",
        "--Filters.0.Name",
        "zone",
        "--Filters.0.Values",
        "ap-guangzhou-1",
        "ap-guangzhou-2",
        "--Filters.1.Name",
        "instance-name",
        "--Filters.1.Values",
        "web",
        "--Limit",
        "2",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        seen.lock().unwrap()[0],
        json!({
            "Filters": [
                {"Name": "zone", "Values": ["ap-guangzhou-1", "ap-guangzhou-2"]},
                {"Name": "instance-name", "Values": ["web"]}
            ],
            "Limit": 2
        })
    );
    // The same as JSON.
    let run = s.call(
            &[
                "cvm",
                "DescribeInstances",
                "--Filters",
                r#"[{"Name":"zone","Values":["ap-guangzhou-1","ap-guangzhou-2"]},{"Name":"instance-name","Values":["web"]}]"#,
                "--Limit",
                "2",
            ]);
    assert_eq!(run.code, 0, "{run:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0], seen[1]);
    drop(seen);

    // Indexes start at 0 and go up by 1.
    let run = s.call(&[
        "cvm",
        "DescribeInstances",
        "--cli-unfold-argument",
        "--Filters.1.Name",
        "zone",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("start at 0"), "{}", run.stderr);

    // A whole value and unfolded members of it, in either order.
    for order in [
        ["--Filters.0.Name", "zone", "--Filters", "[]"],
        ["--Filters", "[]", "--Filters.0.Name", "zone"],
    ] {
        let mut args = vec!["cvm", "DescribeInstances", "--cli-unfold-argument"];
        args.extend(order);
        let run = s.call(&args);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(
            run.stderr.contains("given both whole and unfolded"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(s.endpoint.mock.requests().len(), 2, "nothing more was sent");
}

#[test]
fn text_and_table_output() {
    let s = Session::start("output");
    let args = [
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
        "--output",
    ];
    let text = s.call(&[&args[..], &["text"]].concat());
    assert_eq!(text.code, 0, "{text:?}");
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", text.stdout);
    assert_eq!(
        lines[1],
        "SHAREPERMISSIONSET\t101104350000\t2018-06-10T11:02:50Z"
    );
    let table = s.call(&[&args[..], &["table"]].concat());
    assert_eq!(table.code, 0, "{table:?}");
    assert!(
        table.stdout.contains("DescribeImageSharePermission"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("| AccountId    | CreatedTime          |"),
        "{}",
        table.stdout
    );
}

#[test]
fn the_actions_declared_rate_limit_holds_across_repeated_calls() {
    // DescribeImageSharePermission declares 10 calls a second. A wait that
    // never ends, repeating without pause for 1.5 s, makes at most the
    // burst and 10 a second more; without the limit it would make hundreds.
    let s = Session::start("rate");
    let waiter = r#"{"expr": "RequestId", "to": "never", "timeout": 1.5, "interval": 0}"#;
    let run = s.call(&[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
        "--waiter",
        waiter,
    ]);
    assert_eq!(run.code, 2, "{run:?}");
    let calls = s.endpoint.mock.requests().len();
    assert!((3..=30).contains(&calls), "{calls} calls in 1.5 s");
}
