//! Finding things in the unpacked packages: each service version of the
//! `tccli` package, and a service version's files in the Python SDK packages.

use std::path::{Path, PathBuf};

/// One service version `tccli` defines.
pub(super) struct Version {
    /// The package's directory name, which names the spec directory too
    /// (`cvm`; `autoscaling`, whose requests are signed for `as`).
    pub(super) package: String,
    /// The directory name of the version (`v20170312`).
    pub(super) dir: String,
    /// `tccli/services/<package>/<dir>`, holding `api.json` and `examples.json`.
    pub(super) path: PathBuf,
}

impl Version {
    /// `2017-03-12`, from `v20170312`.
    pub(super) fn date(&self) -> Option<String> {
        let digits = self.dir.strip_prefix('v')?;
        if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(format!(
            "{}-{}-{}",
            &digits[..4],
            &digits[4..6],
            &digits[6..]
        ))
    }
}

/// `tccli`'s `services` directory, given the unpacked package (the directory
/// holding `tccli/`), its `tccli/` directory, or `services/` itself.
pub(super) fn tccli_services(path: &Path) -> Result<PathBuf, String> {
    [
        path.join("tccli/services"),
        path.join("services"),
        path.to_path_buf(),
    ]
    .into_iter()
    .find(|dir| dir.join("__init__.py").is_file() && has_version(dir))
    .ok_or_else(|| {
        format!(
            "{}: not an unpacked tccli package (no tccli/services/<service>/v<date>/api.json)",
            path.display()
        )
    })
}

/// Whether `services` holds at least one service version.
fn has_version(services: &Path) -> bool {
    versions(services).is_ok_and(|v| !v.is_empty())
}

/// Every service version under `services`, by package and version.
pub(super) fn versions(services: &Path) -> Result<Vec<Version>, String> {
    let mut found = Vec::new();
    for package in sorted_dirs(services)? {
        for version in sorted_dirs(&package)? {
            if version.join("api.json").is_file() {
                found.push(Version {
                    package: file_name(&package),
                    dir: file_name(&version),
                    path: version,
                });
            }
        }
    }
    Ok(found)
}

/// The SDK's `tencentcloud/` directory, given an unpacked SDK package (the
/// directory holding `tencentcloud/`) or `tencentcloud/` itself.
pub(super) fn sdk_root(path: &Path) -> Result<PathBuf, String> {
    [path.join("tencentcloud"), path.to_path_buf()]
        .into_iter()
        .find(|dir| dir.file_name().is_some_and(|n| n == "tencentcloud") && dir.is_dir())
        .ok_or_else(|| {
            format!(
                "{}: not an unpacked tencentcloud-sdk-python package (no tencentcloud/)",
                path.display()
            )
        })
}

/// The first of `roots` (SDK `tencentcloud/` directories) holding `file`
/// for the version, and that file's text.
pub(super) fn sdk_file(
    roots: &[PathBuf],
    version: &Version,
    file: &str,
) -> Result<Option<String>, String> {
    for root in roots {
        let path = root.join(&version.package).join(&version.dir).join(file);
        if path.is_file() {
            return std::fs::read_to_string(&path)
                .map(Some)
                .map_err(|e| format!("{}: {e}", path.display()));
        }
    }
    Ok(None)
}

/// The directories in `dir`, sorted.
fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The last part of `path`, as text.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::Version;

    #[test]
    fn version_dates() {
        let version = |dir: &str| Version {
            package: "x".into(),
            dir: dir.into(),
            path: PathBuf::new(),
        };
        assert_eq!(version("v20170312").date().as_deref(), Some("2017-03-12"));
        assert_eq!(version("v2017031").date(), None);
        assert_eq!(version("20170312").date(), None);
        assert_eq!(version("v2017031x").date(), None);
    }
}
