//! The credentials file is read off the runtime, capped, and only if it is a
//! regular file; a profile written twice is refused, naming both lines.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tc_core::ProvideCredential;
use tc_core::credential::ProfileProvider;

use crate::support::temp_dir;

async fn refusal(path: impl Into<PathBuf>) -> String {
    let started = Instant::now();
    let error = ProfileProvider::new(path)
        .provide_credential()
        .await
        .expect_err("refused");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    error.to_string()
}

#[tokio::test]
async fn a_device_or_a_fifo_is_refused_not_read() {
    let text = refusal("/dev/zero").await;
    assert!(text.contains("not a regular file"), "{text}");
    let fifo = temp_dir("fifo").join("credentials");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|status| status.success()), "mkfifo");
    // Opening a FIFO blocks until a writer comes: a hang would be the bug.
    let text = tokio::time::timeout(Duration::from_secs(5), refusal(&fifo))
        .await
        .expect("the FIFO is refused, not opened");
    assert!(text.contains("not a regular file"), "{text}");
}

#[tokio::test]
async fn a_file_over_1_mib_is_refused() {
    let path = temp_dir("large").join("credentials");
    let mut text = String::from("[default]\nsecret_id = AKIDlarge\nsecret_key = k\n");
    text.push_str(&"# padding\n".repeat(110_000));
    std::fs::write(&path, text).unwrap();
    let text = refusal(&path).await;
    assert!(text.contains("larger than 1048576 bytes"), "{text}");
}

#[tokio::test]
async fn a_profile_written_twice_is_refused() {
    let path = temp_dir("duplicate").join("credentials");
    std::fs::write(
        &path,
        "[default]\nsecret_id = AKIDfirst\nsecret_key = first-key\n\n[ci]\nsecret_id = AKIDci\nsecret_key = k\n\n[default]\nsecret_id = AKIDsecond\nsecret_key = second-key\n",
    )
    .unwrap();
    let text = refusal(&path).await;
    assert!(text.contains("[default] twice, at lines 1 and 9"), "{text}");
    assert!(
        !text.contains("first-key") && !text.contains("second-key"),
        "{text}"
    );
    // Another profile of the same file is still read.
    let ci = ProfileProvider::new(&path)
        .profile("ci")
        .provide_credential()
        .await
        .unwrap();
    assert_eq!(ci.secret_id(), "AKIDci");
}

#[tokio::test(flavor = "current_thread")]
async fn a_regular_file_is_read_on_a_single_threaded_runtime_too() {
    let path = temp_dir("ok").join("credentials");
    std::fs::write(
        &path,
        "[default]\nsecret_id = AKIDok\nsecret_key = ok-key\n",
    )
    .unwrap();
    let provider = ProfileProvider::new(&path);
    let credential = provider.provide_credential().await.unwrap();
    assert_eq!(credential.secret_id(), "AKIDok");
}
