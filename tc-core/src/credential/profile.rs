//! The credentials file: `[profile]` sections of `secret_id`, `secret_key` and
//! an optional `token`, in INI form.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::sync::Mutex;

use zeroize::Zeroizing;

use super::env::Env;
use super::error::CredentialError;
use super::ini;
use super::value::Credential;
use super::{ProvideCredential, ProvideFuture};

/// Environment variable naming the credentials file to use instead of the
/// usual places.
pub const ENV_CREDENTIALS_FILE: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// Environment variable naming the profile (section) to read.
pub const ENV_PROFILE: &str = "TENCENTCLOUD_PROFILE";
/// The profile read when none is named.
pub const DEFAULT_PROFILE: &str = "default";
/// The system-wide credentials file, read when the user has none.
pub const SYSTEM_CREDENTIALS_FILE: &str = "/etc/tencentcloud/credentials";

/// A key pair from a credentials file, such as
///
/// ```ini
/// [default]
/// secret_id = AKID...
/// secret_key = ...
///
/// [ci]
/// secret_id = AKID...
/// secret_key = ...
/// token = ...        # optional, for temporary credentials
/// ```
///
/// Lines starting with `#` or `;` are comments, and so is the rest of a line
/// from a `#` or `;` that follows whitespace; a value may be quoted.
///
/// The file is read once, at the first request that needs it, on a thread
/// of its own (never blocking the async runtime). It must be a regular file
/// of at most 1 MiB: a FIFO, a device or anything larger is refused rather
/// than read. A profile that appears twice is refused, naming both lines
/// (as Python's `configparser` does): which half was meant cannot be told.
/// Errors name the file and the line, never a line's text.
#[derive(Debug)]
pub struct ProfileProvider {
    files: Vec<Candidate>,
    profile: String,
    loaded: Mutex<Option<Arc<Credential>>>,
}

#[derive(Clone, Debug)]
struct Candidate {
    path: PathBuf,
    /// Named explicitly, so its absence is an error rather than a reason to
    /// look elsewhere.
    required: bool,
}

impl ProfileProvider {
    /// Reads exactly `path` (its absence is an error), profile `default`.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self::from_candidates(
            vec![Candidate {
                path: path.into(),
                required: true,
            }],
            DEFAULT_PROFILE.to_owned(),
        )
    }

    /// Looks where [`with_env`](Self::with_env) says, in the process
    /// environment.
    pub fn from_env() -> Self {
        Self::with_env(&Env::process())
    }

    /// The file named by `TENCENTCLOUD_CREDENTIALS_FILE` if set (and then only
    /// that one), else the first of `~/.tencentcloud/credentials` and
    /// `/etc/tencentcloud/credentials` that exists; the profile named by
    /// `TENCENTCLOUD_PROFILE`, else `default`.
    pub fn with_env(env: &Env) -> Self {
        let files = match env.var(ENV_CREDENTIALS_FILE) {
            Some(path) => vec![Candidate {
                path: PathBuf::from(path),
                required: true,
            }],
            None => env
                .home_dir()
                .map(|home| home.join(".tencentcloud").join("credentials"))
                .into_iter()
                .chain([PathBuf::from(SYSTEM_CREDENTIALS_FILE)])
                .map(|path| Candidate {
                    path,
                    required: false,
                })
                .collect(),
        };
        let profile = env
            .var(ENV_PROFILE)
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        Self::from_candidates(files, profile)
    }

    fn from_candidates(files: Vec<Candidate>, profile: String) -> Self {
        ProfileProvider {
            files,
            profile,
            loaded: Mutex::new(None),
        }
    }

    /// Reads profile `name` instead.
    #[must_use]
    pub fn profile(mut self, name: impl Into<String>) -> Self {
        self.profile = name.into();
        self
    }

    /// The files looked at, in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|c| c.path.as_path())
    }

    /// Finds the file and reads the profile from it, on a thread of its
    /// own: file I/O blocks, and a slow disk or network mount must not stall
    /// the runtime's other tasks.
    async fn load_off_runtime(&self) -> Result<Credential, CredentialError> {
        let (files, profile) = (self.files.clone(), self.profile.clone());
        let (done, result) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("tc-credentials-file".to_owned())
            .spawn(move || {
                let _ = done.send(load(&files, &profile));
            })
            .map_err(|e| {
                CredentialError::invalid(format!("cannot start reading the credentials file: {e}"))
            })?;
        result.await.map_err(|_| {
            CredentialError::invalid("reading the credentials file stopped without an answer")
        })?
    }

    /// The selected profile's `region`, from the first of the files that
    /// exists; `None` when it sets none or cannot be read (the credential
    /// look-up reports a broken file).
    pub(crate) fn region(&self) -> Option<String> {
        let candidate = self.files.iter().find(|c| c.path.is_file())?;
        let bytes = read_capped(&candidate.path).ok()?.ok()?;
        let ini = ini::parse(std::str::from_utf8(&bytes).ok()?).ok()?;
        // A profile written twice is refused, as the credential look-up does.
        let [section] = ini.sections_named(&self.profile)[..] else {
            return None;
        };
        let region = section.get("region")?.value.trim();
        (!region.is_empty()).then(|| region.to_owned())
    }
}

