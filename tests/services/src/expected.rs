//! What each service version's walk is expected to find: how many examples
//! have no request body, and which examples contradict their own schema, with
//! the reason. Pinned in `expected/<spec directory>.json` (absent when there
//! is nothing to pin), so the set can neither grow silently nor keep an entry
//! that has been fixed; `TC_SNAPSHOTS=overwrite` rewrites the files from what
//! the walk found, keeping the reasons already written.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::facts::{Facts, Part};

/// The command that rewrites the files.
pub const OVERWRITE_COMMAND: &str = "TC_SNAPSHOTS=overwrite cargo test -p tc-service-tests";

/// One version's pinned expectations.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Expected {
    /// Examples without a request body.
    pub without_body: usize,
    /// Examples that fail, each with why.
    pub exceptions: Vec<Exception>,
}

/// One example that contradicts its schema.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct Exception {
    /// The action.
    pub action: String,
    /// Its index in the action's example list.
    pub index: usize,
    /// Which half fails.
    pub part: Part,
    /// Why, in words.
    pub why: String,
}

fn path(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("expected")
        .join(format!("{dir}.json"))
}

/// The pinned expectations of `dir` (empty when it has no file).
pub fn load(dir: &str) -> Expected {
    let path = path(dir);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        Err(_) => Expected::default(),
    }
}

/// Compares what the walk found with the pinned expectations, or rewrites
/// them when asked to.
pub fn compare(dir: &str, facts: &Facts<'_>) {
    let pinned = load(dir);
    let reasons: BTreeMap<(&str, usize, Part), &str> = pinned
        .exceptions
        .iter()
        .map(|e| ((e.action.as_str(), e.index, e.part), e.why.as_str()))
        .collect();
    let mut found: Vec<Exception> = facts
        .example_failures
        .iter()
        .map(|(action, index, part, why)| Exception {
            action: action.clone(),
            index: *index,
            part: *part,
            // A reason already written (perhaps in plainer words) is kept.
            why: reasons
                .get(&(action.as_str(), *index, *part))
                .map_or_else(|| why.clone(), |&w| w.to_owned()),
        })
        .collect();
    found.sort_by(|a, b| (&a.action, a.index, a.part).cmp(&(&b.action, b.index, b.part)));
    let seen = Expected {
        without_body: facts.examples_without_body,
        exceptions: found,
    };
    if std::env::var("TC_SNAPSHOTS").as_deref() == Ok("overwrite") {
        let path = path(dir);
        if seen == Expected::default() {
            let _ = std::fs::remove_file(&path);
        } else {
            let text = serde_json::to_string_pretty(&seen).expect("encodes") + "\n";
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        return;
    }
    assert!(
        seen == pinned,
        "{dir}: the examples without a body or failing differ from expected/{dir}.json\n\
         found: {seen:#?}\n\
         If the change is right, accept it with:\n    {OVERWRITE_COMMAND}\nand review the diff."
    );
}
