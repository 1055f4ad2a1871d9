//! The hand-written adjustments of one service, in
//! `tc-codegen/overrides/<service>-<version>.json`: what the specs do not say
//! (the product's name, rate limits, our own words for some error codes) and
//! names the naming rules cannot decide on their own. A service without such a
//! file is generated from its specs alone.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Overrides {
    /// Free text for the people editing the file; ignored.
    #[serde(rename = "$comment", default)]
    #[allow(dead_code)]
    pub comment: Option<String>,
    /// The product's name, as the crate's docs and description give it
    /// (`Cloud Virtual Machine`); the service name in capitals otherwise.
    pub title: Option<String>,
    /// The action whose call the crate docs show; chosen from the specs otherwise.
    pub doc_example: Option<String>,
    /// Per action, by action name.
    #[serde(default)]
    pub actions: BTreeMap<String, ActionOverride>,
    /// Explicit variant names for error codes, by code.
    #[serde(default)]
    pub error_variants: BTreeMap<String, String>,
    /// Named waiters, by function name (`instances_running`).
    #[serde(default)]
    pub waiters: BTreeMap<String, WaiterOverride>,
}

/// A named waiter: which describing action to repeat and which member of its
/// answer holds the state. Two forms: a list (`ids`, `list`, `id`, `missing`:
/// every resource in the list must reach the state) or one value (`input`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WaiterOverride {
    pub action: String,
    /// List form: the request's list of ids the waiter's `ids` go to.
    pub ids: Option<String>,
    /// List form: the answer's list of resources.
    pub list: Option<String>,
    /// List form: each resource's id member.
    pub id: Option<String>,
    /// List form: what a resource the answer does not list means: `pending`,
    /// `ready` or `failed`.
    pub missing: Option<String>,
    /// One-value form: the request member the waiter's argument goes to.
    pub input: Option<String>,
    /// The member holding the state (in each resource, or in the answer).
    pub state: String,
    /// The states that end the wait successfully.
    pub ready: Vec<String>,
    /// The states that end it at once with an error.
    #[serde(default)]
    pub failed: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActionOverride {
    /// Documented maximum of requests per second.
    pub rate_limit: Option<u32>,
    /// A sentence or two for some of the action's error codes, by wire code.
    #[serde(default)]
    pub error_docs: BTreeMap<String, String>,
}

impl Overrides {
    /// The overrides in `path`, or none when there is no such file.
    pub(crate) fn load(path: &Path) -> Result<Overrides, String> {
        if path.exists() {
            crate::spec::read_json(path)
        } else {
            Ok(Overrides::default())
        }
    }
}
