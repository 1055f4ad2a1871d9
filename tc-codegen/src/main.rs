//! Generates tc-cvm's sources from the CVM 2017-03-12 specs.
//!
//! ```text
//! cargo run -p tc-codegen                 # (re)write tc-cvm/src/generated/
//! cargo run -p tc-codegen -- --check      # write nothing; exit 1 if anything differs
//! cargo run -p tc-codegen -- --specs DIR  # read the specs from DIR
//! ```
//!
//! The pipeline, one module per stage: `spec` reads the JSON files, `plan`
//! decides names, types and docs inputs and checks everything, `emit_*` build
//! each file with `quote!`, `render` pretty-prints it with prettyplease (so the
//! output does not depend on the local rustfmt), and `main` writes or compares.

mod docs;
mod emit_actions;
mod emit_errors;
mod emit_mod;
mod emit_models;
mod emit_registry;
mod naming;
mod overrides;
mod plan;
mod render;
mod spec;
mod types;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use overrides::Overrides;
use spec::Specs;

const USAGE: &str = "usage: tc-codegen [--check] [--specs DIR]

  --check      write nothing; list the files that differ and exit 1 if any do
  --specs DIR  the spec directory (default: specs/cvm-2017-03-12 in the workspace)";

struct Args {
    check: bool,
    specs: PathBuf,
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        check: false,
        specs: workspace_root().join("specs/cvm-2017-03-12"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--check" => args.check = true,
            "--specs" => args.specs = it.next().ok_or("--specs needs a directory")?.into(),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, Vec<String>> {
    let args = parse_args().map_err(|e| vec![e])?;
    let root = workspace_root();
    let specs = Specs::load(&args.specs).map_err(|e| vec![e])?;
    let overrides: Overrides =
        spec::read_json(&root.join("tc-codegen/overrides.json")).map_err(|e| vec![e])?;
    let plan = plan::plan(&specs, &overrides)?;

    // The header names the specs the way the workspace sees them, whatever
    // path was given, so the output does not depend on where it was run.
    let dir_name = args
        .specs
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("specs");
    let label = format!("specs/{dir_name}");
    let files = generate(&plan, &label).map_err(|e| vec![e])?;

    let out_dir = root.join("tc-cvm/src/generated");
    let stale = stale_files(&out_dir, &files);
    let mut differ = Vec::new();
    for (name, text) in &files {
        let path = out_dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            differ.push(path);
        }
    }
    differ.extend(stale.iter().cloned());

    if args.check {
        if differ.is_empty() {
            println!("tc-codegen: {} files up to date", files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "tc-codegen: these files differ from what the specs give; run `cargo run -p tc-codegen`:"
        );
        for path in &differ {
            eprintln!("  {}", path.display());
        }
        return Ok(ExitCode::FAILURE);
    }

    std::fs::create_dir_all(&out_dir).map_err(|e| vec![format!("{}: {e}", out_dir.display())])?;
    for (name, text) in &files {
        let path = out_dir.join(name);
        if differ.contains(&path) {
            std::fs::write(&path, text).map_err(|e| vec![format!("{}: {e}", path.display())])?;
            println!("wrote {}", path.display());
        }
    }
    for path in &stale {
        std::fs::remove_file(path).map_err(|e| vec![format!("{}: {e}", path.display())])?;
        println!("removed {}", path.display());
    }
    let lines: usize = files.values().map(|t| t.lines().count()).sum();
    println!(
        "tc-codegen: {} files, {lines} lines ({} actions, {} models, {} codes); {} changed",
        files.len(),
        plan.actions.len(),
        plan.models.len(),
        plan.codes.len(),
        differ.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Every generated file, by name under `tc-cvm/src/generated/`.
fn generate(plan: &plan::Plan, label: &str) -> Result<BTreeMap<&'static str, String>, String> {
    Ok(BTreeMap::from([
        ("mod.rs", render::file(label, emit_mod::emit(plan))?),
        ("actions.rs", render::file(label, emit_actions::emit(plan))?),
        ("models.rs", render::file(label, emit_models::emit(plan))?),
        ("errors.rs", render::file(label, emit_errors::emit(plan))?),
        (
            "registry.rs",
            render::file(label, emit_registry::emit(plan))?,
        ),
    ]))
}

/// Generated files in the output directory that the specs no longer produce.
/// Only files carrying our header count, so nothing hand-written is touched.
fn stale_files(dir: &Path, files: &BTreeMap<&'static str, String>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            !files.contains_key(name)
                && std::fs::read_to_string(p)
                    .is_ok_and(|t| t.starts_with("// @generated by tc-codegen"))
        })
        .collect();
    stale.sort();
    stale
}
