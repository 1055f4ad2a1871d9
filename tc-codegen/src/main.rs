//! Generates a typed crate for every service version under `specs/`.
//!
//! ```text
//! cargo run -p tc-codegen                       # (re)write every service crate
//! cargo run -p tc-codegen -- --check            # write nothing; exit 1 if anything differs
//! cargo run -p tc-codegen -- --specs DIR        # read the specs from DIR (a spec root, or one service's directory)
//! cargo run -p tc-codegen -- catalog PATH       # generate and type-check a whole catalog (see `catalog`)
//! cargo run -p tc-codegen -- import --tccli DIR --sdk DIR [--out DIR]
//!                                               # rebuild specs/ from the published definitions (see `import`)
//! ```
//!
//! CVM goes to `tc-cvm/`, every other service to `services/tc-<service>/`;
//! per-service adjustments are read from `tc-codegen/overrides/<service>-<version>.json`.
//!
//! The pipeline, one module per stage: `spec` reads the JSON files, `plan`
//! decides names, types and docs inputs and checks everything, `emit` builds
//! each file (Rust with `quote!`, printed by prettyplease in `render` so the
//! output does not depend on the local rustfmt), `docs` writes every doc
//! comment, and `workspace` says where files go and writes or compares them.

mod catalog;
mod docs;
mod emit;
mod import;
mod overrides;
mod plan;
mod render;
mod spec;
mod types;
mod workspace;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use spec::Specs;
use workspace::{CrateLayout, SpecDir};

const USAGE: &str = "usage: tc-codegen [--check] [--specs DIR]
       tc-codegen catalog PATH [--out DIR]
       tc-codegen import --tccli DIR --sdk DIR [--sdk DIR ...] [--out DIR]

  --check       write nothing; list the files that differ and exit 1 if any do
  --specs DIR   the specs: a directory of service directories (default: specs/ in the
                workspace), or one service's directory
  catalog PATH  generate every service version of PATH (a .tar.gz or a directory of
                service directories) into a scratch workspace (--out, default a fresh
                directory under the system's temporary one), type-check it with
                `cargo check` (in $CARGO_TARGET_DIR when set), and print one JSON summary
                line last; exit 1 unless cargo checked every crate
  import        rebuild the spec directories of --out (default: specs/ in the workspace)
                from the unpacked `tccli` package (--tccli: api.json, examples.json) and
                the unpacked Python SDK packages (--sdk, one or more: errorcodes.py, the
                endpoint); facts only, and what those do not state is kept from --out";

/// Where the command line's schema facts go, from the workspace root.
const CLI_SCHEMA: &str = "tc-cli/data/schema.bin";

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

enum Command {
    Generate { check: bool, specs: PathBuf },
    Catalog { path: PathBuf, out: Option<PathBuf> },
    Import(import::Args),
}

fn parse_args() -> Result<Command, String> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("catalog") {
        args.next();
        let path = args.next().ok_or("catalog needs a path")?.into();
        let mut out = None;
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--out" => out = Some(args.next().ok_or("--out needs a directory")?.into()),
                other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
            }
        }
        return Ok(Command::Catalog { path, out });
    }
    if args.peek().map(String::as_str) == Some("import") {
        args.next();
        return parse_import(args).map(Command::Import);
    }
    let mut check = false;
    let mut specs = workspace_root().join("specs");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--specs" => specs = args.next().ok_or("--specs needs a directory")?.into(),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    Ok(Command::Generate { check, specs })
}

