//! A user's application that adds `tcapi-mock` as a dev-dependency builds
//! `tcapi-core` (and every crate under and over it) once for `cargo build`
//! and `cargo test` together: the dev-dependency changes the features of no
//! package of the application's normal build, so Cargo reuses what
//! `cargo build` compiled. Cargo's own resolver decides (`cargo tree`, offline,
//! with the workspace's lock file); nothing is compiled.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// `package version` to its enabled features, as `cargo tree` resolves them
/// for the given kinds of edges.
fn features(app: &Path, edges: &str) -> BTreeMap<String, String> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--quiet", "--offline", "--prefix", "none"])
        .args(["--edges", edges, "--format", "{p}|{f}"])
        .current_dir(app)
        .env("CARGO_TARGET_DIR", app.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("cargo tree prints UTF-8")
        .lines()
        .filter_map(|line| {
            let (package, features) = line.split_once('|')?;
            // A package seen before is printed again with a " (*)" mark.
            let features = features.trim_end_matches(" (*)");
            // The path of a local package is not part of its identity here.
            let package = package.split(" (").next().unwrap_or(package);
            Some((package.to_owned(), features.to_owned()))
        })
        .collect()
}

#[test]
fn tc_mock_as_a_dev_dependency_changes_no_feature_of_the_normal_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let app = std::env::temp_dir().join(format!("tc-devdep-app-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    std::fs::create_dir_all(app.join("src")).unwrap();
    let path = |dir: &str| root.join(dir).display().to_string().replace('\\', "/");
    // The tokio features any application needs for `#[tokio::main]`.
    let manifest = format!(
        r#"[package]
name = "devdep-app"
version = "0.1.0"
edition = "2024"

[dependencies]
tcapi-cvm = {{ path = "{cvm}" }}
tokio = {{ version = "1", features = ["rt-multi-thread", "macros"] }}

[dev-dependencies]
tcapi-mock = {{ path = "{mock}" }}

[workspace]
"#,
        cvm = path("tc-cvm"),
        mock = path("tc-mock"),
    );
    std::fs::write(app.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(app.join("src/main.rs"), "fn main() {}\n").unwrap();
    // The workspace's versions, so that the check needs no network.
    std::fs::copy(root.join("Cargo.lock"), app.join("Cargo.lock")).unwrap();

    let build = features(&app, "normal");
    let test = features(&app, "normal,dev");
    assert!(
        build.keys().any(|p| p.starts_with("tcapi-core ")),
        "the application's build has tcapi-core: {build:?}"
    );
    assert!(
        test.keys().any(|p| p.starts_with("tcapi-mock ")),
        "the test build has tcapi-mock: {test:?}"
    );
    let _ = std::fs::remove_dir_all(&app);
    let changed: Vec<String> = build
        .iter()
        .filter(|(package, features)| test.get(*package) != Some(features))
        .map(|(package, features)| {
            format!(
                "{package}: [{features}] in `cargo build`, [{}] in `cargo test`",
                test.get(package).map_or("absent", String::as_str)
            )
        })
        .collect();
    assert!(
        changed.is_empty(),
        "tc-mock as a dev-dependency changes these packages, so `cargo test` \
         builds them (and all above them, tcapi-core included) again:\n{}",
        changed.join("\n")
    );
}
