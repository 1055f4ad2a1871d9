//! The scenario file's format (JSON), read into checked rules. Every error
//! names where it is: the line and column and the member path for what JSON
//! cannot hold, the rule's index and action for what the rules cannot mean.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::reply::MockError;
use crate::stream::DEFAULT_PAUSE;

/// One rule, checked.
#[derive(Debug)]
pub(super) struct Spec {
    pub(super) service: String,
    pub(super) action: String,
    /// The one version it is for; any when `None`.
    pub(super) version: Option<String>,
    pub(super) throttle_first: u64,
    pub(super) latency: Duration,
    /// The answer; `None` to answer as without the rule.
    pub(super) outcome: Option<Outcome>,
}

/// What a rule answers with.
#[derive(Debug)]
pub(crate) enum Outcome {
    Response(Value),
    Error(MockError),
    Cut(CutAt),
    Stream { chunks: Vec<Value>, pause: Duration },
}

/// Where a scripted cut breaks the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CutAt {
    /// Closed once the request is read, with no answer.
    BeforeAnswer,
    /// Closed after the headers and half the envelope.
    MidAnswer,
}

/// The whole file: `{"rules": [...]}`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    rules: Vec<RuleFile>,
}

/// One rule as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    service: String,
    action: String,
    version: Option<String>,
    #[serde(default)]
    throttle_first: u64,
    #[serde(default)]
    latency_ms: u64,
    response: Option<Map<String, Value>>,
    error: Option<ErrorFile>,
    cut: Option<CutAt>,
    stream: Option<Vec<Value>>,
    chunk_pause_ms: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorFile {
    code: String,
    #[serde(default)]
    message: String,
}

/// Reads and checks the rules of a scenario file's text.
pub(super) fn parse(text: &str) -> Result<Vec<Spec>, String> {
    let mut json = serde_json::Deserializer::from_str(text);
    let file: File = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let (line, column) = (e.inner().line(), e.inner().column());
        let path = e.path().to_string();
        // serde_json's message ends with its own "at line L column C".
        let reason = e.inner().to_string();
        let reason = reason
            .rsplit_once(" at line ")
            .map_or(reason.as_str(), |(head, _)| head);
        let member = if path == "." {
            String::new()
        } else {
            format!(" `{path}`")
        };
        format!("line {line} column {column}{member}: {reason}")
    })?;
    let mut seen: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
    for (i, rule) in file.rules.iter().enumerate() {
        let key = (
            rule.service.as_str(),
            rule.action.as_str(),
            rule.version.as_deref(),
        );
        if let Some(first) = seen.insert(key, i) {
            return Err(at(
                i,
                rule,
                &format!("names the same action as rules[{first}]"),
            ));
        }
    }
    file.rules
        .into_iter()
        .enumerate()
        .map(|(i, rule)| check(i, rule))
        .collect()
}

/// The rule `rule`, the `i`-th of the file, once its members agree.
fn check(i: usize, rule: RuleFile) -> Result<Spec, String> {
    if rule.service.is_empty() || rule.action.is_empty() {
        return Err(at(i, &rule, "needs a non-empty `service` and `action`"));
    }
    if rule.service.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(at(
            i,
            &rule,
            "`service` is written in lower case, as in `cvm`",
        ));
    }
    if rule.chunk_pause_ms.is_some() && rule.stream.is_none() {
        return Err(at(i, &rule, "`chunk_pause_ms` is only for a `stream`"));
    }
    let given: Vec<&str> = [
        ("response", rule.response.is_some()),
        ("error", rule.error.is_some()),
        ("cut", rule.cut.is_some()),
        ("stream", rule.stream.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect();
    if given.len() > 1 {
        let message = format!(
            "gives {}: give at most one of `response`, `error`, `cut`, `stream`",
            given.join(" and ")
        );
        return Err(at(i, &rule, &message));
    }
    if given.is_empty() && rule.throttle_first == 0 && rule.latency_ms == 0 {
        return Err(at(
            i,
            &rule,
            "does nothing: give `response`, `error`, `cut`, `stream`, `throttle_first` or `latency_ms`",
        ));
    }
    if let Some(error) = &rule.error
        && error.code.is_empty()
    {
        return Err(at(i, &rule, "`error.code` must not be empty"));
    }
    if rule.stream.as_ref().is_some_and(Vec::is_empty) {
        return Err(at(i, &rule, "`stream` needs at least one chunk"));
    }
    let pause = rule
        .chunk_pause_ms
        .map_or(DEFAULT_PAUSE, Duration::from_millis);
    let outcome = match (rule.response, rule.error, rule.cut, rule.stream) {
        (Some(response), ..) => Some(Outcome::Response(Value::Object(response))),
        (_, Some(error), ..) => Some(Outcome::Error(MockError::new(error.code, error.message))),
        (_, _, Some(cut), _) => Some(Outcome::Cut(cut)),
        (.., Some(chunks)) => Some(Outcome::Stream { chunks, pause }),
        _ => None,
    };
    Ok(Spec {
        service: rule.service,
        action: rule.action,
        version: rule.version,
        throttle_first: rule.throttle_first,
        latency: Duration::from_millis(rule.latency_ms),
        outcome,
    })
}

/// An error about the `i`-th rule, named by its index and action.
fn at(i: usize, rule: &RuleFile, problem: &str) -> String {
    let version = rule
        .version
        .as_deref()
        .map_or(String::new(), |v| format!(" {v}"));
    format!(
        "`rules[{i}]` ({} {}{version}) {problem}",
        rule.service, rule.action
    )
}
