//! The official CLI's own files, `~/.tccli/<profile>.configure` (region,
//! output, per-service version and endpoint, waiter defaults) and
//! `~/.tccli/<profile>.credential` (keys, or `"type": "cvm-role"`), both
//! JSON, as `tccli configure` writes them.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Neither file is anywhere near this; a larger one is refused, not read.
const MAX_FILE: u64 = 1 << 20;

/// One profile's two files, as far as they exist. Its `Debug` names the
/// files only: the credential file holds the keys.
#[derive(Default)]
pub(crate) struct Profile {
    /// `<profile>.configure`, when present.
    pub configure: Option<(PathBuf, Value)>,
    /// `<profile>.credential`, when present.
    pub credential: Option<(PathBuf, Value)>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = |file: &Option<(PathBuf, Value)>| file.as_ref().map(|(p, _)| p.clone());
        f.debug_struct("Profile")
            .field("configure", &path(&self.configure))
            .field("credential", &path(&self.credential))
            .finish()
    }
}

impl Profile {
    /// Reads profile `name` from `dir` (`~/.tccli`).
    pub(crate) fn read(dir: &Path, name: &str) -> Result<Profile, String> {
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(format!("`{name}` is not a profile name"));
        }
        Ok(Profile {
            configure: read_json(&dir.join(format!("{name}.configure")))?,
            credential: read_json(&dir.join(format!("{name}.credential")))?,
        })
    }

    /// `_sys_param.<key>` of the configure file, when it is text.
    pub(crate) fn sys_param(&self, key: &str) -> Option<&str> {
        self.configure_text(&["_sys_param", key])
    }

    /// `<service>.<key>` of the configure file (`version`, `endpoint`).
    pub(crate) fn service(&self, service: &str, key: &str) -> Option<&str> {
        self.configure_text(&[service, key])
    }

    /// `waiter.<key>` of the configure file, in seconds.
    pub(crate) fn waiter(&self, key: &str) -> Option<f64> {
        self.configure.as_ref()?.1.get("waiter")?.get(key)?.as_f64()
    }

    /// A text value of the credential file.
    pub(crate) fn credential(&self, key: &str) -> Option<&str> {
        let value = self.credential.as_ref()?.1.get(key)?.as_str()?.trim();
        (!value.is_empty()).then_some(value)
    }

    fn configure_text(&self, path: &[&str]) -> Option<&str> {
        let mut value = &self.configure.as_ref()?.1;
        for key in path {
            value = value.get(key)?;
        }
        let text = value.as_str()?.trim();
        (!text.is_empty()).then_some(text)
    }
}

/// A JSON object from `path`, `None` when there is no such file. A file
/// that is not a regular one, too large or not a JSON object is an error
/// naming the file (never its contents, which may hold a key).
fn read_json(path: &Path) -> Result<Option<(PathBuf, Value)>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    if !meta.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    if meta.len() > MAX_FILE {
        return Err(format!("{}: larger than 1 MiB", path.display()));
    }
    let text = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    match serde_json::from_slice::<Value>(&text) {
        Ok(value @ Value::Object(_)) => Ok(Some((path.to_path_buf(), value))),
        Ok(_) | Err(_) => Err(format!("{}: not a JSON object", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_files_and_refuses_broken_ones() {
        let dir = std::env::temp_dir().join(format!("tc-cli-tccli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("p.configure"),
            r#"{"_sys_param": {"region": "ap-beijing", "output": "json"}, "cvm": {"version": "2017-03-12"}, "waiter": {"timeout": 9}}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("p.credential"),
            r#"{"secretId": "AKIDx", "secretKey": "k"}"#,
        )
        .unwrap();
        let profile = Profile::read(&dir, "p").unwrap();
        assert_eq!(profile.sys_param("region"), Some("ap-beijing"));
        assert_eq!(profile.service("cvm", "version"), Some("2017-03-12"));
        assert_eq!(profile.waiter("timeout"), Some(9.0));
        assert_eq!(profile.credential("secretId"), Some("AKIDx"));
        assert!(Profile::read(&dir, "absent").unwrap().configure.is_none());
        std::fs::write(dir.join("bad.credential"), "secretKey = not json").unwrap();
        let err = Profile::read(&dir, "bad").unwrap_err();
        assert!(
            err.contains("not a JSON object") && !err.contains("not json"),
            "{err}"
        );
        assert!(Profile::read(&dir, "../etc").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
