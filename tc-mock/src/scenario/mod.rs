//! Scenarios: what the endpoint answers to named actions, read from a file,
//! so that a test in any language can make the `tc-mock` binary fail, slow
//! down, throttle, cut or stream.
//!
//! The format is described on [`Scenario`].

mod file;

pub(crate) use file::{CutAt, Outcome};

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use file::Spec;

use crate::reply::MockError;

/// A scripted set of answers, by action. Build one with
/// [`Scenario::from_json`] or [`Scenario::from_file`], and give it to
/// [`MockServerBuilder::scenario`](crate::MockServerBuilder::scenario), or
/// to the binary as `tc-mock --scenario FILE`.
///
/// A scenario file is JSON: a list of rules, each naming an action of a
/// service (and, optionally, one version of it) and what to answer:
///
/// ```
/// # fn main() -> Result<(), tc_mock::ScenarioError> {
/// let scenario = tc_mock::Scenario::from_json(r#"
/// {
///   "rules": [
///     {"service": "cvm", "action": "DescribeImages",
///      "response": {"TotalCount": 0, "ImageSet": []}},
///     {"service": "cvm", "action": "RunInstances", "version": "2017-03-12",
///      "error": {"code": "InvalidParameterValue", "message": "Zone is sold out."}},
///     {"service": "cvm", "action": "DescribeInstances", "throttle_first": 2},
///     {"service": "cvm", "action": "StopInstances", "latency_ms": 1500,
///      "response": {}},
///     {"service": "cvm", "action": "StartInstances", "cut": "before_answer"},
///     {"service": "hunyuan", "action": "ChatCompletions", "chunk_pause_ms": 20,
///      "stream": [{"Choices": [{"Delta": {"Content": "Hi"}, "FinishReason": "stop"}]}]}
///   ]
/// }
/// "#)?;
/// assert_eq!(scenario.len(), 6);
/// # Ok(()) }
/// ```
///
/// A rule's members:
/// - `service` (lower case, as in the credential scope) and `action`:
///   required; `version`: only that version (else any). A rule for one
///   version wins over one for any version.
/// - At most one answer: `response` (the `Response` object; the RequestId is
///   added), `error` (`code` and `message`: the error envelope, with a
///   RequestId), `cut` (`"before_answer"`: the connection is closed with no
///   answer; `"mid_answer"`: half the envelope is sent, then the connection
///   is closed), or `stream` (chunks sent as server-sent events,
///   `chunk_pause_ms` apart, 40 by default).
/// - `throttle_first`: the first N requests get `RequestLimitExceeded`, the
///   later ones the answer.
/// - `latency_ms`: a pause before answering (throttled or not).
///
/// A rule with no answer (only throttling or latency) then answers as the
/// endpoint would without it: the registered handler or the specs' example.
/// Actions no rule names are answered as before. The signature is checked
/// first, as for every request: a scenario scripts answers, not access.
#[derive(Debug, Default)]
pub struct Scenario {
    rules: Vec<Rule>,
}

/// Why a scenario file cannot be used, naming the line and member or the
/// rule at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError(String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

/// One action's script, and how many requests it has seen (for
/// throttling).
#[derive(Debug)]
struct Rule {
    spec: Spec,
    seen: AtomicU64,
}

/// What a rule says about one request.
pub(crate) struct Played<'a> {
    /// The pause before answering.
    pub(crate) latency: Duration,
    /// The answer; `None` to answer as without the rule.
    pub(crate) outcome: Option<Result<&'a Outcome, MockError>>,
}

impl Rule {
    fn play(&self) -> Played<'_> {
        let n = self.seen.fetch_add(1, Ordering::SeqCst);
        let spec = &self.spec;
        let outcome = if n < spec.throttle_first {
            Some(Err(MockError::new(
                "RequestLimitExceeded",
                format!(
                    "Request {} of {} is throttled: the scenario throttles its first {}.",
                    n + 1,
                    spec.action,
                    spec.throttle_first
                ),
            )))
        } else {
            spec.outcome.as_ref().map(Ok)
        };
        Played {
            latency: spec.latency,
            outcome,
        }
    }
}

impl Scenario {
    /// The scenario written in `json`.
    ///
    /// # Errors
    /// Malformed JSON, an unknown or mistyped member (named with its line,
    /// column and path), or rules that cannot mean anything (named by index
    /// and action): two answers in one rule, a rule that does nothing, two
    /// rules for the same action.
    pub fn from_json(json: &str) -> Result<Scenario, ScenarioError> {
        let specs = file::parse(json).map_err(ScenarioError)?;
        let rules = specs
            .into_iter()
            .map(|spec| Rule {
                spec,
                seen: AtomicU64::new(0),
            })
            .collect();
        Ok(Scenario { rules })
    }

    /// The scenario in the file at `path`.
    ///
    /// # Errors
    /// An unreadable file, or as [`Scenario::from_json`]; the message starts
    /// with the path.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Scenario, ScenarioError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ScenarioError(format!("{}: cannot read it: {e}", path.display())))?;
        Scenario::from_json(&text)
            .map_err(|ScenarioError(e)| ScenarioError(format!("{}: {e}", path.display())))
    }

    /// How many rules it has.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether it has no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// What the rule for `action` of `service` at `version` says about this
    /// request (the version's own rule first, else the one for any version),
    /// or `None` when no rule names it.
    pub(crate) fn play(&self, service: &str, action: &str, version: &str) -> Option<Played<'_>> {
        let named = |rule: &&Rule| rule.spec.service == service && rule.spec.action == action;
        let exact = self
            .rules
            .iter()
            .filter(named)
            .find(|rule| rule.spec.version.as_deref() == Some(version));
        let any = || {
            self.rules
                .iter()
                .filter(named)
                .find(|rule| rule.spec.version.is_none())
        };
        exact.or_else(any).map(Rule::play)
    }
}

#[cfg(test)]
mod tests;
