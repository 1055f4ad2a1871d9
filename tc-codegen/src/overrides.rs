//! The hand-written adjustments in `tc-codegen/overrides.json`: what the specs do
//! not say (rate limits, our own words for some error codes) and the names the
//! naming rules cannot decide on their own.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Free text for the people editing the file; ignored.
    #[serde(rename = "$comment", default)]
    #[allow(dead_code)]
    pub comment: Option<String>,
    /// Per action, by action name.
    #[serde(default)]
    pub actions: BTreeMap<String, ActionOverride>,
    /// Explicit variant names for error codes whose default names collide.
    #[serde(default)]
    pub error_variants: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionOverride {
    /// Documented maximum of requests per second.
    pub rate_limit: Option<u32>,
    /// A sentence or two for some of the action's error codes, by wire code.
    #[serde(default)]
    pub error_docs: BTreeMap<String, String>,
}
