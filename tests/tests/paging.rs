//! Paginators and waiters against a real loopback endpoint (tc-mock), with
//! real signatures: CVM instances that launch and stop over time, and
//! scripted token and page-number listings.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tc_core::{Client, Error, WaitConfig, WaitErrorKind, WaitState};
use tc_cvm::waiters::{instances_running, instances_stopped};
use tc_cvm::{DescribeInstances, RunInstances, StopInstances, TerminateInstances};
use tc_emulator::cvm::{InstanceTimings, Instances};
use tc_mock::{MockError, MockServer};
use tc_tag::{GetTagKeys, GetTagKeysResponse};

async fn endpoint() -> (MockServer, Client) {
    let mock = MockServer::builder()
        .credential("AKIDpaging", "paging-key")
        .start()
        .await
        .expect("the local endpoint starts");
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .rate_limits(false)
        .build()
        .expect("client");
    (mock, client)
}

fn calls(mock: &MockServer, action: &str) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.action == action)
        .count()
}

fn quick() -> WaitConfig {
    WaitConfig::default()
        .initial_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(100))
        .timeout(Duration::from_secs(10))
}

#[tokio::test]
async fn two_hundred_fifty_instances_in_pages_of_a_hundred() {
    let (mock, client) = endpoint().await;
    let instances = Arc::new(Instances::default());
    let seeded = instances.seed_running(250);
    instances.install(&mock);

    let request = DescribeInstances {
        limit: Some(100),
        ..DescribeInstances::default()
    };
    let mut pages = client.paginate(request);
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.expect("page");
        assert_eq!(page.total_count, 250);
        sizes.push(page.instance_set.len());
    }
    assert_eq!(sizes, [100, 100, 50]);
    assert_eq!(calls(&mock, "DescribeInstances"), 3);

    let all = client
        .paginate(DescribeInstances {
            limit: Some(100),
            ..DescribeInstances::default()
        })
        .all_items()
        .await
        .expect("items");
    let ids: Vec<String> = all.into_iter().map(|i| i.instance_id).collect();
    assert_eq!(ids, seeded, "every instance once, in order");
}

#[tokio::test]
async fn the_callers_limit_and_offset_are_kept() {
    let (mock, client) = endpoint().await;
    let instances = Arc::new(Instances::default());
    instances.seed_running(250);
    instances.install(&mock);

    let request = DescribeInstances {
        limit: Some(30),
        offset: Some(100),
        ..DescribeInstances::default()
    };
    let mut pages = client.paginate(request);
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await {
        sizes.push(page.expect("page").instance_set.len());
    }
    assert_eq!(sizes, [30, 30, 30, 30, 30]);
    assert_eq!(calls(&mock, "DescribeInstances"), 5);
}

