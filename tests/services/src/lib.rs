//! Every shipped service crate against the specs it was generated from, read
//! again here from `specs/<service>-<version>` (no test is written per
//! service: the same checks run on each):
//!
//! - every action of `schema.json` is declared, once, with the right service,
//!   version, name, request, response and error types, method and rate limit;
//! - every request and response type carries every member under the right
//!   wire name and a type that holds the spec's values (a document with every
//!   member set decodes and re-encodes to itself), and a request missing a
//!   required member is refused;
//! - every error code an action documents maps to a variant of its error type,
//!   and the service-wide enum holds every code of the service, once;
//! - every example request round-trips and every example response (success,
//!   error envelope, or stream) decodes without losing a value, except the
//!   examples in `exceptions.rs`, which contradict their own schema, and
//!   those without a request body (the API page gave the request as a query
//!   string), whose number per service is pinned in [`WITHOUT_BODY`];
//! - every action goes through the real client to the local endpoint
//!   (`tc-mock`), which decodes the request it receives and compares it, member
//!   by member, with what was sent.
//!
//! The actions are walked with each crate's generated `registry`, so an action
//! missing from a crate is missing from the walk and fails the comparison with
//! the schema.

mod client;
mod exceptions;
mod facts;
mod spec;

use std::collections::BTreeSet;

use exceptions::EXCEPTIONS;
use facts::{Facts, Part};
use spec::Spec;

/// How many examples of each service have no request body (the API page gave
/// that request as a query string), pinned so that the number cannot change
/// unnoticed.
const WITHOUT_BODY: &[(&str, usize)] = &[
    ("asr-2019-06-14", 14),
    ("cam-2019-01-16", 50),
    ("cbs-2017-03-12", 20),
    ("clb-2018-03-17", 73),
    ("cvm-2017-03-12", 1),
    ("dnspod-2021-03-23", 0),
    ("hunyuan-2023-09-01", 0),
    ("monitor-2018-07-24", 30),
    ("ocr-2018-11-19", 1),
    ("ses-2020-10-02", 0),
    ("sms-2021-01-11", 0),
    ("ssl-2019-12-05", 0),
    ("ssm-2019-09-23", 13),
    ("sts-2018-08-13", 5),
    ("tag-2018-08-13", 18),
    ("vpc-2017-03-12", 238),
];

