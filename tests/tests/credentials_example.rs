//! The main job's example with `--endpoint` finds credentials through the
//! default chain: run as a subprocess (built by `cargo test` with the other
//! examples) in a controlled environment: no `TENCENTCLOUD_*` or `TKE_*`
//! variables, a temporary home, and a metadata service that refuses
//! connections.

mod support;

use std::process::{Command, Output};
use std::sync::Arc;

use support::{closed_port_url, example_binary, temp_dir, write_profile_file};
use tc_emulator::cvm::ImageSharing;
use tc_mock::MockServer;

const EXAMPLE: &str = "describe_image_share_permission";

/// Runs the example with only `HOME` and the metadata endpoint set.
async fn run_example(home: &std::path::Path, args: &[&str]) -> Output {
    let mut command = Command::new(example_binary(EXAMPLE));
    command
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("TENCENTCLOUD_METADATA_ENDPOINT", closed_port_url());
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

fn system_file_present() -> bool {
    let present = std::path::Path::new("/etc/tencentcloud/credentials").exists();
    if present {
        eprintln!(
            "skipped: this machine has /etc/tencentcloud/credentials, which the chain would find"
        );
    }
    present
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_only_a_profile_file_it_signs_with_the_profile_key() {
    if system_file_present() {
        return;
    }
    let mock = MockServer::builder()
        .credential("AKIDprofileexample", "profile-example-key")
        .start()
        .await
        .unwrap();
    Arc::new(ImageSharing::seeded()).install(&mock);
    let home = temp_dir("example-profile");
    write_profile_file(
        &home,
        "[default]\nsecret_id = AKIDprofileexample\nsecret_key = profile-example-key\n",
    );

    let output = run_example(&home, &["--endpoint", &mock.endpoint()]).await;
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["SharePermissionSet"][0]["AccountId"], "101104350000");
    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].error_code, None,
        "the endpoint verified the signature made with the profile's key"
    );

    // A wrong key in the file: the service's answer, exit 1.
    write_profile_file(
        &home,
        "[default]\nsecret_id = AKIDprofileexample\nsecret_key = not-the-key\n",
    );
    let output = run_example(&home, &["--endpoint", &mock.endpoint()]).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("AuthFailure.SignatureFailure: "));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_no_credentials_anywhere_it_exits_2_listing_the_sources_tried() {
    if system_file_present() {
        return;
    }
    let mock = MockServer::builder()
        .credential("AKIDunused", "k")
        .start()
        .await
        .unwrap();
    let home = temp_dir("example-nothing");
    let output = run_example(&home, &["--endpoint", &mock.endpoint()]).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.starts_with(
            "error: no usable credential: no credentials found; tried in order: 1) environment: "
        ),
        "{stderr}"
    );
    let positions: Vec<usize> = [
        "1) environment",
        "2) profile file",
        "3) OIDC (TKE)",
        "4) CVM role",
    ]
    .iter()
    .map(|source| {
        stderr
            .find(source)
            .unwrap_or_else(|| panic!("`{source}` missing: {stderr}"))
    })
    .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "in order: {stderr}"
    );
    assert!(!stderr.contains("panicked"));
    assert!(mock.requests().is_empty(), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_profile_file_exits_2_naming_file_and_line() {
    let mock = MockServer::builder()
        .credential("AKIDunused", "k")
        .start()
        .await
        .unwrap();
    let home = temp_dir("example-malformed");
    let path = write_profile_file(&home, "[default]\nsecret_id AKIDx\n");
    let output = run_example(&home, &["--endpoint", &mock.endpoint()]).await;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains(&format!(
            "the credentials file {} is malformed at line 2",
            path.display()
        )),
        "{stderr}"
    );
}
