//! `tests/services/`: the spec-driven tests' list of every service version —
//! its manifest (every service crate, every version's feature on), the walked
//! list and paging facts (`src/tested.rs`), and the test files, each a group of
//! versions of about the same number of actions so that they build in parallel.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::plan::{Plan, ServicePlan};

/// How many test files the versions are spread over.
const GROUPS: usize = 8;

/// Every file of `tests/services/` that is generated, by path.
pub(crate) fn files(root: &Path, crates: &[ServicePlan]) -> BTreeMap<PathBuf, String> {
    let base = root.join("tests/services");
    let mut files = BTreeMap::new();
    files.insert(base.join("Cargo.toml"), manifest(crates));
    files.insert(base.join("src/tested.rs"), tested(crates));
    for (i, group) in groups(crates).iter().enumerate() {
        files.insert(
            base.join(format!("tests/group_{}.rs", i + 1)),
            test_file(group),
        );
    }
    files
}

fn header() -> String {
    format!(
        "// {} from specs/. Do not edit by hand: run `cargo run -p tc-codegen`.\n",
        super::GENERATED_MARK
    )
}

fn manifest(crates: &[ServicePlan]) -> String {
    let mut out = format!(
        "#{}[package]\n\
         name = \"tc-service-tests\"\n\
         description = \"Every service crate, every version, against the specs it was generated from.\"\n\
         version.workspace = true\n\
         edition.workspace = true\n\
         rust-version.workspace = true\n\
         license.workspace = true\n\
         publish = false\n\n\
         [lints]\n\
         workspace = true\n\n\
         [dependencies]\n\
         # `test-util`: the envelope decoder from inside tc-core.\n\
         tc-core = {{ workspace = true, features = [\"test-util\"] }}\n\
         tc-mock.workspace = true\n\
         serde.workspace = true\n\
         serde_json.workspace = true\n\
         tokio = {{ workspace = true, features = [\"rt\"] }}\n\n\
         # Every service crate with every version.\n",
        header().trim_start_matches("//")
    );
    for c in crates {
        let features: Vec<String> = c
            .versions
            .iter()
            .map(|p| format!("{:?}", p.module))
            .collect();
        out.push_str(&format!(
            "{} = {{ path = \"../../{}\", package = \"{}\", features = [{}] }}\n",
            c.name,
            c.dir,
            c.package(),
            features.join(", ")
        ));
    }
    out
}

fn tested(crates: &[ServicePlan]) -> String {
    let mut out = header();
    out.push_str(
        "//! Every service version the tests under `tests/` walk, and how their list\n\
         //! actions page.\n\n\
         /// The spec directories of every service version, in name order.\n\
         pub const TESTED: &[&str] = &[\n",
    );
    let mut dirs: Vec<String> = crates
        .iter()
        .flat_map(|c| c.versions.iter().map(|p| c.spec_dir(p)))
        .collect();
    dirs.sort();
    for dir in &dirs {
        out.push_str(&format!("    {dir:?},\n"));
    }
    out.push_str(
        "];\n\n\
         /// Per spec directory, the list actions that page (with how) and those\n\
         /// that could not be classified (with why), from each version's registry.\n\
         pub const PAGING: &[(&str, crate::Pairs, crate::Pairs)] = &[\n",
    );
    for c in crates {
        let lib = c.name.replace('-', "_");
        for p in &c.versions {
            let registry = format!("{lib}::{}::registry", p.module);
            out.push_str(&format!(
                "    ({:?}, {registry}::PAGED_ACTIONS, {registry}::UNCLASSIFIED_PAGING),\n",
                c.spec_dir(p)
            ));
        }
    }
    out.push_str("];\n");
    out
}

/// The versions in `GROUPS` runs of consecutive versions with about the same
/// number of actions each.
fn groups(crates: &[ServicePlan]) -> Vec<Vec<(&ServicePlan, &Plan)>> {
    let all: Vec<(&ServicePlan, &Plan)> = crates
        .iter()
        .flat_map(|c| c.versions.iter().map(move |p| (c, p)))
        .collect();
    let total: usize = all.iter().map(|(_, p)| p.actions.len()).sum();
    let per_group = total.div_ceil(GROUPS).max(1);
    let mut groups: Vec<Vec<(&ServicePlan, &Plan)>> = vec![Vec::new()];
    let mut in_group = 0;
    for (c, p) in all {
        if in_group >= per_group && groups.len() < GROUPS {
            groups.push(Vec::new());
            in_group = 0;
        }
        in_group += p.actions.len();
        groups.last_mut().expect("one group").push((c, p));
    }
    groups
}

fn test_file(group: &[(&ServicePlan, &Plan)]) -> String {
    let mut out = header();
    let first = group
        .first()
        .map(|(_, p)| p.service.as_str())
        .unwrap_or_default();
    let last = group
        .last()
        .map(|(_, p)| p.service.as_str())
        .unwrap_or_default();
    out.push_str(&format!(
        "//! The service versions from {first} to {last}: see the crate docs for what is checked.\n\n\
         tc_service_tests::versions! {{\n"
    ));
    for (c, p) in group {
        out.push_str(&format!(
            "    {service}_{version} => {lib}::{module}, {dir:?}, {codes};\n",
            service = p.service,
            version = p.module.trim_start_matches('v'),
            lib = c.name.replace('-', "_"),
            module = p.module,
            dir = c.spec_dir(p),
            codes = p.all_codes_enum,
        ));
    }
    out.push_str("}\n");
    out
}
