//! Where things are: the services under `specs/`, the crate each becomes, the
//! files of that crate; and writing or checking those files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit::{self, GENERATED_MARK};
use crate::overrides::Overrides;
use crate::plan::{self, Plan, ServicePlan};
use crate::render;
use crate::spec::Specs;

/// One service version's spec directory.
pub(crate) struct SpecDir {
    /// `specs/vpc-2017-03-12`.
    pub path: PathBuf,
    /// `vpc-2017-03-12`.
    pub name: String,
}

/// The service versions under `root`: every directory holding a `schema.json`,
/// in name order.
pub(crate) fn spec_dirs(root: &Path) -> Result<Vec<SpecDir>, String> {
    let entries = std::fs::read_dir(root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut dirs: Vec<SpecDir> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("schema.json").is_file())
        .map(|path| SpecDir {
            name: path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned(),
            path,
        })
        .collect();
    dirs.sort_by(|a, b| a.name.cmp(&b.name));
    if dirs.is_empty() {
        return Err(format!(
            "{}: no service specs (directories with a schema.json)",
            root.display()
        ));
    }
    Ok(dirs)
}

/// A crate to generate: its name and directory.
pub(crate) struct CrateLayout {
    /// `tc-vpc`.
    pub name: String,
    pub dir: PathBuf,
    /// For the workspace's own crates, the path from the crate to the
    /// workspace root, where the examples' dev-dependencies live; `None` for
    /// the catalog's scratch crates, which get no examples.
    pub examples: Option<&'static str>,
}

impl CrateLayout {
    /// Where a service of this workspace goes: `tc-cvm` at the top (it came
    /// first), every other one in `services/tc-<service>`.
    pub(crate) fn in_workspace(root: &Path, service: &str) -> CrateLayout {
        let name = format!("tc-{service}");
        let dir = if service == "cvm" {
            root.join(&name)
        } else {
            root.join("services").join(&name)
        };
        CrateLayout {
            name,
            examples: Some(if service == "cvm" { ".." } else { "../.." }),
            dir,
        }
    }
}

/// Every file of a crate holding one service version, by path, with the plan
/// it came from (the catalog's scratch crates).
pub(crate) fn generate(
    spec: &SpecDir,
    specs: &Specs,
    overrides: &Path,
    layout: &CrateLayout,
    label: &str,
) -> Result<(Plan, BTreeMap<PathBuf, String>), Vec<String>> {
    let plan = plan_version(spec, specs, overrides)?;
    let mut files = version_files(&plan, layout, label)?;
    let dir = layout.dir.to_string_lossy().into_owned();
    let mut service = ServicePlan::new(layout.name.clone(), dir, vec![plan]);
    files.extend(crate_files(&service, layout, label)?);
    let plan = service.versions.remove(0);
    Ok((plan, files))
}

/// The plan of one service version.
pub(crate) fn plan_version(
    spec: &SpecDir,
    specs: &Specs,
    overrides: &Path,
) -> Result<Plan, Vec<String>> {
    let overrides = Overrides::load(overrides).map_err(|e| vec![format!("{}: {e}", spec.name)])?;
    plan::plan(specs, &overrides).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| format!("{}: {p}", spec.name))
            .collect::<Vec<_>>()
    })
}

/// The files of one version's module, `src/v<version>/`.
pub(crate) fn version_files(
    plan: &Plan,
    layout: &CrateLayout,
    label: &str,
) -> Result<BTreeMap<PathBuf, String>, Vec<String>> {
    let context = |e: String| vec![format!("{label}: {e}")];
    let dir = layout.dir.join("src").join(&plan.module);
    let rust = |tokens| render::file(label, tokens).map_err(context);
    let mut files = BTreeMap::from([
        (
            dir.join("mod.rs"),
            rust(emit::version_mod::emit(plan, &layout.name))?,
        ),
        (dir.join("actions.rs"), rust(emit::actions::emit(plan))?),
        (dir.join("models.rs"), rust(emit::models::emit(plan))?),
        (dir.join("errors.rs"), rust(emit::errors::emit(plan))?),
        (
            dir.join("paginators.rs"),
            rust(emit::paginators::emit(plan))?,
        ),
        (dir.join("registry.rs"), rust(emit::registry::emit(plan))?),
    ]);
    if !plan.waiters.is_empty() {
        files.insert(dir.join("waiters.rs"), rust(emit::waiters::emit(plan))?);
    }
    Ok(files)
}