/// The checks that need no network, for one crate.
fn facts(spec: &Spec, facts: &Facts<'_>, action_count: usize, enum_failures: Vec<String>) {
    let specified: BTreeSet<&str> = spec.action_names().into_iter().collect();
    let declared: BTreeSet<&str> = facts.actions.iter().copied().collect();
    assert_eq!(
        facts.actions.len(),
        declared.len(),
        "an action is declared twice"
    );
    assert_eq!(
        declared, specified,
        "the crate's actions differ from schema.json's"
    );
    assert_eq!(action_count, specified.len());
    for (what, failures) in [
        ("declarations", &facts.declarations),
        ("members", &facts.wire),
        ("error codes", &facts.codes),
        ("the service-wide code enum", &enum_failures),
    ] {
        assert!(
            failures.is_empty(),
            "{}: {what}:\n{}",
            spec.dir,
            failures.join("\n")
        );
    }
    let examples: usize = spec
        .examples
        .as_object()
        .expect("examples")
        .values()
        .map(|list| list.as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(
        facts.examples_seen, examples,
        "{}: examples walked",
        spec.dir
    );
    let without_body = WITHOUT_BODY
        .iter()
        .find(|(dir, _)| *dir == spec.dir)
        .map(|(_, n)| *n);
    assert_eq!(
        Some(facts.examples_without_body),
        without_body,
        "{}: examples without a body",
        spec.dir
    );
    let failed: BTreeSet<(&str, usize, Part)> = facts
        .example_failures
        .iter()
        .map(|(a, i, p, _)| (a.as_str(), *i, *p))
        .collect();
    let expected: BTreeSet<(&str, usize, Part)> = EXCEPTIONS
        .iter()
        .filter(|(dir, ..)| *dir == spec.dir)
        .map(|(_, a, i, p, _)| (*a, *i, *p))
        .collect();
    let messages: Vec<String> = facts
        .example_failures
        .iter()
        .map(|(a, i, p, why)| format!("{a} #{i} {p:?}: {why}"))
        .collect();
    assert_eq!(
        failed,
        expected,
        "{}: the failing examples are not exactly those listed in EXCEPTIONS:\n{}",
        spec.dir,
        messages.join("\n")
    );
}

macro_rules! services {
    ($($krate:ident => $dir:literal, $codes:ident;)*) => {
        /// The spec directories the crates above come from.
        const TESTED: &[&str] = &[$($dir),*];

        /// Per spec directory, how each list action pages and which could not
        /// be classified, from each crate's generated registry.
        const PAGING: &[(&str, &[(&str, &str)], &[(&str, &str)])] = &[$((
            $dir,
            ::$krate::registry::PAGED_ACTIONS,
            ::$krate::registry::UNCLASSIFIED_PAGING,
        )),*];

        $(
            mod $krate {
                use super::*;

                struct Walk<'a>(Facts<'a>);

                impl ::$krate::registry::ActionVisitor for Walk<'_> {
                    fn visit<A>(&mut self)
                    where
                        A: tc_core::Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
                        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
                    {
                        self.0.visit::<A>();
                    }
                }

                struct Calls<'a>(client::ThroughTheClient<'a>);

                impl ::$krate::registry::ActionVisitor for Calls<'_> {
                    fn visit<A>(&mut self)
                    where
                        A: tc_core::Action + serde::de::DeserializeOwned + std::fmt::Debug + PartialEq,
                        A::Output: serde::Serialize + std::fmt::Debug + PartialEq,
                    {
                        self.0.visit::<A>();
                    }
                }

                #[test]
                fn matches_its_specs() {
                    let spec = Spec::load($dir);
                    let lib = stringify!($krate);
                    let mut walk = Walk(Facts::new(&spec, lib, stringify!($codes)));
                    ::$krate::registry::visit_actions(&mut walk);
                    let enum_failures =
                        facts::service_enum(&spec, ::$krate::errors::$codes::ALL);
                    facts(&spec, &walk.0, ::$krate::registry::ACTION_COUNT, enum_failures);
                }

                #[tokio::test]
                async fn every_action_goes_through_the_client() {
                    let spec = Spec::load($dir);
                    let mock = tc_mock::MockServer::builder()
                        .credential("AKIDservices", "services-key")
                        .start()
                        .await
                        .expect("the local endpoint starts");
                    let client = mock
                        .client_builder()
                        .region("ap-guangzhou")
                        .rate_limits(false)
                        .build()
                        .expect("client");
                    let mut walk = Calls(client::ThroughTheClient {
                        spec: &spec,
                        mock: &mock,
                        client,
                        calls: Vec::new(),
                    });
                    ::$krate::registry::visit_actions(&mut walk);
                    let calls = walk.0.calls;
                    assert_eq!(calls.len(), ::$krate::registry::ACTION_COUNT);
                    let mut failures = Vec::new();
                    for call in calls {
                        if let Err(e) = call.await {
                            failures.push(e);
                        }
                    }
                    assert!(failures.is_empty(), "{failures:#?}");
                    let answered = mock.requests();
                    assert_eq!(answered.len(), ::$krate::registry::ACTION_COUNT);
                    assert!(answered.iter().all(|r| r.error_code.is_none()));
                }
            }
        )*
    };
}

