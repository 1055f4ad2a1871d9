//! `tc-codegen catalog`, run as a user runs it, on a catalog of one small
//! service version copied from `specs/`: it passes when cargo checked every
//! crate, and fails when cargo could not (a broken scratch workspace) or a
//! spec could not be generated. (A crate that does not type-check is the unit
//! test in `src/catalog.rs`, which breaks a crate between generating and
//! checking.)

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// A scratch directory for one test, holding `specs/sts-2018-08-13`.
fn catalog(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tc-codegen-it-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs/sts-2018-08-13");
    std::fs::create_dir_all(&specs).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/sts-2018-08-13");
    for file in ["schema.json", "errors.json", "examples.json"] {
        std::fs::copy(repo.join(file), specs.join(file)).unwrap();
    }
    dir
}

/// Runs `tc-codegen catalog DIR/specs --out DIR/out` with the target directory
/// the catalog tests share; its exit success, its summary (the last line of
/// its output) and its standard error.
fn run_catalog(dir: &Path) -> (bool, Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tc-codegen"))
        .arg("catalog")
        .arg(dir.join("specs"))
        .arg("--out")
        .arg(dir.join("out"))
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("tc-codegen-catalog"),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let last = stdout.lines().last().unwrap_or_default();
    let summary = serde_json::from_str(last)
        .unwrap_or_else(|e| panic!("no summary ({e}) in {stdout:?}; stderr: {stderr}"));
    (output.status.success(), summary, stderr)
}

#[test]
fn a_catalog_cargo_checked_passes() {
    let dir = catalog("passes");
    let (success, summary, stderr) = run_catalog(&dir);
    assert!(success, "{summary}\n{stderr}");
    assert_eq!(summary["service_versions"], 1);
    assert_eq!(summary["generated"], 1);
    assert_eq!(summary["checked"], 1);
    assert_eq!(summary["failed"], Value::Array(vec![]));
    assert_eq!(summary["cargo"]["success"], true);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A scratch workspace cargo refuses to load (here a member whose manifest
/// is not TOML): nothing is checked, and the run says so.
#[test]
fn a_broken_scratch_workspace_fails() {
    let dir = catalog("broken-workspace");
    let broken = dir.join("out/crates/broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("Cargo.toml"), "[package\n").unwrap();

    let (success, summary, stderr) = run_catalog(&dir);
    assert!(!success, "{summary}");
    assert_eq!(summary["generated"], 1);
    assert_eq!(summary["checked"], 0);
    assert_eq!(summary["cargo"]["success"], false);
    let error = summary["failed"][0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("check: cargo did not finish checking it"),
        "{error}"
    );
    assert_eq!(summary["failed"][0]["service_version"], "sts-2018-08-13");
    assert!(stderr.contains("crates/broken/Cargo.toml"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A spec the generator cannot read fails the run, while the others are
/// still checked.
#[test]
fn a_spec_that_cannot_be_generated_fails() {
    let dir = catalog("bad-spec");
    let bad = dir.join("specs/bad-2020-01-01");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("schema.json"), "{\"actions\": ").unwrap();
    std::fs::write(bad.join("errors.json"), "{}").unwrap();

    let (success, summary, _) = run_catalog(&dir);
    assert!(!success, "{summary}");
    assert_eq!(summary["service_versions"], 2);
    assert_eq!(summary["generated"], 1);
    assert_eq!(summary["checked"], 1);
    assert_eq!(summary["failed"][0]["service_version"], "bad-2020-01-01");
    let error = summary["failed"][0]["error"].as_str().unwrap();
    assert!(error.starts_with("generate: "), "{error}");
    assert!(error.contains("schema.json"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
