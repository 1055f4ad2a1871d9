//! `tc-codegen catalog PATH`: proves the generator on a whole catalog of
//! service versions. Each is generated into a crate of a scratch workspace
//! outside the repository (named `tc-<service>-<version>`, depending on this
//! repository's `tc-core`), and the workspace is type-checked with
//! `cargo check --keep-going`. The last line printed is one JSON object:
//! `{"service_versions":N,"generated":N,"checked":N,"failed":[...],"cargo":{...},"seconds":S}`,
//! each failure naming the service version and its first error.
//!
//! Cargo decides: a crate counts as checked only when cargo reported its
//! library finished (a `compiler-artifact` message) without an error, and the
//! command succeeds only when cargo itself succeeded too (exit status and its
//! `build-finished` message). A scratch workspace cargo refuses to load, or a
//! check cargo stops early, fails the command with every unfinished crate
//! listed. `CARGO_TARGET_DIR`, when set, is the target directory of the check
//! (so several runs can share their dependencies' builds); otherwise `target/`
//! in the scratch workspace.
//!
//! Two stages, [`generate`] and [`check`], so that a test can break a
//! generated crate between them.

mod cargo;
mod scratch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde_json::json;

use crate::spec::Specs;
use crate::workspace::{self, CrateLayout};

/// Generates every service version of `path` into the scratch workspace `out`
/// (or a fresh temporary directory), type-checks it, and prints the summary;
/// `repo` is this repository, whose `tc-core`, lock file and lints it uses.
pub(crate) fn run(path: &Path, out: Option<&Path>, repo: &Path) -> Result<ExitCode, Vec<String>> {
    let started = Instant::now();
    let out = out.map_or_else(
        || std::env::temp_dir().join(format!("tc-catalog-{}", std::process::id())),
        Path::to_path_buf,
    );
    let fail = |e: String| vec![e];
    std::fs::create_dir_all(&out).map_err(|e| fail(format!("{}: {e}", out.display())))?;
    let specs_root = spec_root(path, &out).map_err(fail)?;
    let mut outcome = generate(&specs_root, &out, repo).map_err(fail)?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .filter(|t| !t.is_empty())
        .map(PathBuf::from);
    let success = check(&mut outcome, &out, target.as_deref()).map_err(fail)?;
    let mut summary = outcome.summary();
    summary["seconds"] = started.elapsed().as_secs().into();
    println!("{summary}");
    Ok(if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Where a catalog run stands: how many service versions, which crates were
/// generated and checked, and why each failure failed.
struct Outcome {
    service_versions: usize,
    /// The generated crates' directory names (`sts-2018-08-13`), in order.
    generated: Vec<String>,
    checked: usize,
    /// By service version, the stage (`generate:` or `check:`) and first error.
    failed: BTreeMap<String, String>,
    /// Cargo's verdict on the whole check, once it ran.
    cargo: Option<serde_json::Value>,
}

impl Outcome {
    /// The summary line's JSON object, without `seconds`.
    fn summary(&self) -> serde_json::Value {
        json!({
            "service_versions": self.service_versions,
            "generated": self.generated.len(),
            "checked": self.checked,
            "failed": self.failed.iter().map(|(name, why)| json!({"service_version": name, "error": why})).collect::<Vec<_>>(),
            "cargo": self.cargo,
        })
    }
}

/// Generates every service version under `specs_root` into a crate of
/// `out/crates/`, and writes the scratch workspace's own files.
fn generate(specs_root: &Path, out: &Path, repo: &Path) -> Result<Outcome, String> {
    let dirs = workspace::spec_dirs(specs_root)?;
    eprintln!(
        "catalog: {} service versions from {}",
        dirs.len(),
        specs_root.display()
    );
    let mut outcome = Outcome {
        service_versions: dirs.len(),
        generated: Vec::new(),
        checked: 0,
        failed: BTreeMap::new(),
        cargo: None,
    };
    let crates = out.join("crates");
    for dir in &dirs {
        let layout = CrateLayout {
            name: format!("tc-{}", dir.name),
            dir: crates.join(&dir.name),
            examples: None,
        };
        let overrides = repo
            .join("tc-codegen/overrides")
            .join(format!("{}.json", dir.name));
        let label = format!("specs/{}", dir.name);
        let files = Specs::load(&dir.path)
            .map_err(|e| vec![e])
            .and_then(|specs| workspace::generate(dir, &specs, &overrides, &layout, &label));
        match files {
            Ok((_, files)) => {
                let changes = workspace::compare(&files, std::slice::from_ref(&layout.dir));
                workspace::apply_quietly(&files, &changes)?;
                outcome.generated.push(dir.name.clone());
            }
            Err(problems) => {
                outcome.failed.insert(
                    dir.name.clone(),
                    format!("generate: {}", problems.join("; ")),
                );
            }
        }
    }
    scratch::write_workspace(out, repo)?;
    eprintln!(
        "catalog: {} generated into {}; type-checking",
        outcome.generated.len(),
        out.display()
    );
    Ok(outcome)
}

/// Type-checks the scratch workspace `out` (in `target`, else `out/target`)
/// and records cargo's verdict on each generated crate; whether everything
/// was generated and checked and cargo itself succeeded.
fn check(outcome: &mut Outcome, out: &Path, target: Option<&Path>) -> Result<bool, String> {
    let target = target.map_or_else(|| out.join("target"), Path::to_path_buf);
    let check = cargo::check(out, &target)?;
    for name in &outcome.generated {
        let lib = format!("tc_{}", name.replace('-', "_"));
        match check.verdict(&lib) {
            Ok(()) => outcome.checked += 1,
            Err(why) => {
                outcome.failed.insert(name.clone(), format!("check: {why}"));
            }
        }
    }
    outcome.cargo = Some(json!({"success": check.success(), "exit": check.status.to_string()}));
    Ok(outcome.failed.is_empty() && check.success())
}

/// The directory holding the service directories: `path` itself, one level
/// below it, or (for a `.tar.gz`) the same within what it unpacks to.
fn spec_root(path: &Path, out: &Path) -> Result<PathBuf, String> {
    let name = path.to_string_lossy();
    let dir = if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
        let unpacked = out.join("specs");
        std::fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(path)
            .arg("-C")
            .arg(&unpacked)
            .status()
            .map_err(|e| format!("cannot run tar: {e}"))?;
        if !status.success() {
            return Err(format!("tar could not unpack {}", path.display()));
        }
        unpacked
    } else {
        path.to_path_buf()
    };
    let holds_services = |d: &Path| {
        std::fs::read_dir(d).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.path().join("schema.json").is_file()))
        })
    };
    if holds_services(&dir) {
        return Ok(dir);
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| holds_services(p))
        .ok_or_else(|| format!("{}: no service specs found", path.display()))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::{check, generate};

    /// This repository.
    fn repo() -> &'static Path {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        manifest.parent().unwrap_or(manifest)
    }

    /// The target directory every catalog test shares (`tmp/tc-codegen-catalog`
    /// in this build's target directory, where the integration tests put theirs
    /// too), so that `tc-core` and its dependencies are built once.
    fn shared_target() -> PathBuf {
        let exe = std::env::current_exe().unwrap(); // <target>/debug/deps/tc_codegen-<hash>
        exe.ancestors()
            .nth(3)
            .unwrap()
            .join("tmp/tc-codegen-catalog")
    }

    /// A fresh scratch directory holding a catalog of one small service
    /// version, copied from `specs/`.
    fn one_service_catalog(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("tc-codegen-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let specs = dir.join("specs/sts-2018-08-13");
        std::fs::create_dir_all(&specs).unwrap();
        for file in ["schema.json", "errors.json", "examples.json"] {
            std::fs::copy(
                repo().join("specs/sts-2018-08-13").join(file),
                specs.join(file),
            )
            .unwrap();
        }
        dir
    }

    /// A generated crate that does not type-check fails the run, with rustc's
    /// first error; the same crate unbroken passes (so the failure is the
    /// break's, not the setup's).
    #[test]
    fn a_crate_that_does_not_type_check_fails_the_run() {
        let dir = one_service_catalog("typecheck");
        let out = dir.join("out");
        let target = shared_target();

        let mut outcome = generate(&dir.join("specs"), &out, repo()).unwrap();
        assert_eq!(outcome.generated, ["sts-2018-08-13"]);
        assert!(check(&mut outcome, &out, Some(&target)).unwrap());
        assert_eq!(outcome.checked, 1);
        assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);

        let mut outcome = generate(&dir.join("specs"), &out, repo()).unwrap();
        let models = out.join("crates/sts-2018-08-13/src/v2018_08_13/models.rs");
        let mut text = std::fs::read_to_string(&models).unwrap();
        text.push_str("\n/// Broken on purpose.\npub struct Broken(pub NoSuchType);\n");
        std::fs::write(&models, text).unwrap();
        assert!(!check(&mut outcome, &out, Some(&target)).unwrap());
        assert_eq!(outcome.checked, 0);
        let why = &outcome.failed["sts-2018-08-13"];
        assert!(why.starts_with("check: error[E"), "{why}");
        assert!(why.contains("NoSuchType"), "{why}");
        assert_eq!(outcome.summary()["cargo"]["success"], false);

        std::fs::remove_dir_all(&dir).unwrap();
    }
}