services! {
    tc_asr => "asr-2019-06-14", AsrErrorCode;
    tc_cam => "cam-2019-01-16", CamErrorCode;
    tc_cbs => "cbs-2017-03-12", CbsErrorCode;
    tc_clb => "clb-2018-03-17", ClbErrorCode;
    tc_cvm => "cvm-2017-03-12", CvmErrorCode;
    tc_dnspod => "dnspod-2021-03-23", DnspodErrorCode;
    tc_hunyuan => "hunyuan-2023-09-01", HunyuanErrorCode;
    tc_monitor => "monitor-2018-07-24", MonitorErrorCode;
    tc_ocr => "ocr-2018-11-19", OcrErrorCode;
    tc_ses => "ses-2020-10-02", SesErrorCode;
    tc_sms => "sms-2021-01-11", SmsErrorCode;
    tc_ssl => "ssl-2019-12-05", SslErrorCode;
    tc_ssm => "ssm-2019-09-23", SsmErrorCode;
    tc_sts => "sts-2018-08-13", StsErrorCode;
    tc_tag => "tag-2018-08-13", TagErrorCode;
    tc_vpc => "vpc-2017-03-12", VpcErrorCode;
}

#[test]
fn every_service_under_specs_is_tested() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let mut dirs: Vec<String> = std::fs::read_dir(root)
        .expect("specs/")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("schema.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, TESTED);
}

/// The list actions the generator could not give a paginator, by name: a
/// change in the generator's rules or in the specs shows up here.
const UNCLASSIFIED: &[&str] = &[
    "asr-2019-06-14 GetAsrKeyWordLibList",
    "cam-2019-01-16 ListPolicies",
    "cbs-2017-03-12 DescribeDiskStoragePool",
    "dnspod-2021-03-23 DescribeLineGroupList",
    "hunyuan-2023-09-01 GetThreadMessageList",
    "monitor-2018-07-24 DescribeGrafanaInstances",
    "sms-2021-01-11 CallbackStatusStatistics",
    "sms-2021-01-11 PullSmsReplyStatus",
    "sms-2021-01-11 PullSmsSendStatus",
    "sms-2021-01-11 SendStatusStatistics",
    "ssl-2019-12-05 DescribeCertificateBindResourceTaskDetail",
    "ssl-2019-12-05 DescribeManagerDetail",
    "vpc-2017-03-12 DescribeAddressTemplateGroupInstances",
    "vpc-2017-03-12 DescribeAddressTemplateInstances",
    "vpc-2017-03-12 DescribeServiceTemplateGroupInstances",
    "vpc-2017-03-12 DescribeServiceTemplateInstances",
    "vpc-2017-03-12 DescribeTrafficMirrorFilterRules",
];

#[test]
fn paging_is_classified_from_the_request_and_response_members() {
    let mut patterns = std::collections::BTreeMap::new();
    let mut unclassified = Vec::new();
    for (dir, paged, left) in PAGING {
        let spec = Spec::load(dir);
        let actions: BTreeSet<&str> = spec.action_names().into_iter().collect();
        for (action, pattern) in *paged {
            assert!(actions.contains(action), "{dir}: no action {action}");
            let input = spec.action(action)["input"].as_str().expect("input");
            let members: BTreeSet<&str> = spec
                .members(input)
                .iter()
                .filter_map(|m| m["name"].as_str())
                .collect();
            match *pattern {
                "offset" => assert!(
                    members.contains("Offset") && members.contains("Limit"),
                    "{dir} {action}: paged by offset without Offset and Limit"
                ),
                "page" | "token" => {}
                other => panic!("{dir} {action}: unknown pattern {other}"),
            }
            *patterns.entry(*pattern).or_insert(0) += 1;
        }
        unclassified.extend(left.iter().map(|(action, _)| format!("{dir} {action}")));
    }
    let patterns: Vec<(&str, usize)> = patterns.into_iter().collect();
    assert_eq!(patterns, [("offset", 203), ("page", 14), ("token", 8)]);
    assert_eq!(unclassified, UNCLASSIFIED);
}
