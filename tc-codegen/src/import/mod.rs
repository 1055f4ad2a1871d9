//! `tc-codegen import`: rebuilds the spec directories from Tencent Cloud's
//! published API definitions as the package registries distribute them,
//! already downloaded and unpacked (the import itself reads files only):
//!
//! - the `tccli` package (PyPI): `tccli/services/<service>/v<date>/api.json`
//!   (actions, objects, members: names, types, flags, example values) and
//!   `examples.json` (example requests and responses);
//! - the official Python SDK (`tencentcloud-sdk-python`, or the per-service
//!   `tencentcloud-sdk-python-<service>` packages):
//!   `tencentcloud/<service>/v<date>/errorcodes.py` (every error code) and the
//!   client's `_endpoint`.
//!
//! Facts only: descriptions, titles and display names are dropped. What no
//! package states — the codes each action documents — is kept from the spec
//! being replaced in the output directory (or, where there is none, the
//! current spec's endpoint and codes). The output is a function of the inputs:
//! running it twice changes nothing, and an unchanged file is not rewritten.

mod errors;
mod examples;
mod output;
mod python;
mod schema;
mod sources;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::de::DeserializeOwned;

use errors::Errors;
use sources::Version;

/// The import's inputs and output directory.
pub(crate) struct Args {
    /// The unpacked `tccli` package.
    pub(crate) tccli: PathBuf,
    /// The unpacked SDK packages, searched in order for each version's files.
    pub(crate) sdk: Vec<PathBuf>,
    /// Where the spec directories go (and where the current specs are read).
    pub(crate) out: PathBuf,
}

/// What one import did, for its summary.
#[derive(Default)]
struct Tally {
    /// Service versions imported.
    versions: usize,
    /// Their actions, codes and examples.
    actions: usize,
    codes: usize,
    examples: usize,
    /// Files written because their text changed, and files left as they were.
    written: usize,
    unchanged: usize,
}

/// Imports every service version of `args.tccli` into `args.out`; prints what
/// it kept from the current specs (standard error) and a summary (standard
/// output). Every version that can be imported is; the problems of the
/// others are returned.
pub(crate) fn run(args: &Args) -> Result<ExitCode, Vec<String>> {
    let services = sources::tccli_services(&args.tccli).map_err(|e| vec![e])?;
    let sdk: Vec<PathBuf> = args
        .sdk
        .iter()
        .map(|p| sources::sdk_root(p))
        .collect::<Result<_, _>>()
        .map_err(|e| vec![e])?;
    let versions = sources::versions(&services).map_err(|e| vec![e])?;
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    let mut imported = Vec::new();
    for version in &versions {
        match import(version, &sdk, &args.out, &mut tally) {
            Ok(name) => imported.push(name),
            Err(e) => problems.push(format!("{}/{}: {e}", version.package, version.dir)),
        }
    }
    for name in not_upstream(&args.out, &imported) {
        eprintln!("note: {name}: not in the tccli package; left as it is");
    }
    println!(
        "tc-codegen import: {} service versions ({} actions, {} codes, {} examples) into {}: {} files written, {} unchanged",
        tally.versions,
        tally.actions,
        tally.codes,
        tally.examples,
        args.out.display(),
        tally.written,
        tally.unchanged
    );
    if problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(problems)
    }
}

/// Imports one service version into `out/<package>-<date>/`; its directory name.
fn import(
    version: &Version,
    sdk: &[PathBuf],
    out: &Path,
    tally: &mut Tally,
) -> Result<String, String> {
    let api: schema::Api = read_json(&version.path.join("api.json"))?;
    let date = version
        .date()
        .ok_or_else(|| format!("{}: not a v<yyyymmdd> directory", version.dir))?;
    if api.metadata.api_version != date {
        return Err(format!(
            "api.json says version {}, its directory {}",
            api.metadata.api_version, version.dir
        ));
    }
    let name = format!("{}-{date}", version.package);
    let dir = out.join(&name);
    let note = |what: &str| eprintln!("note: {name}: {what}");

    let current_schema: Option<serde_json::Value> = read_if_present(&dir.join("schema.json"))?;
    let current_errors: Errors = read_if_present(&dir.join("errors.json"))?.unwrap_or_default();

    let client = sources::sdk_file(sdk, version, &format!("{}_client.py", version.package))?;
    let client_endpoint = client
        .as_deref()
        .and_then(|c| python::class_attribute(c, "_endpoint"));
    if let Some(signed_for) = client
        .as_deref()
        .and_then(|c| python::class_attribute(c, "_service"))
        && signed_for != api.metadata.service
    {
        return Err(format!(
            "api.json signs for {:?}, the SDK's client for {signed_for:?}",
            api.metadata.service
        ));
    }
    let endpoint = match (
        client_endpoint,
        current_schema.as_ref().and_then(|s| s["endpoint"].as_str()),
    ) {
        (Some(endpoint), _) => endpoint.to_owned(),
        (None, Some(current)) => {
            note("no SDK client; endpoint kept from the current spec");
            current.to_owned()
        }
        (None, None) => {
            note("no SDK client and no current spec; endpoint <service>.tencentcloudapi.com");
            format!("{}.tencentcloudapi.com", api.metadata.service)
        }
    };

    let sdk_codes = match sources::sdk_file(sdk, version, "errorcodes.py")? {
        Some(text) => Some(python::error_codes(&text).map_err(|e| format!("errorcodes.py: {e}"))?),
        None => {
            note("no errorcodes.py in the SDK; codes kept from the current spec");
            None
        }
    };
    let schema = schema::schema(api, endpoint);
    let (errors, kept) = errors::errors(sdk_codes, schema.actions.keys(), &current_errors);
    if !kept.codes.is_empty() {
        note(&format!(
            "{} codes documented by actions but not in errorcodes.py, kept: {}",
            kept.codes.len(),
            kept.codes.join(", ")
        ));
    }

    let mut files = vec![
        ("schema.json", output::to_text(&schema)?),
        ("errors.json", output::to_text(&errors)?),
    ];
    let examples_json = version.path.join("examples.json");
    if examples_json.is_file() {
        let examples = examples::examples(read_json(&examples_json)?);
        tally.examples += examples.values().map(Vec::len).sum::<usize>();
        files.push(("examples.json", output::to_text(&examples)?));
    } else {
        note("no examples.json in tccli; examples left as they are");
    }
    for (file, text) in files {
        if output::write_if_changed(&dir.join(file), &text)? {
            tally.written += 1;
        } else {
            tally.unchanged += 1;
        }
    }
    tally.versions += 1;
    tally.actions += schema.actions.len();
    tally.codes += errors.all_codes.len();
    Ok(name)
}

/// The spec directories of `out` that the import did not write.
fn not_upstream(out: &Path, imported: &[String]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("schema.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !imported.contains(name))
        .collect();
    names.sort();
    names
}

/// Reads and decodes one JSON file, naming it on error.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// As [`read_json`], `None` when the file does not exist.
fn read_if_present<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, String> {
    if path.exists() {
        read_json(path).map(Some)
    } else {
        Ok(None)
    }
}
