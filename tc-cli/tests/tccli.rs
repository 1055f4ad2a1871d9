//! `tc` and the official `tccli` send the same parameters for the same
//! command lines. Both call an independent TC3 verifier
//! (`tc-bench/scripts/peers/tc3_verifier.py`, standard-library Python) that
//! checks each signature and logs each body; the bodies are compared as
//! JSON. tccli is installed from PyPI at a pinned version by
//! `tc-bench/scripts/tccli.sh` into a virtualenv beside the test binary
//! (kept for the next run); without python3 or PyPI the test says so and
//! passes without comparing.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{Home, Run, SECRET_ID, SECRET_KEY, target, tc};
use serde_json::Value;

/// The command lines compared: plain, JSON-structured, unfolded, typed
/// (integers, text that holds numbers, booleans), from input JSON.
const LINES: &[&[&str]] = &[
    &[
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
    ],
    &["cvm", "DescribeZones"],
    &[
        "cvm",
        "DescribeInstances",
        "--Filters",
        r#"[{"Name": "zone", "Values": ["ap-guangzhou-1", "ap-guangzhou-2"]}]"#,
        "--Offset",
        "0",
        "--Limit",
        "2",
    ],
    &[
        "cvm",
        "DescribeInstances",
        "--cli-unfold-argument",
        "--Filters.0.Name",
        "zone",
        "--Filters.0.Values",
        "ap-guangzhou-1",
        "--Filters.1.Name",
        "instance-name",
        "--Filters.1.Values",
        "web",
        "--Limit",
        "5",
    ],
    &[
        "vpc",
        "DescribeVpcs",
        "--VpcIds",
        r#"["vpc-1", "vpc-2"]"#,
        "--Limit",
        "10",
        "--Offset",
        "0",
    ],
    &[
        "cvm",
        "ModifyInstancesAttribute",
        "--InstanceIds",
        r#"["ins-1"]"#,
        "--InstanceName",
        "web-1",
        "--DisableApiTermination",
        "True",
    ],
    &[
        "cvm",
        "DescribeInstancesStatus",
        "--cli-input-json",
        // tccli takes only a file here; the test writes INPUT_JSON to it.
        "file://INPUT",
    ],
];

const INPUT_JSON: &str = r#"{"InstanceIds": ["ins-1", "ins-2"], "Limit": 3}"#;

struct Verifier {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Verifier {
    fn start(repo: &Path, log: PathBuf) -> Verifier {
        let mut child = Command::new("python3")
            .arg(repo.join("tc-bench/scripts/peers/tc3_verifier.py"))
            .args([SECRET_ID, SECRET_KEY])
            .arg(repo.join("specs"))
            .arg(&log)
            .env("TC3_VERIFIER_LOG_BODIES", "1")
            .env("TC3_VERIFIER_HOST_SCHEME", "strip")
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs (tccli.sh found it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("the verifier did not start: {line:?}"))
            .to_owned();
        Verifier { child, url, log }
    }

    /// The log's lines so far.
    fn entries(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Verifier {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn install_tccli(repo: &Path) -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_BIN_EXE_tc"))
        .parent()
        .unwrap()
        .join("tccli-venv");
    let out = Command::new("bash")
        .arg(repo.join("tc-bench/scripts/tccli.sh"))
        .arg(&venv)
        .output()
        .map_err(|e| format!("cannot run bash: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_owned());
    }
    let path = String::from_utf8_lossy(&out.stdout);
    Ok(PathBuf::from(
        path.lines().last().unwrap_or_default().trim(),
    ))
}

#[test]
fn tc_and_tccli_send_the_same_parameters() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let tccli = match install_tccli(repo) {
        Ok(path) => path,
        Err(why) => {
            eprintln!("SKIPPED: tccli could not be installed, nothing compared: {why}");
            return;
        }
    };
    let home = Home::new("tccli");
    let input = home.0.join("input.json");
    std::fs::write(&input, INPUT_JSON).unwrap();
    let input = format!("file://{}", input.display());
    let verifier = Verifier::start(repo, home.0.join("verifier.log"));
    let common = target(&verifier.url);
    for line in LINES {
        let args: Vec<&str> = line
            .iter()
            .map(|a| {
                if *a == "file://INPUT" {
                    input.as_str()
                } else {
                    a
                }
            })
            .chain(common)
            .collect();
        let ours = tc(&home.0, &args);
        assert_eq!(ours.code, 0, "tc {line:?}: {ours:?}");
        let theirs = run_tccli(&tccli, &home.0, &args);
        assert_eq!(theirs.code, 0, "tccli {line:?}: {theirs:?}");

        let entries = verifier.entries();
        let [.., ours_seen, theirs_seen] = entries.as_slice() else {
            panic!("the verifier logged {} requests", entries.len());
        };
        for (who, seen) in [("tc", ours_seen), ("tccli", theirs_seen)] {
            assert_eq!(seen["ok"], true, "{who} {line:?} was refused: {seen}");
            assert_eq!(seen["action"], line[1], "{who}: {seen}");
        }
        assert_eq!(
            ours_seen["body"], theirs_seen["body"],
            "{line:?}: tc sent {}, tccli sent {}",
            ours_seen["body"], theirs_seen["body"]
        );
        // Both print the answer's Response object: the same members, but
        // for the RequestId (each call has its own) and tccli's nulls for
        // the members its model knows and the answer lacks.
        assert_eq!(printed(&ours), printed(&theirs), "{line:?}");
    }
    assert_eq!(verifier.entries().len(), 2 * LINES.len());
}

/// The printed answer without its RequestId and null members.
fn printed(run: &Run) -> Value {
    let mut answer = run.json();
    let object = answer.as_object_mut().expect("an object");
    object.remove("RequestId");
    object.retain(|_, v| !v.is_null());
    answer
}

fn run_tccli(tccli: &Path, home: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(tccli);
    command
        .args(args)
        .env("HOME", home)
        .env_remove("TENCENTCLOUD_SECRET_ID")
        .env_remove("TENCENTCLOUD_SECRET_KEY")
        .env_remove("TENCENTCLOUD_REGION")
        .env_remove("TCCLI_PROFILE");
    Run::of(command)
}
