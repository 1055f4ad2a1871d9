//! Error codes: every code of the service gets one variant name, used in every
//! enum that holds it.
//!
//! The name is the code's dot-separated parts in Rust's casing, joined
//! (`InvalidImageId.NotFound` -> `InvalidImageIdNotFound`,
//! `InternalError.SYS_ERR` -> `InternalErrorSysErr`). Codes whose names would
//! collide spell their dots (`InvalidParameter.ValueTooLarge` ->
//! `InvalidParameterDotValueTooLarge` beside `InvalidParameterValueDotTooLarge`);
//! the overrides may name any code.

use std::collections::{BTreeMap, BTreeSet};

use tc_macros_impl::naming;

use super::model::{CodePlan, Problems};
use crate::overrides::Overrides;
use crate::spec::Specs;

pub(super) fn plan(
    specs: &Specs,
    overrides: &Overrides,
    problems: &mut Problems,
) -> BTreeMap<String, CodePlan> {
    let errors = &specs.errors;
    let all: BTreeSet<&String> = errors.all_codes.iter().collect();
    if all.len() != errors.all_codes.len() {
        problems.push("errors.json: all_codes lists a code twice".to_owned());
    }
    for (code, variant) in &overrides.error_variants {
        if !all.contains(code) {
            problems.push(format!(
                "overrides: error_variants names unknown code {code:?}"
            ));
        }
        if !naming::is_type_ident(variant) {
            problems.push(format!(
                "overrides: {variant:?} is not a usable variant name"
            ));
        }
    }

    let mut by_default: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for code in all
        .iter()
        .filter(|c| !overrides.error_variants.contains_key(**c))
    {
        by_default.entry(variant(code, "")).or_default().push(code);
    }
    let mut variants: BTreeMap<&str, String> = overrides
        .error_variants
        .iter()
        .filter(|(code, _)| all.contains(code))
        .map(|(code, variant)| (code.as_str(), variant.clone()))
        .collect();
    for (name, codes) in by_default {
        if codes.len() == 1 {
            variants.insert(codes[0], name);
        } else {
            for code in codes {
                variants.insert(code, variant(code, "Dot"));
            }
        }
    }
    // Whatever still collides (codes differing only in case) is numbered.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut codes = BTreeMap::new();
    for (code, mut name) in variants {
        if taken.contains(&name) {
            name = (2..)
                .map(|n| format!("{name}{n}"))
                .find(|candidate| !taken.contains(candidate))
                .unwrap_or_default();
        }
        taken.insert(name.clone());
        codes.insert(
            code.to_owned(),
            CodePlan {
                variant: name,
                actions: BTreeSet::new(),
            },
        );
    }

    for (action, list) in &errors.by_action {
        if !specs.schema.actions.contains_key(action) {
            problems.push(format!(
                "errors.json: by_action names unknown action {action}"
            ));
        }
        for code in list {
            match codes.get_mut(code) {
                Some(plan) => {
                    plan.actions.insert(action.clone());
                }
                None => problems.push(format!(
                    "errors.json: {action} lists {code:?}, missing from all_codes"
                )),
            }
        }
    }
    codes
}

/// The variant name of `code`, its parts joined with `separator`.
fn variant(code: &str, separator: &str) -> String {
    let parts: Vec<String> = code.split('.').map(naming::upper_camel_case).collect();
    let name = parts.join(separator);
    if naming::is_type_ident(&name) {
        name
    } else {
        format!("Code{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::variant;

    #[test]
    fn variant_names() {
        assert_eq!(
            variant("InvalidImageId.NotFound", ""),
            "InvalidImageIdNotFound"
        );
        assert_eq!(variant("InternalError.SYS_ERR", ""), "InternalErrorSysErr");
        assert_eq!(
            variant("InvalidParameter.ValueTooLarge", "Dot"),
            "InvalidParameterDotValueTooLarge"
        );
        assert_eq!(variant("4xx.Bad", ""), "Code4xxBad");
    }
}