/// The arguments of `import`, after the word itself.
fn parse_import(mut args: impl Iterator<Item = String>) -> Result<import::Args, String> {
    let (mut tccli, mut sdk, mut out) = (None, Vec::new(), None);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a directory"));
        match arg.as_str() {
            "--tccli" => tccli = Some(value("--tccli")?.into()),
            "--sdk" => sdk.push(value("--sdk")?.into()),
            "--out" => out = Some(value("--out")?.into()),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    if sdk.is_empty() {
        return Err(format!("import needs --sdk DIR (at least one)\n\n{USAGE}"));
    }
    Ok(import::Args {
        tccli: tccli.ok_or(format!("import needs --tccli DIR\n\n{USAGE}"))?,
        sdk,
        out: out.unwrap_or_else(|| workspace_root().join("specs")),
    })
}

fn main() -> ExitCode {
    let result = match parse_args() {
        Ok(Command::Generate { check, specs }) => generate(check, &specs),
        Ok(Command::Catalog { path, out }) => {
            catalog::run(&path, out.as_deref(), &workspace_root())
        }
        Ok(Command::Import(args)) => import::run(&args),
        Err(e) => Err(vec![e]),
    };
    match result {
        Ok(code) => code,
        Err(problems) => {
            for p in &problems {
                eprintln!("error: {p}");
            }
            ExitCode::FAILURE
        }
    }
}

fn generate(check: bool, specs: &Path) -> Result<ExitCode, Vec<String>> {
    let root = workspace_root();
    let dirs = if specs.join("schema.json").is_file() {
        let name = specs
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        vec![SpecDir {
            path: specs.to_path_buf(),
            name: name.to_owned(),
        }]
    } else {
        workspace::spec_dirs(specs).map_err(|e| vec![e])?
    };

    let mut files = BTreeMap::new();
    let mut crate_dirs = Vec::new();
    // The local endpoint's default answers, by service version: (service,
    // version, file name).
    let answers_dir = root.join("tc-mock/src/answers");
    let mut answers = Vec::new();
    let mut problems = Vec::new();
    let (mut actions, mut models, mut codes) = (0, 0, 0);
    let mut paging: BTreeMap<String, usize> = BTreeMap::new();
    // A crate per service, holding each of its versions (the spec directories
    // sort by service, then version).
    let mut shipped = Vec::new();
    let mut services: BTreeMap<&str, Vec<&SpecDir>> = BTreeMap::new();
    for dir in &dirs {
        let service = dir.name.split('-').next().unwrap_or_default();
        services.entry(service).or_default().push(dir);
    }
    for (service, versions) in &services {
        let layout = CrateLayout::in_workspace(&root, service);
        let mut plans = Vec::new();
        let mut labels = Vec::new();
        for dir in versions {
            // The label names the specs the way the workspace sees them,
            // whatever path was given, so the output does not depend on where
            // it was run.
            let label = format!("specs/{}", dir.name);
            let overrides = root
                .join("tc-codegen/overrides")
                .join(format!("{}.json", dir.name));
            let specs = match Specs::load(&dir.path) {
                Ok(specs) => specs,
                Err(e) => {
                    problems.push(format!("{}: {e}", dir.name));
                    continue;
                }
            };
            let plan = match workspace::plan_version(dir, &specs, &overrides) {
                Ok(plan) => plan,
                Err(mut p) => {
                    problems.append(&mut p);
                    continue;
                }
            };
            match workspace::version_files(&plan, &layout, &label) {
                Ok(version_files) => files.extend(version_files),
                Err(mut p) => {
                    problems.append(&mut p);
                    continue;
                }
            }
            let file = format!("{}.json", dir.name);
            files.insert(
                answers_dir.join(&file),
                emit::mock_answers::service_json(&specs, &label),
            );
            answers.push((plan.service.clone(), plan.version.clone(), file));
            actions += plan.actions.len();
            for (_, style) in emit::paginators::paged(&plan) {
                *paging
                    .entry(format!("{style:?}").to_lowercase())
                    .or_default() += 1;
            }
            *paging.entry("unclassified".to_owned()).or_default() +=
                emit::paginators::unclassified(&plan).count();
            models += plan.models.len();
            codes += plan.codes.len();
            plans.push(plan);
            labels.push(label);
        }
        if plans.len() != versions.len() {
            continue;
        }
        let label = labels.join(", ");
        let dir = layout
            .dir
            .strip_prefix(&root)
            .unwrap_or(&layout.dir)
            .to_string_lossy()
            .into_owned();
        let service = plan::ServicePlan::new(layout.name.clone(), dir, plans);
        match workspace::crate_files(&service, &layout, &label) {
            Ok(crate_files) => files.extend(crate_files),
            Err(mut p) => problems.append(&mut p),
        }
        shipped.push(service);
        crate_dirs.push(layout.dir);
    }
    files.insert(root.join("SERVICES.md"), emit::services_md::emit(&shipped));
    files.extend(emit::service_tests::files(&root, &shipped));
    crate_dirs.push(root.join("tests/services"));
    if !problems.is_empty() {
        return Err(problems);
    }
    // In service order (which is not always the directories' order:
    // `autoscaling` signs as `as`), so that tc-mock finds a service's run.
    answers.sort();
    files.insert(
        answers_dir.join("mod.rs"),
        emit::mock_answers::index(&answers),
    );
    crate_dirs.push(answers_dir);

    // The command line's schema facts: binary (compressed), so compared and
    // written here rather than with the text files.
    let cli_schema = root.join(CLI_SCHEMA);
    let cli_schema_bytes = emit::cli_schema::emit(&shipped);
    let cli_schema_differs =
        std::fs::read(&cli_schema).ok().as_deref() != Some(&cli_schema_bytes[..]);

    let changes = workspace::compare(&files, &crate_dirs);
    if !changes.hand_written.is_empty() {
        return Err(changes
            .hand_written
            .iter()
            .map(|p| {
                format!(
                    "{} is not a generated file; move it away first",
                    p.display()
                )
            })
            .collect());
    }
    if check {
        if changes.is_empty() && !cli_schema_differs {
            println!(
                "tc-codegen: {} services, {} files up to date",
                dirs.len(),
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "tc-codegen: these files differ from what the specs give; run `cargo run -p tc-codegen`:"
        );
        for path in changes.differ.iter().chain(&changes.stale) {
            eprintln!("  {}", path.display());
        }
        if cli_schema_differs {
            eprintln!("  {}", cli_schema.display());
        }
        return Ok(ExitCode::FAILURE);
    }
    workspace::apply(&files, &changes).map_err(|e| vec![e])?;
    if cli_schema_differs {
        std::fs::write(&cli_schema, &cli_schema_bytes)
            .map_err(|e| vec![format!("{}: {e}", cli_schema.display())])?;
        println!("wrote {}", cli_schema.display());
    }
    let lines: usize = files.values().map(|t| t.lines().count()).sum();
    let paging: Vec<String> = paging.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!(
        "tc-codegen: {} services, {} files, {lines} lines ({actions} actions, {models} models, {codes} codes; paging: {}); {} changed",
        dirs.len(),
        files.len(),
        paging.join(", "),
        changes.differ.len() + changes.stale.len() + usize::from(cli_schema_differs)
    );
    Ok(ExitCode::SUCCESS)
}