#[tokio::test]
async fn a_page_shorter_than_asked_for_is_not_the_last_while_the_total_says_more() {
    let (mock, client) = endpoint().await;
    // A service that caps the page at 2, whatever the caller asks for.
    mock.on(|req: DescribeInstances| {
        let offset = usize::try_from(req.offset.unwrap_or(0)).unwrap_or(usize::MAX);
        let ids: Vec<String> = (0..5).map(|i| format!("ins-{i}")).collect();
        Ok(tc_cvm::DescribeInstancesResponse {
            total_count: 5,
            instance_set: ids
                .iter()
                .skip(offset)
                .take(2)
                .map(|id| tc_cvm::models::Instance {
                    instance_id: id.clone(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        })
    });
    let all = client
        .paginate(DescribeInstances {
            limit: Some(10),
            ..Default::default()
        })
        .all_items()
        .await
        .expect("instances");
    let ids: Vec<&str> = all.iter().map(|i| i.instance_id.as_str()).collect();
    assert_eq!(ids, ["ins-0", "ins-1", "ins-2", "ins-3", "ins-4"]);
    assert_eq!(calls(&mock, "DescribeInstances"), 3);
}

/// `GetTagKeys` answering from a script of (token, keys) pages, by the token
/// asked for (`""` for the first page).
fn tag_pages(
    mock: &MockServer,
    script: &'static [(&'static str, &'static str, &'static [&'static str])],
) {
    mock.on(move |req: GetTagKeys| {
        let asked = req.pagination_token.unwrap_or_default();
        let (_, next, keys) = script
            .iter()
            .find(|(token, ..)| *token == asked)
            .ok_or_else(|| MockError::new("InvalidParameterValue", format!("no page `{asked}`")))?;
        Ok(GetTagKeysResponse {
            pagination_token: (*next).to_owned(),
            tag_keys: keys.iter().map(|k| (*k).to_owned()).collect(),
            ..GetTagKeysResponse::default()
        })
    });
}

#[tokio::test]
async fn a_token_listing_ends_when_no_token_comes_back() {
    let (mock, client) = endpoint().await;
    tag_pages(
        &mock,
        &[
            ("", "t1", &["a", "b"]),
            ("t1", "t2", &["c"]),
            ("t2", "", &["d", "e"]),
        ],
    );
    let keys = client
        .paginate(GetTagKeys::default())
        .all_items()
        .await
        .expect("keys");
    assert_eq!(keys, ["a", "b", "c", "d", "e"]);
    assert_eq!(calls(&mock, "GetTagKeys"), 3);
}

#[tokio::test]
async fn a_token_handed_back_twice_stops_the_listing_with_an_error() {
    let (mock, client) = endpoint().await;
    tag_pages(&mock, &[("", "again", &["a"]), ("again", "again", &["b"])]);
    let error = client
        .paginate(GetTagKeys::default())
        .all_items()
        .await
        .expect_err("a loop");
    assert!(matches!(error, Error::Paging(_)), "{error}");
    assert!(
        error
            .to_string()
            .contains("page token `again` a second time"),
        "{error}"
    );
    assert_eq!(calls(&mock, "GetTagKeys"), 2);
}

#[tokio::test]
async fn an_error_mid_way_comes_after_the_pages_before_it() {
    let (mock, client) = endpoint().await;
    tag_pages(&mock, &[("", "t1", &["a", "b"]), ("t1", "t2", &["c"])]);
    let mut items = client.paginate(GetTagKeys::default()).items();
    let mut seen = Vec::new();
    let error = loop {
        match items.next().await {
            Some(Ok(key)) => seen.push(key),
            Some(Err(e)) => break e,
            None => panic!("the listing ended without the error"),
        }
    };
    assert_eq!(seen, ["a", "b", "c"]);
    assert_eq!(error.code(), Some("InvalidParameterValue"));
    assert!(items.next().await.is_none(), "nothing after the error");
}

#[tokio::test]
async fn page_numbers_count_up_until_the_total() {
    let (mock, client) = endpoint().await;
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&asked);
    mock.on(move |req: tc_hunyuan::ListGlossary| {
        let page = req.page.unwrap_or(1);
        log.lock().unwrap().push((page, req.page_size));
        let glossaries = (0..if page < 3 { 2 } else { 1 })
            .map(|i| tc_hunyuan::models::Glossary {
                name: Some(format!("g{page}-{i}")),
                ..Default::default()
            })
            .collect();
        Ok(tc_hunyuan::ListGlossaryResponse {
            glossaries: Some(glossaries),
            total: Some(5),
            ..Default::default()
        })
    });
    let request = tc_hunyuan::ListGlossary {
        page_size: Some(2),
        ..Default::default()
    };
    let all = client.paginate(request).all_items().await.expect("all");
    assert_eq!(all.len(), 5);
    assert_eq!(
        *asked.lock().unwrap(),
        [(1, Some(2)), (2, Some(2)), (3, Some(2))]
    );
}

#[tokio::test]
async fn three_instances_launch_and_stop() {
    let (mock, client) = endpoint().await;
    let instances = Arc::new(Instances::new(InstanceTimings::all(Duration::from_millis(
        300,
    ))));
    instances.install(&mock);
    let ran = client
        .send(RunInstances {
            instance_count: Some(3),
            ..RunInstances::default()
        })
        .await
        .expect("run");
    let ids = ran.instance_id_set;
    assert_eq!(ids.len(), 3);

    let running = instances_running(&client, &ids, quick())
        .await
        .expect("running");
    assert!(
        running
            .instance_set
            .iter()
            .all(|i| i.instance_state == "RUNNING")
    );
    assert!(calls(&mock, "DescribeInstances") > 1, "it had to wait");

    client
        .send(StopInstances {
            instance_ids: ids.clone(),
            ..StopInstances::default()
        })
        .await
        .expect("stop");
    let stopped = instances_stopped(&client, &ids, quick())
        .await
        .expect("stopped");
    assert_eq!(stopped.instance_set.len(), 3);
}

#[tokio::test]
async fn a_wait_that_times_out_says_what_it_saw_last() {
    let (mock, client) = endpoint().await;
    let instances = Arc::new(Instances::new(InstanceTimings::all(Duration::from_secs(
        60,
    ))));
    instances.install(&mock);
    let ids = client
        .send(RunInstances::default())
        .await
        .expect("run")
        .instance_id_set;
    let config = quick().timeout(Duration::from_millis(300));
    let error = instances_running(&client, &ids, config)
        .await
        .expect_err("too slow");
    let Error::Wait(wait) = &error else {
        panic!("{error}")
    };
    assert_eq!(wait.kind(), WaitErrorKind::TimedOut);
    assert_eq!(wait.last_state(), format!("{} PENDING", ids[0]));
    assert!(wait.calls() >= 2, "{error}");
    assert!(error.to_string().contains("last state: ins-"), "{error}");
}

#[tokio::test]
async fn a_failure_state_ends_the_wait_at_once() {
    let (mock, client) = endpoint().await;
    let instances = Arc::new(Instances::new(InstanceTimings::all(Duration::from_secs(
        60,
    ))));
    instances.seed_running(1);
    instances.install(&mock);
    let ids = instances.seed_running(1);
    client
        .send(TerminateInstances {
            instance_ids: ids.clone(),
            ..TerminateInstances::default()
        })
        .await
        .expect("terminate");
    let before = calls(&mock, "DescribeInstances");
    let error = instances_running(&client, &ids, quick())
        .await
        .expect_err("terminating");
    let Error::Wait(wait) = &error else {
        panic!("{error}")
    };
    assert_eq!(wait.kind(), WaitErrorKind::Failed);
    assert_eq!(wait.last_state(), format!("{} TERMINATING", ids[0]));
    assert_eq!(
        calls(&mock, "DescribeInstances") - before,
        1,
        "no second call"
    );
}

#[tokio::test]
async fn a_one_value_waiter_and_a_hand_written_condition() {
    let (mock, client) = endpoint().await;
    let polls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&polls);
    mock.on(move |req: tc_clb::DescribeTaskStatus| {
        assert_eq!(req.task_id.as_deref(), Some("task-1"));
        let n = counter.fetch_add(1, Ordering::SeqCst);
        Ok(tc_clb::DescribeTaskStatusResponse {
            status: if n < 2 { 2 } else { 0 },
            ..Default::default()
        })
    });
    tc_clb::waiters::task_done(&client, "task-1", quick())
        .await
        .expect("done");
    assert_eq!(polls.load(Ordering::SeqCst), 3);

    // The same wait, with the condition written by hand.
    polls.store(0, Ordering::SeqCst);
    let request = tc_clb::DescribeTaskStatus {
        task_id: Some("task-1".to_owned()),
        ..Default::default()
    };
    let out = client
        .wait_until(
            request,
            |out| match out.status {
                0 => WaitState::Ready,
                1 => WaitState::Failed("the task failed".to_owned()),
                other => WaitState::Pending(format!("status {other}")),
            },
            quick(),
        )
        .await
        .expect("done");
    assert_eq!(out.status, 0);
}

/// Actions of a user's own, paged by `#[tc_action(..., paginate(...))]`: one
/// by page number (a text total, to show any number form reads), one by a
/// token the answer hands back.
mod own {
    use tc_core::{tc_action, tc_model};

    #[tc_model]
    pub struct Widget {
        pub widget_id: String,
    }

    #[tc_action(
        service = "widgets",
        version = "2024-01-01",
        name = "ListWidgets",
        paginate(
            page = page_number,
            limit = page_size,
            items = widget_set,
            item = Widget,
            total = total_count
        )
    )]
    pub struct ListWidgets {
        pub owner: String,
        pub page_number: Option<u64>,
        pub page_size: Option<u64>,
    }

    #[tc_model]
    pub struct ListWidgetsResponse {
        pub widget_set: Option<Vec<Widget>>,
        pub total_count: String,
        pub request_id: String,
    }

    #[tc_action(
        service = "widgets",
        version = "2024-01-01",
        name = "ListWidgetEvents",
        paginate(token = next_token, limit = max_results, items = events, item = String, next = next_token)
    )]
    pub struct ListWidgetEvents {
        pub next_token: Option<String>,
        pub max_results: Option<i64>,
    }

    #[tc_model]
    pub struct ListWidgetEventsResponse {
        pub events: Vec<String>,
        pub next_token: Option<String>,
        pub request_id: String,
    }
}

