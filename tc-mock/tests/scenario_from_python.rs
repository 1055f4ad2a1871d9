//! The `tc-mock` binary scripted by a scenario file and driven by a client
//! written in Python (standard library only: its own TC3 signing, plain
//! HTTP): `tests/scenario/drive.py` checks an error envelope with its
//! RequestId, throttling then success, cuts before and in mid-answer,
//! latency, a stream, the fall-through to the specs' examples, the signature
//! check, and a bad file refused with exit 2.

use std::path::Path;
use std::process::Command;

#[test]
fn a_python_client_drives_a_scenario() {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    if Command::new(&python).arg("--version").output().is_err() {
        eprintln!("skipped: no `{python}` on this machine to run tests/scenario/drive.py with");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenario/drive.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_tc-mock"))
        .output()
        .expect("run the Python client");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "drive.py failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    assert!(stdout.contains("9 passed, 0 failed"), "{stdout}");
}
