//! The evolution policy, shown on a real spec refresh: a request written the
//! recommended way (`..Default::default()` after the members it sets) keeps
//! compiling when the spec gains an optional member, while one that lists
//! every member stops compiling. Both are checked by cargo against the crate
//! `tc-codegen catalog` generates, before and after the member is added.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const SPEC: &str = "sts-2018-08-13";

/// The code under test, as a user writes it: the members it sets, then the
/// rest from `Default`.
const RECOMMENDED: &str = "pub fn request() -> sts::AssumeRole {
    sts::AssumeRole {
        role_arn: \"qcs::cam::uin/100000000001:roleName/reader\".into(),
        role_session_name: \"nightly-report\".into(),
        ..Default::default()
    }
}
";

/// The same request with every member written out: it breaks on purpose
/// when a member is added, which is what the recommended form avoids.
const EXHAUSTIVE: &str = "pub fn request() -> sts::AssumeRole {
    sts::AssumeRole {
        role_arn: \"qcs::cam::uin/100000000001:roleName/reader\".into(),
        role_session_name: \"nightly-report\".into(),
        duration_seconds: None,
        policy: None,
        external_id: None,
        tags: None,
        source_identity: None,
        serial_number: None,
        token_code: None,
    }
}
";

#[test]
fn a_new_optional_member_breaks_no_request_written_with_default() {
    let dir = std::env::temp_dir().join(format!("tc-codegen-evolution-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs").join(SPEC);
    std::fs::create_dir_all(&specs).unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for file in ["schema.json", "errors.json", "examples.json"] {
        std::fs::copy(repo.join("specs").join(SPEC).join(file), specs.join(file)).unwrap();
    }

    generate(&dir);
    let recommended = app(&dir, "recommended", RECOMMENDED, &repo);
    let exhaustive = app(&dir, "exhaustive", EXHAUSTIVE, &repo);
    for app in [&recommended, &exhaustive] {
        let out = cargo_check(app);
        assert!(out.status.success(), "before: {}", stderr(&out));
    }

    add_optional_member(
        &specs.join("schema.json"),
        "AssumeRoleRequest",
        "ClientNote",
    );
    generate(&dir);
    let out = cargo_check(&recommended);
    assert!(out.status.success(), "after: {}", stderr(&out));
    let out = cargo_check(&exhaustive);
    assert!(
        !out.status.success(),
        "the exhaustive form compiled after the change"
    );
    assert!(
        stderr(&out).contains("missing field `client_note`"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The target directory every test of this crate that builds generated code
/// shares, so that tc-core is built once.
fn target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("tc-codegen-catalog")
}

/// `tc-codegen catalog DIR/specs --out DIR/out`, which must succeed.
fn generate(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_tc-codegen"))
        .arg("catalog")
        .arg(dir.join("specs"))
        .arg("--out")
        .arg(dir.join("out"))
        .env("CARGO_TARGET_DIR", target())
        .output()
        .unwrap();
    assert!(out.status.success(), "catalog: {}", stderr(&out));
}

/// A user's crate outside the scratch workspace, depending on the generated
/// crate as `sts` and pinned to this repository's lock file.
fn app(dir: &Path, name: &str, code: &str, repo: &Path) -> PathBuf {
    let generated = dir.join("out/crates").join(SPEC);
    let manifest = std::fs::read_to_string(generated.join("Cargo.toml")).unwrap();
    let package = manifest
        .lines()
        .find_map(|l| l.strip_prefix("name = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("the generated manifest names its package");
    let app = dir.join("apps").join(name);
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsts = {{ path = {path:?}, package = {package:?} }}\n\n\
             # Not a member of the scratch workspace above it.\n[workspace]\n",
            path = generated.display().to_string(),
        ),
    )
    .unwrap();
    std::fs::write(app.join("src/lib.rs"), code).unwrap();
    std::fs::copy(repo.join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    app
}

fn cargo_check(app: &Path) -> Output {
    Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(app)
        .env("CARGO_TARGET_DIR", target())
        .output()
        .unwrap()
}

/// Adds an optional string member to `object` of a `schema.json`.
fn add_optional_member(schema: &Path, object: &str, member: &str) {
    let mut spec: Value = serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    let members = spec["objects"][object]["members"].as_array_mut().unwrap();
    members.push(json!({
        "disabled": false, "member": "string", "name": member,
        "required": false, "type": "string"
    }));
    std::fs::write(schema, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
