//! The spec-driven tests cover the whole catalog: every spec directory has its
//! crate and is walked, and the list actions page as the generator classified.

use std::collections::{BTreeMap, BTreeSet};

use tc_service_tests::Spec;
use tc_service_tests::tested::{PAGING, TESTED};

#[test]
fn every_service_version_under_specs_is_tested() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs");
    let mut dirs: Vec<String> = std::fs::read_dir(root)
        .expect("specs/")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("schema.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, TESTED, "a spec directory without its crate and tests");
    assert_eq!(TESTED.len(), 300);
}

#[test]
fn every_spec_directory_has_its_pinned_expectations_or_none() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/expected");
    for entry in std::fs::read_dir(dir)
        .expect("expected/")
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let version = name.strip_suffix(".json").expect("a JSON file");
        assert!(TESTED.contains(&version), "expected/{name} names no spec");
    }
}

/// How many list actions page by each pattern, and how many could not be
/// classified: a change in the generator's rules or in the specs shows here.
const PATTERNS: &[(&str, usize)] = &[("offset", 1934), ("page", 315), ("token", 79)];
const UNCLASSIFIED: usize = 690;

#[test]
fn paging_is_classified_from_the_request_and_response_members() {
    let mut patterns = BTreeMap::new();
    let mut unclassified = 0;
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
        for (action, why) in *left {
            assert!(actions.contains(action), "{dir}: no action {action}");
            assert!(!why.is_empty(), "{dir} {action}: no reason");
            unclassified += 1;
        }
    }
    let patterns: Vec<(&str, usize)> = patterns.into_iter().collect();
    assert_eq!(patterns, PATTERNS);
    assert_eq!(unclassified, UNCLASSIFIED);
}
