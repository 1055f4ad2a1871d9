//! `tc-codegen import`, run as a user runs it, on a fixture of our own
//! (`tests/data/import`): a `tccli` package and an SDK package of one small
//! service version, the current spec it replaces, and the spec directory the
//! import must write, byte for byte.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPEC: &str = "demo-2020-01-01";
const FILES: [&str; 3] = ["schema.json", "errors.json", "examples.json"];

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import")
}

/// A scratch output directory holding the fixture's current spec.
fn out_with_current(test: &str) -> PathBuf {
    let out = std::env::temp_dir().join(format!("tc-codegen-import-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join(SPEC)).unwrap();
    std::fs::copy(
        data().join("current").join(SPEC).join("errors.json"),
        out.join(SPEC).join("errors.json"),
    )
    .unwrap();
    out
}

fn import(args: &[&Path]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tc-codegen"));
    command.arg("import");
    for (flag, value) in ["--tccli", "--sdk", "--out"].iter().zip(args) {
        command.arg(flag).arg(value);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_fixture_imports_to_the_expected_spec_and_again_to_nothing_new() {
    let out = out_with_current("fixture");
    let (tccli, sdk) = (data().join("tccli"), data().join("sdk"));

    let first = import(&[&tccli, &sdk, &out]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("1 service versions (2 actions, 4 codes, 2 examples)"),
        "{}",
        text(&first.stdout)
    );
    assert!(text(&first.stdout).contains("3 files written, 0 unchanged"));
    // The code only the current spec's `by_action` names is kept, and said so.
    assert!(
        text(&first.stderr).contains("kept: UnsupportedOperation.Old"),
        "{}",
        text(&first.stderr)
    );
    for file in FILES {
        let written = std::fs::read_to_string(out.join(SPEC).join(file)).unwrap();
        let expected =
            std::fs::read_to_string(data().join("expected").join(SPEC).join(file)).unwrap();
        assert_eq!(written, expected, "{file}");
        // Every description, title and display name of the fixture says PROSE.
        assert!(!written.contains("PROSE"), "{file}: {written}");
    }

    let modified = |file: &str| {
        std::fs::metadata(out.join(SPEC).join(file))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before: Vec<_> = FILES.iter().map(|f| modified(f)).collect();
    let second = import(&[&tccli, &sdk, &out]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert!(
        text(&second.stdout).contains("0 files written, 3 unchanged"),
        "{}",
        text(&second.stdout)
    );
    let after: Vec<_> = FILES.iter().map(|f| modified(f)).collect();
    assert_eq!(before, after, "the second run touched a file");
    std::fs::remove_dir_all(&out).unwrap();
}

/// What the import writes is what the generator reads: the imported spec
/// generates a crate that cargo type-checks.
#[test]
fn the_imported_spec_generates_a_crate_that_type_checks() {
    let out = out_with_current("catalog");
    let imported = import(&[&data().join("tccli"), &data().join("sdk"), &out]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));

    let catalog = Command::new(env!("CARGO_BIN_EXE_tc-codegen"))
        .arg("catalog")
        .arg(&out)
        .arg("--out")
        .arg(out.join("scratch"))
        .env(
            "CARGO_TARGET_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("tc-codegen-catalog"),
        )
        .output()
        .unwrap();
    let stdout = text(&catalog.stdout);
    assert!(
        catalog.status.success(),
        "{stdout}\n{}",
        text(&catalog.stderr)
    );
    assert!(stdout.contains(r#""checked":1,"failed":[]"#), "{stdout}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn bad_inputs_are_errors_that_say_what_is_wrong() {
    let out = out_with_current("bad");
    let (tccli, sdk) = (data().join("tccli"), data().join("sdk"));

    // Not a tccli package.
    let run = import(&[&sdk, &sdk, &out]);
    assert!(!run.status.success());
    assert!(
        text(&run.stderr).contains("not an unpacked tccli package"),
        "{}",
        text(&run.stderr)
    );

    // No SDK.
    let run = import(&[&tccli]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("import needs --sdk DIR"));

    // An errorcodes.py that is not a list of assignments.
    let broken_sdk = out.join("sdk");
    let version = broken_sdk.join("tencentcloud/demo/v20200101");
    std::fs::create_dir_all(&version).unwrap();
    std::fs::write(
        version.join("errorcodes.py"),
        "# c\nA = 'A'\nB = compute()\n",
    )
    .unwrap();
    let run = import(&[&tccli, &broken_sdk, &out]);
    assert!(!run.status.success());
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("demo/v20200101: errorcodes.py: line 3: expected `NAME = 'Code'`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Nothing was written for the version that failed.
    assert!(!out.join(SPEC).join("schema.json").exists());
    std::fs::remove_dir_all(&out).unwrap();
}
