//! `tc-codegen catalog PATH`: proves the generator on a whole catalog of
//! service versions. Each is generated into a crate of a scratch workspace
//! outside the repository (named `tc-<service>-<version>`, depending on this
//! repository's `tc-core`), and the workspace is type-checked with
//! `cargo check --keep-going`. The last line printed is one JSON object:
//! `{"service_versions":N,"generated":N,"checked":N,"failed":[...],"seconds":S}`,
//! each failure naming the service version and its first error.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

use crate::spec::Specs;
use crate::workspace::{self, CrateLayout, SpecDir};

pub(crate) fn run(path: &Path, out: Option<&Path>, repo: &Path) -> Result<ExitCode, Vec<String>> {
    let started = Instant::now();
    let out = out.map_or_else(
        || std::env::temp_dir().join(format!("tc-catalog-{}", std::process::id())),
        Path::to_path_buf,
    );
    let fail = |e: String| vec![e];
    std::fs::create_dir_all(&out).map_err(|e| fail(format!("{}: {e}", out.display())))?;
    let specs_root = spec_root(path, &out).map_err(fail)?;
    let dirs = workspace::spec_dirs(&specs_root).map_err(fail)?;
    eprintln!(
        "catalog: {} service versions from {}",
        dirs.len(),
        specs_root.display()
    );

    let mut failed: BTreeMap<String, String> = BTreeMap::new();
    let mut generated = 0;
    let crates = out.join("crates");
    for dir in &dirs {
        let layout = CrateLayout {
            name: format!("tc-{}", dir.name),
            dir: crates.join(&dir.name),
            examples: false,
        };
        let overrides = repo
            .join("tc-codegen/overrides")
            .join(format!("{}.json", dir.name));
        let label = format!("specs/{}", dir.name);
        let outcome = Specs::load(&dir.path)
            .map_err(|e| vec![e])
            .and_then(|specs| workspace::generate(dir, &specs, &overrides, &layout, &label));
        match outcome {
            Ok((_, files)) => {
                let changes = workspace::compare(&files, std::slice::from_ref(&layout.dir));
                workspace::apply_quietly(&files, &changes).map_err(fail)?;
                generated += 1;
            }
            Err(problems) => {
                failed.insert(
                    dir.name.clone(),
                    format!("generate: {}", problems.join("; ")),
                );
            }
        }
    }
    write_workspace(&out, repo).map_err(fail)?;
    eprintln!(
        "catalog: {generated} generated into {}; type-checking",
        out.display()
    );

    let errors = cargo_check(&out).map_err(fail)?;
    let generated_names: Vec<&SpecDir> = dirs
        .iter()
        .filter(|d| !failed.contains_key(&d.name))
        .collect();
    let mut checked = 0;
    for dir in generated_names {
        let lib = format!("tc_{}", dir.name.replace('-', "_"));
        match errors.get(&lib) {
            Some(first) => {
                failed.insert(dir.name.clone(), format!("check: {first}"));
            }
            None => checked += 1,
        }
    }
    let summary = json!({
        "service_versions": dirs.len(),
        "generated": generated,
        "checked": checked,
        "failed": failed.iter().map(|(name, why)| json!({"service_version": name, "error": why})).collect::<Vec<_>>(),
        "seconds": started.elapsed().as_secs(),
    });
    println!("{summary}");
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
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

/// The scratch workspace's manifest (its crates use this repository's
/// `tc-core`) and this repository's lock file, so versions match ours.
fn write_workspace(out: &Path, repo: &Path) -> Result<(), String> {
    let manifest = format!(
        r#"[workspace]
resolver = "3"
members = ["crates/*"]

[workspace.package]
version = "0.1.0"
edition = "2024"
rust-version = "1.95"
license = "MIT OR Apache-2.0"
repository = "https://example.invalid/tencentcloud-rust"

[workspace.dependencies]
tc-core = {{ path = {tc_core:?} }}

[profile.dev]
debug = false
"#,
        tc_core = repo.join("tc-core").display().to_string()
    );
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(out.join("Cargo.toml"), &manifest)?;
    if let Ok(lock) = std::fs::read_to_string(repo.join("Cargo.lock")) {
        write(out.join("Cargo.lock"), &lock)?;
    }
    Ok(())
}

/// Runs `cargo check` over the scratch workspace; the first error of each
/// library that has any, by library name.
fn cargo_check(out: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().ok_or("cargo's output is not piped")?;
    let mut errors = BTreeMap::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading cargo's output: {e}"))?;
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let Some(lib) = message["target"]["name"].as_str() else {
            continue;
        };
        let text = message["message"]["rendered"]
            .as_str()
            .or_else(|| message["message"]["message"].as_str())
            .unwrap_or("error");
        errors
            .entry(lib.to_owned())
            .or_insert_with(|| text.lines().take(6).collect::<Vec<_>>().join(" | "));
    }
    child
        .wait()
        .map_err(|e| format!("waiting for cargo: {e}"))?;
    Ok(errors)
}
