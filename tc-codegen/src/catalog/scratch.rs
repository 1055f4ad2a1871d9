//! The scratch workspace's own files: its manifest and lock file.

use std::path::{Path, PathBuf};

/// Writes the scratch workspace's manifest (its crates use this repository's
/// `tc-core` and inherit this repository's lints, as the generated manifests
/// ask) and this repository's lock file, so that versions match ours.
pub(super) fn write_workspace(out: &Path, repo: &Path) -> Result<(), String> {
    let root_manifest = repo.join("Cargo.toml");
    let root = std::fs::read_to_string(&root_manifest)
        .map_err(|e| format!("{}: {e}", root_manifest.display()))?;
    let manifest = manifest(&repo.join("tc-core"), &lint_tables(&root));
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(out.join("Cargo.toml"), &manifest)?;
    if let Ok(lock) = std::fs::read_to_string(repo.join("Cargo.lock")) {
        write(out.join("Cargo.lock"), &lock)?;
    }
    Ok(())
}

/// The scratch manifest: every crate under `crates/`, the package fields the
/// generated manifests inherit, `tc-core` at `tc_core`, and `lints` (the
/// `[workspace.lints...]` tables, verbatim).
fn manifest(tc_core: &Path, lints: &str) -> String {
    format!(
        r#"[workspace]
resolver = "3"
members = ["crates/*"]

[workspace.package]
version = "0.1.0"
edition = "2024"
rust-version = "1.95"
license = "MIT OR Apache-2.0"
readme = "README.md"

[workspace.dependencies]
tc-core = {{ path = {tc_core:?}, package = "tcapi-core" }}

{lints}
[profile.dev]
debug = false
"#,
        tc_core = tc_core.display().to_string()
    )
}

/// The `[workspace.lints]` tables of a workspace manifest (`[workspace.lints]`,
/// `[workspace.lints.rust]`, `[workspace.lints.clippy]`, ...), each with its
/// lines up to the next table, as written.
fn lint_tables(manifest: &str) -> String {
    let mut tables = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            let header = trimmed.trim_start_matches('[').trim_start();
            inside =
                header.starts_with("workspace.lints]") || header.starts_with("workspace.lints.");
        }
        if inside {
            tables.push_str(line);
            tables.push('\n');
        }
    }
    tables
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{lint_tables, manifest};

    #[test]
    fn the_lint_tables_are_copied_and_nothing_else() {
        let root = "[workspace]\nmembers = [\"a\"]\n\n[workspace.lints.rust]\nmissing_docs = \"warn\"\n\n\
                    [workspace.dependencies]\nserde = \"1\"\n[ workspace.lints.clippy ]\nall = \"warn\"\n[profile.dev]\n";
        assert_eq!(
            lint_tables(root),
            "[workspace.lints.rust]\nmissing_docs = \"warn\"\n\n[ workspace.lints.clippy ]\nall = \"warn\"\n"
        );
        assert_eq!(lint_tables("[workspace]\n[workspace.lintsx]\na = 1\n"), "");
    }

    /// The original bug: the generated manifests say `[lints] workspace =
    /// true`, so the scratch workspace must define the lints the real root does.
    #[test]
    fn the_scratch_manifest_defines_this_repositorys_lints() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let root = std::fs::read_to_string(repo.join("Cargo.toml")).unwrap();
        let lints = lint_tables(&root);
        assert!(lints.contains("[workspace.lints.rust]"), "{lints}");
        let scratch = manifest(&repo.join("tc-core"), &lints);
        assert!(scratch.contains(&lints));
        assert!(scratch.contains("missing_docs"));
    }
}