/// Largest credentials file read: a real one is a few hundred bytes.
const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The content of `path`, if it is a regular file of at most
/// [`MAX_FILE_BYTES`]; a FIFO or device is refused before it is opened (a
/// FIFO would block the read, `/dev/zero` never end it).
pub(crate) fn read_capped(path: &Path) -> std::io::Result<Result<Zeroizing<Vec<u8>>, String>> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Ok(Err(
            "is not a regular file (a directory, FIFO or device)".to_owned()
        ));
    }
    let mut bytes = Zeroizing::new(Vec::new());
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(format!("is larger than {MAX_FILE_BYTES} bytes")));
    }
    Ok(Ok(bytes))
}

/// Finds the first of `files` that exists and reads `profile` from it.
fn load(files: &[Candidate], profile: &str) -> Result<Credential, CredentialError> {
    for candidate in files {
        let path = &candidate.path;
        match read_capped(path) {
            Ok(Ok(bytes)) => return read_profile(path, &bytes, profile),
            Ok(Err(why)) => {
                return Err(CredentialError::invalid(format!(
                    "the credentials file {} {why}",
                    path.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !candidate.required => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CredentialError::invalid(format!(
                    "the credentials file {} does not exist",
                    path.display()
                )));
            }
            Err(e) => {
                return Err(CredentialError::invalid(format!(
                    "cannot read the credentials file {}: {e}",
                    path.display()
                )));
            }
        }
    }
    let mut message = String::from("no credentials file at ");
    for (i, candidate) in files.iter().enumerate() {
        let separator = if i == 0 { "" } else { " or " };
        let _ = write!(message, "{separator}{}", candidate.path.display());
    }
    if files.is_empty() {
        message.push_str("any known place (no home directory)");
    }
    Err(CredentialError::not_found(message))
}

/// Reads profile `profile` of the file `path` whose content is `bytes`.
fn read_profile(path: &Path, bytes: &[u8], profile: &str) -> Result<Credential, CredentialError> {
    let file = path.display();
    let text = std::str::from_utf8(bytes).map_err(|e| {
        CredentialError::invalid(format!(
            "the credentials file {file} is not UTF-8 text (line {})",
            line_of(bytes, e.valid_up_to())
        ))
    })?;
    let ini = ini::parse(text).map_err(|e| {
        CredentialError::invalid(format!(
            "the credentials file {file} is malformed at line {}: {}",
            e.line, e.reason
        ))
    })?;
    if let [first, second, ..] = ini.sections_named(profile)[..] {
        return Err(CredentialError::invalid(format!(
            "the credentials file {file} has the profile [{profile}] twice, at lines {} and {}: merge them into one",
            first.line, second.line
        )));
    }
    let Some(section) = ini.section(profile) else {
        let names: Vec<&str> = ini.sections.iter().map(|s| s.name.as_str()).collect();
        return Err(CredentialError::invalid(format!(
            "the credentials file {file} has no [{profile}] profile (it has: {})",
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        )));
    };
    let required = |key: &str| {
        let entry = section.get(key).ok_or_else(|| {
            CredentialError::invalid(format!(
                "the credentials file {file}, profile [{profile}] at line {}, has no `{key}`",
                section.line
            ))
        })?;
        if entry.value.is_empty() {
            return Err(CredentialError::invalid(format!(
                "the credentials file {file} has an empty `{key}` at line {}",
                entry.line
            )));
        }
        Ok(entry)
    };
    let secret_id = required("secret_id")?;
    let secret_key = required("secret_key")?;
    let credential = Credential::try_new(secret_id.value.as_str(), secret_key.value.as_str())
        .map_err(|e| {
            e.context(format_args!(
                "the credentials file {file}, profile [{profile}]"
            ))
        })?;
    Ok(match section.get("token").filter(|t| !t.value.is_empty()) {
        Some(token) => credential.with_token(token.value.as_str()),
        None => credential,
    })
}

/// The 1-based line holding byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl ProvideCredential for ProfileProvider {
    fn provide_credential(&self) -> ProvideFuture<'_> {
        Box::pin(async move {
            // Concurrent first calls wait for the one read.
            let mut loaded = self.loaded.lock().await;
            if let Some(credential) = &*loaded {
                return Ok(Arc::clone(credential));
            }
            let credential = Arc::new(self.load_off_runtime().await?);
            *loaded = Some(Arc::clone(&credential));
            Ok(credential)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialErrorKind;

    fn read(text: &str, profile: &str) -> Result<Credential, CredentialError> {
        read_profile(Path::new("/x/credentials"), text.as_bytes(), profile)
    }

    #[test]
    fn reads_the_named_profile() {
        let text = "[default]\nsecret_id = AKIDd\nsecret_key = kd\n[ci]\nsecret_id = AKIDc\nsecret_key = kc\ntoken = tc\n";
        let d = read(text, "default").unwrap();
        assert_eq!(
            (d.secret_id(), d.secret_key(), d.token()),
            ("AKIDd", "kd", None)
        );
        let c = read(text, "ci").unwrap();
        assert_eq!(
            (c.secret_id(), c.secret_key(), c.token()),
            ("AKIDc", "kc", Some("tc"))
        );
    }

    #[test]
    fn reads_the_documented_example() {
        // `ProfileProvider`'s docs, with values for the dots.
        let text = "[default]\n\
                    secret_id = AKIDd\n\
                    secret_key = kd\n\
                    \n\
                    [ci]\n\
                    secret_id = AKIDc\n\
                    secret_key = kc\n\
                    token = tc        # optional, for temporary credentials\n";
        let c = read(text, "ci").unwrap();
        assert_eq!(
            (c.secret_id(), c.secret_key(), c.token()),
            ("AKIDc", "kc", Some("tc"))
        );
        assert_eq!(read(text, "default").unwrap().token(), None);
    }

    #[test]
    fn problems_name_the_file_and_line_without_values() {
        let cases = [
            (
                "[default]\nsecret_id = AKIDx\nsecret_key leaked-value\n",
                "at line 3",
            ),
            (
                "[default]\nsecret_id = AKIDx\n",
                "profile [default] at line 1, has no `secret_key`",
            ),
            (
                "[default]\nsecret_id = AKIDx\nsecret_key =\n",
                "empty `secret_key` at line 3",
            ),
            (
                "[other]\nsecret_id = a\n",
                "has no [default] profile (it has: other)",
            ),
            ("", "has no [default] profile (it has: none)"),
        ];
        for (text, expected) in cases {
            let error = read(text, "default").unwrap_err();
            assert_eq!(error.kind(), CredentialErrorKind::Invalid);
            let message = error.to_string();
            assert!(
                message.contains("/x/credentials") && message.contains(expected),
                "{message}"
            );
            assert!(!message.contains("leaked-value"), "{message}");
        }
        let error = read_profile(
            Path::new("/x/credentials"),
            b"[default]\nsecret_id = \xff\n",
            "default",
        )
        .unwrap_err();
        assert!(
            error.to_string().contains("not UTF-8 text (line 2)"),
            "{error}"
        );
    }

    #[test]
    fn candidates_follow_the_environment() {
        let env = Env::fixed([("HOME", "/home/u"), (ENV_PROFILE, "ci")]);
        let provider = ProfileProvider::with_env(&env);
        let paths: Vec<&Path> = provider.paths().collect();
        assert_eq!(
            paths,
            [
                Path::new("/home/u/.tencentcloud/credentials"),
                Path::new(SYSTEM_CREDENTIALS_FILE)
            ]
        );
        assert_eq!(provider.profile, "ci");
        let provider = ProfileProvider::with_env(&Env::fixed([
            ("HOME", "/home/u"),
            (ENV_CREDENTIALS_FILE, "/c"),
        ]));
        assert_eq!(provider.paths().collect::<Vec<_>>(), [Path::new("/c")]);
        assert_eq!(provider.profile, DEFAULT_PROFILE);
    }
}