#[tokio::test]
async fn a_users_own_action_pages_by_page_number_through_its_attribute() {
    let (mock, client) = endpoint().await;
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&asked);
    mock.on(move |req: own::ListWidgets| {
        let (page, size) = (req.page_number.unwrap_or(0), req.page_size.unwrap_or(0));
        seen.lock().unwrap().push((req.owner.clone(), page, size));
        let skip = usize::try_from((page.max(1) - 1) * size).unwrap_or(usize::MAX);
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        Ok(own::ListWidgetsResponse {
            widget_set: Some(
                (0..7)
                    .skip(skip)
                    .take(size)
                    .map(|i| own::Widget {
                        widget_id: format!("w-{i}"),
                    })
                    .collect(),
            ),
            total_count: "7".to_owned(),
            ..Default::default()
        })
    });
    let request = own::ListWidgets {
        owner: "me".to_owned(),
        page_size: Some(3),
        ..Default::default()
    };
    let widgets = client.paginate(request).all_items().await.expect("widgets");
    let ids: Vec<&str> = widgets.iter().map(|w| w.widget_id.as_str()).collect();
    assert_eq!(ids, ["w-0", "w-1", "w-2", "w-3", "w-4", "w-5", "w-6"]);
    // Page numbers from 1, the caller's page size and other members kept,
    // and no page asked for past the total.
    assert_eq!(
        *asked.lock().unwrap(),
        [
            ("me".to_owned(), 1, 3),
            ("me".to_owned(), 2, 3),
            ("me".to_owned(), 3, 3)
        ]
    );
}

#[tokio::test]
async fn a_users_own_action_pages_by_token_through_its_attribute() {
    let (mock, client) = endpoint().await;
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&asked);
    mock.on(move |req: own::ListWidgetEvents| {
        let token = req.next_token.unwrap_or_default();
        seen.lock().unwrap().push((token.clone(), req.max_results));
        let (next, events): (Option<&str>, &[&str]) = match token.as_str() {
            "" => (Some("p2"), &["created", "started"]),
            "p2" => (Some("p3"), &["stopped", "restarted"]),
            _ => (None, &["deleted"]),
        };
        Ok(own::ListWidgetEventsResponse {
            events: events.iter().map(|e| (*e).to_owned()).collect(),
            next_token: next.map(str::to_owned),
            ..Default::default()
        })
    });
    let request = own::ListWidgetEvents {
        max_results: Some(2),
        ..Default::default()
    };
    let events = client.paginate(request).all_items().await.expect("events");
    assert_eq!(
        events,
        ["created", "started", "stopped", "restarted", "deleted"]
    );
    assert_eq!(
        *asked.lock().unwrap(),
        [
            (String::new(), Some(2)),
            ("p2".to_owned(), Some(2)),
            ("p3".to_owned(), Some(2))
        ]
    );
}
