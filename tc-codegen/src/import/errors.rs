//! Our `errors.json`: every code of the service version from the SDK's
//! `errorcodes.py`, and the codes each action documents, which no package
//! states and so are kept from the current spec.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// `errors.json`.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Errors {
    pub(super) all_codes: Vec<String>,
    pub(super) by_action: BTreeMap<String, Vec<String>>,
}

/// What merging kept from the current spec that the SDK no longer states.
#[derive(Default, Debug, PartialEq)]
pub(super) struct Kept {
    /// Codes an action still documents that the SDK's list lacks: kept in
    /// `all_codes`, since an action says it can answer with them.
    pub(super) codes: Vec<String>,
}

/// The errors of a service version whose actions are `actions`: the SDK's
/// codes (`None` when it has no `errorcodes.py` for the version: then the
/// current spec's), and per action the codes `current` documents for it
/// (`[]` for an action new to the spec). `all_codes` is sorted, without
/// duplicates, as in the SDK's files.
pub(super) fn errors<'a>(
    sdk_codes: Option<Vec<String>>,
    actions: impl Iterator<Item = &'a String>,
    current: &Errors,
) -> (Errors, Kept) {
    let by_action: BTreeMap<String, Vec<String>> = actions
        .map(|action| {
            let codes = current.by_action.get(action).cloned().unwrap_or_default();
            (action.clone(), codes)
        })
        .collect();
    let mut all: BTreeSet<String> = sdk_codes
        .unwrap_or_else(|| current.all_codes.clone())
        .into_iter()
        .collect();
    let mut kept = Kept::default();
    for code in by_action.values().flatten() {
        if all.insert(code.clone()) {
            kept.codes.push(code.clone());
        }
    }
    kept.codes.sort();
    (
        Errors {
            all_codes: all.into_iter().collect(),
            by_action,
        },
        kept,
    )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{Errors, errors};

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn codes_come_from_the_sdk_and_documented_codes_from_the_current_spec() {
        let current = Errors {
            all_codes: strings(&["A", "Gone"]),
            by_action: BTreeMap::from([
                ("Old".to_owned(), strings(&["A"])),
                ("Kept".to_owned(), strings(&["A", "Still"])),
            ]),
        };
        let actions = strings(&["Kept", "New"]);
        let (out, kept) = errors(Some(strings(&["B", "A", "B"])), actions.iter(), &current);
        assert_eq!(out.all_codes, ["A", "B", "Still"]);
        assert_eq!(
            out.by_action,
            BTreeMap::from([
                ("Kept".to_owned(), strings(&["A", "Still"])),
                ("New".to_owned(), vec![]),
            ])
        );
        assert_eq!(kept.codes, ["Still"]);
    }

    #[test]
    fn without_the_sdks_codes_the_current_ones_stay() {
        let current = Errors {
            all_codes: strings(&["A"]),
            by_action: BTreeMap::new(),
        };
        let (out, _) = errors(None, [].iter(), &current);
        assert_eq!(out.all_codes, ["A"]);
    }
}
