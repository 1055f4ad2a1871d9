//! `examples/expand.rs` run as a user runs it, on a file outside the workspace
//! (`cargo test` builds the package's examples beside its tests).

use std::path::PathBuf;
use std::process::{Command, Output};

/// `target/<profile>/examples/expand`, beside this test's `deps` directory.
fn expand_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps/<test>");
    let binary = profile_dir
        .join("examples")
        .join(format!("expand{}", std::env::consts::EXE_SUFFIX));
    // `cargo test -p tcapi-macros-impl` builds it; `--test expand_example` alone
    // does not.
    assert!(
        binary.exists(),
        "{} is not built: run `cargo test -p tcapi-macros-impl` (or `cargo build -p tcapi-macros-impl --example expand`) first",
        binary.display()
    );
    binary
}

/// Writes `source` to a fresh directory under the system's temporary one and
/// runs the example on it.
fn expand(name: &str, source: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("tc-expand-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("lib.rs");
    std::fs::write(&path, source).unwrap();
    let output = Command::new(expand_binary())
        .arg(&path)
        .output()
        .expect("run the expand example");
    std::fs::remove_dir_all(&dir).unwrap();
    output
}

#[test]
fn prints_the_file_with_the_attributes_expanded() {
    let output = expand(
        "tags",
        r#"
use tc_core::{tc_action, tc_error, tc_model};

/// Lists tag keys.
#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeTagKeys", error = TagError)]
pub struct DescribeTagKeys {
    pub limit: Option<u64>,
}

#[tc_core::tc_model]
pub struct DescribeTagKeysResponse {
    pub tags: Vec<String>,
}

mod errors {
    #[tc_error]
    pub enum TagError {
        #[tc(code = "ResourceNotFound")]
        ResourceNotFound,
    }
}

fn untouched() -> u32 {
    1
}
"#,
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "/// Lists tag keys.",
        "impl ::tc_core::Action for DescribeTagKeys {",
        r#"const NAME: &'static str = "DescribeTagKeys";"#,
        "impl ::tc_core::WireType for DescribeTagKeysResponse {}",
        "impl ::tc_core::ErrorCode for TagError {",
        "fn untouched() -> u32 {",
    ] {
        assert!(text.contains(expected), "no {expected:?} in:\n{text}");
    }
    for attribute in ["#[tc_action", "#[tc_core::tc_model", "#[tc_error", "#[tc("] {
        assert!(!text.contains(attribute), "{attribute} left in:\n{text}");
    }
    // What it prints is a valid file.
    syn::parse_file(&text).unwrap();
}

#[test]
fn a_mistake_shows_as_the_compilers_error() {
    let output = expand(
        "mistake",
        r#"
#[tc_core::tc_action(service = "Tag", version = "2018-08-13", name = "DescribeTagKeys")]
pub struct DescribeTagKeys {}
"#,
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("compile_error!"), "{text}");
    assert!(text.contains(r#"write \"tag\""#), "{text}");
}

#[test]
fn a_file_that_is_not_rust_is_refused_with_its_place() {
    let output = expand("broken", "pub struct {");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("lib.rs:1:"), "{stderr}");
}