/// The crate's own files: `Cargo.toml` and `src/lib.rs`.
pub(crate) fn crate_files(
    service: &ServicePlan,
    layout: &CrateLayout,
    label: &str,
) -> Result<BTreeMap<PathBuf, String>, Vec<String>> {
    let lib = render::file(label, emit::lib_rs::emit(service, label))
        .map_err(|e| vec![format!("{label}: {e}")])?;
    Ok(BTreeMap::from([
        (
            layout.dir.join("Cargo.toml"),
            emit::manifest::emit(service, label, layout.examples),
        ),
        (layout.dir.join("src").join("lib.rs"), lib),
        (layout.dir.join("LICENSE-MIT"), LICENSE_MIT.to_owned()),
        (layout.dir.join("LICENSE-APACHE"), LICENSE_APACHE.to_owned()),
    ]))
}

/// The workspace's licence texts, copied into every crate: a package carries
/// its own licence, and cargo packages nothing from outside the crate.
const LICENSE_MIT: &str = include_str!("../../LICENSE-MIT");
const LICENSE_APACHE: &str = include_str!("../../LICENSE-APACHE");

/// A licence copy: generated, though it cannot carry our mark.
fn is_licence(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == "LICENSE-MIT" || n == "LICENSE-APACHE")
}

/// What writing `files` would change.
#[derive(Default)]
pub(crate) struct Changes {
    /// Files to write: new, or different on disk.
    pub differ: Vec<PathBuf>,
    /// Generated files on disk that nothing generates any more.
    pub stale: Vec<PathBuf>,
    /// Existing files we would write over that do not carry our mark.
    pub hand_written: Vec<PathBuf>,
}

impl Changes {
    pub(crate) fn is_empty(&self) -> bool {
        self.differ.is_empty() && self.stale.is_empty()
    }
}

/// Compares `files` with the disk; `dirs` are the directories whose generated
/// files must all be in `files`.
pub(crate) fn compare(files: &BTreeMap<PathBuf, String>, dirs: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    for (path, text) in files {
        match std::fs::read_to_string(path) {
            Ok(existing) if existing == *text => {}
            Ok(existing)
                if !is_licence(path)
                    && !existing
                        .lines()
                        .next()
                        .is_some_and(|l| l.contains(GENERATED_MARK)) =>
            {
                changes.hand_written.push(path.clone());
            }
            _ => changes.differ.push(path.clone()),
        }
    }
    for dir in dirs {
        for path in generated_files(dir) {
            if !files.contains_key(&path) {
                changes.stale.push(path);
            }
        }
    }
    changes.stale.sort();
    changes
}

/// Writes what differs and removes what is stale, printing each path.
pub(crate) fn apply(files: &BTreeMap<PathBuf, String>, changes: &Changes) -> Result<(), String> {
    write(files, changes, true)
}

/// As [`apply`], printing nothing.
pub(crate) fn apply_quietly(
    files: &BTreeMap<PathBuf, String>,
    changes: &Changes,
) -> Result<(), String> {
    write(files, changes, false)
}

fn write(files: &BTreeMap<PathBuf, String>, changes: &Changes, print: bool) -> Result<(), String> {
    for path in &changes.differ {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(path, &files[path]).map_err(|e| format!("{}: {e}", path.display()))?;
        if print {
            println!("wrote {}", path.display());
        }
    }
    for path in &changes.stale {
        std::fs::remove_file(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if print {
            println!("removed {}", path.display());
        }
        // A directory left empty goes too.
        if let Some(parent) = path.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
    Ok(())
}

/// Files under `dir` (recursively) whose first line carries our mark, so that
/// nothing hand-written is ever counted as stale.
fn generated_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                if !path.ends_with("target") {
                    stack.push(path);
                }
            } else if std::fs::read_to_string(&path)
                .is_ok_and(|t| t.lines().next().is_some_and(|l| l.contains(GENERATED_MARK)))
            {
                found.push(path);
            }
        }
    }
    found
}
