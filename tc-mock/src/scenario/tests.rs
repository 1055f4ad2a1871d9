use super::*;

fn error_of(json: &str) -> String {
    Scenario::from_json(json).expect_err("refused").to_string()
}

fn outcome_of(scenario: &Scenario, action: &str, version: &str) -> Option<String> {
    let played = scenario.play("cvm", action, version)?;
    Some(match played.outcome {
        None => "as without".to_owned(),
        Some(Err(e)) => e.code,
        Some(Ok(Outcome::Response(v))) => v.to_string(),
        Some(Ok(Outcome::Error(e))) => format!("error {}", e.code),
        Some(Ok(Outcome::Cut(at))) => format!("{at:?}"),
        Some(Ok(Outcome::Stream { chunks, pause })) => format!("{} chunks {pause:?}", chunks.len()),
    })
}

#[test]
fn every_kind_of_rule_reads() {
    let scenario = Scenario::from_json(
        r#"{"rules": [
            {"service": "cvm", "action": "A", "response": {"TotalCount": 1}},
            {"service": "cvm", "action": "B", "error": {"code": "X.Y", "message": "m"}},
            {"service": "cvm", "action": "C", "cut": "before_answer"},
            {"service": "cvm", "action": "D", "cut": "mid_answer", "latency_ms": 5},
            {"service": "cvm", "action": "E", "stream": [{}, {}], "chunk_pause_ms": 7},
            {"service": "cvm", "action": "F", "throttle_first": 1}
        ]}"#,
    )
    .unwrap();
    assert_eq!(scenario.len(), 6);
    let v = "2017-03-12";
    assert_eq!(
        outcome_of(&scenario, "A", v).as_deref(),
        Some(r#"{"TotalCount":1}"#)
    );
    assert_eq!(outcome_of(&scenario, "B", v).as_deref(), Some("error X.Y"));
    assert_eq!(
        outcome_of(&scenario, "C", v).as_deref(),
        Some("BeforeAnswer")
    );
    assert_eq!(
        scenario.play("cvm", "D", v).map(|p| p.latency),
        Some(Duration::from_millis(5))
    );
    assert_eq!(
        outcome_of(&scenario, "E", v).as_deref(),
        Some("2 chunks 7ms")
    );
    assert_eq!(
        outcome_of(&scenario, "F", v).as_deref(),
        Some("RequestLimitExceeded")
    );
    assert_eq!(outcome_of(&scenario, "F", v).as_deref(), Some("as without"));
    assert_eq!(outcome_of(&scenario, "Z", v), None);
    assert!(scenario.play("vpc", "A", v).is_none());
}

#[test]
fn throttling_lets_through_after_the_first_n() {
    let scenario = Scenario::from_json(
        r#"{"rules": [{"service": "cvm", "action": "A", "throttle_first": 2, "response": {}}]}"#,
    )
    .unwrap();
    let seen: Vec<String> = (0..4)
        .map(|_| outcome_of(&scenario, "A", "v").unwrap())
        .collect();
    assert_eq!(
        seen,
        ["RequestLimitExceeded", "RequestLimitExceeded", "{}", "{}"]
    );
}

#[test]
fn a_versions_own_rule_wins_over_one_for_any_version() {
    let scenario = Scenario::from_json(
        r#"{"rules": [
            {"service": "cvm", "action": "A", "error": {"code": "Any"}},
            {"service": "cvm", "action": "A", "version": "2017-03-12", "error": {"code": "Mine"}}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        outcome_of(&scenario, "A", "2017-03-12").as_deref(),
        Some("error Mine")
    );
    assert_eq!(
        outcome_of(&scenario, "A", "2020-01-01").as_deref(),
        Some("error Any")
    );
}

#[test]
fn json_errors_name_the_line_and_member() {
    let unknown = error_of(
        "{\"rules\": [\n  {\"service\": \"cvm\", \"action\": \"A\",\n   \"throtle_first\": 2}]}",
    );
    assert!(unknown.starts_with("line 3 column "), "{unknown}");
    assert!(unknown.contains("`rules[0].throtle_first`"), "{unknown}");
    assert!(
        unknown.contains("unknown field `throtle_first`"),
        "{unknown}"
    );
    assert!(!unknown.contains(" at line "), "said twice: {unknown}");

    let cut = error_of(r#"{"rules": [{"service": "cvm", "action": "A", "cut": "midway"}]}"#);
    assert!(cut.contains("`rules[0].cut`"), "{cut}");
    assert!(cut.contains("before_answer"), "{cut}");

    let mistyped =
        error_of(r#"{"rules": [{"service": "cvm", "action": "A", "throttle_first": "2"}]}"#);
    assert!(mistyped.contains("`rules[0].throttle_first`"), "{mistyped}");

    let broken = error_of("{\"rules\": [\n");
    assert!(broken.starts_with("line 2 column 0"), "{broken}");
    assert!(error_of("[]").contains("line 1"));
    assert!(error_of("{}").contains("missing field `rules`"));
}

#[test]
fn rules_that_cannot_mean_anything_are_named() {
    let cases = [
        (
            r#"{"service": "cvm", "action": "A", "response": {}, "cut": "mid_answer"}"#,
            "gives response and cut",
        ),
        (r#"{"service": "cvm", "action": "A"}"#, "does nothing"),
        (
            r#"{"service": "", "action": "A", "response": {}}"#,
            "non-empty",
        ),
        (
            r#"{"service": "CVM", "action": "A", "response": {}}"#,
            "lower case",
        ),
        (
            r#"{"service": "cvm", "action": "A", "error": {"code": ""}}"#,
            "`error.code`",
        ),
        (
            r#"{"service": "cvm", "action": "A", "stream": []}"#,
            "at least one chunk",
        ),
        (
            r#"{"service": "cvm", "action": "A", "chunk_pause_ms": 3, "response": {}}"#,
            "only for a `stream`",
        ),
    ];
    for (rule, expected) in cases {
        let message = error_of(&format!(r#"{{"rules": [{rule}]}}"#));
        assert!(message.starts_with("`rules[0]` ("), "{message}");
        assert!(message.contains(expected), "{rule}: {message}");
    }
    let twice = error_of(
        r#"{"rules": [
            {"service": "cvm", "action": "A", "response": {}},
            {"service": "cvm", "action": "B", "response": {}},
            {"service": "cvm", "action": "A", "error": {"code": "X"}}
        ]}"#,
    );
    assert_eq!(
        twice,
        "`rules[2]` (cvm A) names the same action as rules[0]"
    );
}

#[test]
fn a_file_error_starts_with_its_path() {
    let missing = Scenario::from_file("/nonexistent/scenario.json")
        .expect_err("no such file")
        .to_string();
    assert!(
        missing.starts_with("/nonexistent/scenario.json: cannot read it"),
        "{missing}"
    );
}
