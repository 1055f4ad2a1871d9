//! Running `cargo check` over the scratch workspace and reading what cargo
//! says: which libraries it finished, which failed and why, and whether the
//! whole check succeeded.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

use serde_json::Value;

/// What one `cargo check` said.
pub(super) struct Check {
    /// The libraries cargo finished checking (a `compiler-artifact` message).
    finished: BTreeSet<String>,
    /// The first error of each library that has any.
    errors: BTreeMap<String, String>,
    /// The `success` flag of cargo's `build-finished` message; `None` when
    /// cargo stopped before sending one.
    build_finished: Option<bool>,
    /// Cargo's exit status.
    pub(super) status: ExitStatus,
}

impl Check {
    /// Whether cargo itself succeeded: a zero exit status and a successful
    /// `build-finished` message.
    pub(super) fn success(&self) -> bool {
        self.status.success() && self.build_finished == Some(true)
    }

    /// Whether the library `lib` was checked: `Ok` only when cargo finished it
    /// without an error; otherwise why not.
    pub(super) fn verdict(&self, lib: &str) -> Result<(), String> {
        if let Some(first) = self.errors.get(lib) {
            return Err(first.clone());
        }
        if self.finished.contains(lib) {
            return Ok(());
        }
        Err(format!(
            "cargo did not finish checking it (cargo {}{})",
            self.status,
            match self.build_finished {
                None => ", before building anything: see its messages above",
                Some(_) => "",
            }
        ))
    }
}

/// Runs `cargo check --workspace --keep-going --message-format=json` in `dir`
/// with the target directory `target`; cargo's own messages go to our
/// standard error.
pub(super) fn check(dir: &Path, target: &Path) -> Result<Check, String> {
    let mut child = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = child.stdout.take().ok_or("cargo's output is not piped")?;
    let mut check = Messages::default();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading cargo's output: {e}"))?;
        check.read(&line);
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for cargo: {e}"))?;
    Ok(Check {
        finished: check.finished,
        errors: check.errors,
        build_finished: check.build_finished,
        status,
    })
}

/// What cargo's JSON messages said so far.
#[derive(Default)]
struct Messages {
    /// As in [`Check`].
    finished: BTreeSet<String>,
    errors: BTreeMap<String, String>,
    build_finished: Option<bool>,
}

impl Messages {
    /// Reads one line of cargo's output; lines that are not cargo's JSON
    /// messages (a build script's output, say) say nothing.
    fn read(&mut self, line: &str) {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            return;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                let is_lib = message["target"]["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|k| k == "lib"));
                if let (true, Some(name)) = (is_lib, message["target"]["name"].as_str()) {
                    self.finished.insert(name.to_owned());
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let Some(lib) = message["target"]["name"].as_str() else {
                    return;
                };
                let text = message["message"]["rendered"]
                    .as_str()
                    .or_else(|| message["message"]["message"].as_str())
                    .unwrap_or("error");
                self.errors
                    .entry(lib.to_owned())
                    .or_insert_with(|| text.lines().take(6).collect::<Vec<_>>().join(" | "));
            }
            Some("build-finished") => self.build_finished = message["success"].as_bool(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Messages;

    fn read(lines: &[&str]) -> Messages {
        let mut messages = Messages::default();
        for line in lines {
            messages.read(line);
        }
        messages
    }

    #[test]
    fn only_a_finished_library_counts() {
        let m = read(&[
            r#"{"reason":"compiler-artifact","target":{"name":"tc_a","kind":["lib"]}}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"build_script_build","kind":["custom-build"]}}"#,
            r#"{"reason":"compiler-message","target":{"name":"tc_b","kind":["lib"]},"message":{"level":"error","rendered":"error[E0412]: cannot find type\n --> src/x.rs"}}"#,
            r#"{"reason":"compiler-message","target":{"name":"tc_a","kind":["lib"]},"message":{"level":"warning","rendered":"warning: unused"}}"#,
            "not json",
            r#"{"reason":"build-finished","success":false}"#,
        ]);
        assert_eq!(m.finished.iter().collect::<Vec<_>>(), ["tc_a"]);
        assert_eq!(
            m.errors["tc_b"],
            "error[E0412]: cannot find type |  --> src/x.rs"
        );
        assert!(!m.errors.contains_key("tc_a"));
        assert_eq!(m.build_finished, Some(false));
    }

    #[test]
    fn no_build_finished_message_is_not_success() {
        let m =
            read(&[r#"{"reason":"compiler-artifact","target":{"name":"tc_a","kind":["lib"]}}"#]);
        assert_eq!(m.build_finished, None);
    }
}
