//! The credentials file: where it is looked for, which profile is read, and
//! errors that name the file and the line without quoting it.

mod support;

use std::path::Path;

use support::{temp_dir, write_profile_file};
use tc_core::credential::{CredentialErrorKind, Env, ProfileProvider, ProvideCredential};

#[tokio::test]
async fn reads_default_and_named_profiles_with_an_optional_token() {
    let path = write_profile_file(
        &temp_dir("profile-read"),
        "# written by hand\n[default]\nsecret_id = AKIDdefault\nsecret_key = default-key\n\n[staging]\nsecret_id=AKIDstaging\nsecret_key=\"staging-key\"\ntoken = staging-token\nrole_arn = ignored\n",
    );
    let default = ProfileProvider::new(&path)
        .provide_credential()
        .await
        .unwrap();
    assert_eq!(
        (default.secret_id(), default.secret_key(), default.token()),
        ("AKIDdefault", "default-key", None)
    );
    let staging = ProfileProvider::new(&path)
        .profile("staging")
        .provide_credential()
        .await
        .unwrap();
    assert_eq!(
        (staging.secret_id(), staging.secret_key(), staging.token()),
        ("AKIDstaging", "staging-key", Some("staging-token"))
    );
}

#[tokio::test]
async fn malformed_files_are_reported_with_file_and_line() {
    let dir = temp_dir("profile-malformed");
    let cases = [
        (
            "[default\nsecret_id = a\n",
            " is malformed at line 1: a section header must end with `]`",
        ),
        (
            "[default]\nsecret_id = AKIDx\nsecret_key: key-on-line-3\n",
            " is malformed at line 3: expected `[profile]` or `key = value`",
        ),
        (
            "secret_id = AKIDx\n",
            " is malformed at line 1: a `key = value` line comes before any `[profile]` header",
        ),
        (
            "\n\n[default]\nsecret_key = k\n",
            ", profile [default] at line 3, has no `secret_id`",
        ),
        (
            "[default]\nsecret_id = AKIDx\nsecret_key =   \n",
            " has an empty `secret_key` at line 3",
        ),
        (
            "[prod]\nsecret_id = AKIDx\nsecret_key = k\n",
            " has no [default] profile (it has: prod)",
        ),
    ];
    for (i, (text, expected)) in cases.into_iter().enumerate() {
        let path = dir.join(format!("credentials-{i}"));
        std::fs::write(&path, text).unwrap();
        let error = ProfileProvider::new(&path)
            .provide_credential()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), CredentialErrorKind::Invalid, "{error}");
        let message = error.to_string();
        assert_eq!(
            message,
            format!("the credentials file {}{expected}", path.display()),
            "case {i}"
        );
        assert!(!message.contains("key-on-line-3"));
    }
    let path = dir.join("binary");
    std::fs::write(&path, b"[default]\nsecret_id = \xc3\x28\n").unwrap();
    let error = ProfileProvider::new(&path)
        .provide_credential()
        .await
        .unwrap_err();
    assert!(
        error.to_string().ends_with("is not UTF-8 text (line 2)"),
        "{error}"
    );
}

#[tokio::test]
async fn missing_files() {
    let home = temp_dir("profile-missing");
    // Nothing in the usual places: absent, so a chain moves on.
    let provider = ProfileProvider::with_env(&Env::fixed([("HOME", home.to_str().unwrap())]));
    if Path::new("/etc/tencentcloud/credentials").exists() {
        eprintln!("skipped: this machine has /etc/tencentcloud/credentials");
        return;
    }
    let error = provider.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::NotFound);
    assert_eq!(
        error.to_string(),
        format!(
            "no credentials file at {}/.tencentcloud/credentials or /etc/tencentcloud/credentials",
            home.display()
        )
    );
    // A file named explicitly that is not there: a mistake to report.
    let named = home.join("nope");
    let error = ProfileProvider::with_env(&Env::fixed([(
        "TENCENTCLOUD_CREDENTIALS_FILE",
        named.to_str().unwrap(),
    )]))
    .provide_credential()
    .await
    .unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Invalid);
    assert_eq!(
        error.to_string(),
        format!("the credentials file {} does not exist", named.display())
    );
    // A directory where the file should be: present, refused unread.
    std::fs::create_dir_all(home.join(".tencentcloud/credentials")).unwrap();
    let error = provider.provide_credential().await.unwrap_err();
    assert_eq!(error.kind(), CredentialErrorKind::Invalid);
    assert!(
        error
            .to_string()
            .ends_with("is not a regular file (a directory, FIFO or device)"),
        "{error}"
    );
}

#[tokio::test]
async fn the_home_file_is_read_once_and_the_profile_comes_from_the_environment() {
    let home = temp_dir("profile-home");
    let path = write_profile_file(
        &home,
        "[default]\nsecret_id = AKIDa\nsecret_key = a\n[ops]\nsecret_id = AKIDops\nsecret_key = o\n",
    );
    let provider = ProfileProvider::with_env(&Env::fixed([
        ("HOME", home.to_str().unwrap()),
        ("TENCENTCLOUD_PROFILE", "ops"),
    ]));
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDops"
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        provider.provide_credential().await.unwrap().secret_id(),
        "AKIDops",
        "kept after the first read"
    );
}
