//! Where a call's region, output form and credentials come from, in tccli's
//! order: the command line; then, unless `--profile` names a profile, the
//! environment; then the tccli profile's files; then the SDK's own chain
//! (its credentials file, OIDC, the CVM role).

mod list;
mod tccli;

use std::path::PathBuf;

use tc_core::{Credential, CvmRoleProvider, DefaultChain, Env, StaticProvider};

use crate::cli::Globals;
pub(crate) use list::list;
pub(crate) use tccli::Profile;

/// The profile read when none is named.
const DEFAULT_PROFILE: &str = "default";

/// Everything a call needs besides its own parameters.
pub(crate) struct Settings {
    /// The tccli profile's name.
    pub profile_name: String,
    /// Its files.
    pub profile: Profile,
    /// The region, and where it came from.
    pub region: Option<(String, &'static str)>,
    /// `json`, `text` or `table`.
    pub output: String,
    /// The credentials, and where they came from.
    pub credentials: Credentials,
}

/// Where the credentials come from.
pub(crate) enum Credentials {
    /// Fixed keys: from the command line, the environment or the profile.
    Fixed(Credential, String),
    /// The CVM instance's role (`"type": "cvm-role"` in the profile).
    CvmRole,
    /// The SDK's default chain, decided at the call.
    Chain,
}

impl Settings {
    /// Reads the settings for `globals` from the process environment and
    /// `~/.tccli`.
    pub(crate) fn resolve(globals: &Globals) -> Result<Settings, String> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let given = globals.get("profile").map(str::to_owned);
        // With --profile, tccli reads that profile and not the environment.
        let use_env = given.is_none();
        let profile_name = given
            .or_else(|| env("TCCLI_PROFILE"))
            .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
        let profile = match home() {
            Some(home) => Profile::read(&home.join(".tccli"), &profile_name)?,
            None => Profile::default(),
        };

        let region = globals
            .get("region")
            .map(|r| (r.to_owned(), "--region"))
            .or_else(|| {
                env("TENCENTCLOUD_REGION")
                    .filter(|_| use_env)
                    .map(|r| (r, "TENCENTCLOUD_REGION"))
            })
            .or_else(|| {
                profile
                    .sys_param("region")
                    .map(|r| (r.to_owned(), "tccli profile"))
            });
        let output = globals
            .get("output")
            .or_else(|| profile.sys_param("output"))
            .unwrap_or("json")
            .to_ascii_lowercase();
        if !["json", "text", "table"].contains(&output.as_str()) {
            return Err(format!("--output {output}: choose json, text or table"));
        }

        let fixed = |id: String, key: String, token: Option<String>, from: &str| {
            let credential = Credential::new(id, key);
            let credential = match token {
                Some(token) => credential.with_token(token),
                None => credential,
            };
            Credentials::Fixed(credential, from.to_owned())
        };
        let credentials = match (globals.get("secretId"), globals.get("secretKey")) {
            (Some(id), Some(key)) => fixed(
                id.to_owned(),
                key.to_owned(),
                globals.get("token").map(str::to_owned),
                "command line",
            ),
            (Some(_), None) | (None, Some(_)) => {
                return Err("give --secretId and --secretKey together".to_owned());
            }
            (None, None) => match (
                env("TENCENTCLOUD_SECRET_ID"),
                env("TENCENTCLOUD_SECRET_KEY"),
            ) {
                (Some(id), Some(key)) if use_env => fixed(
                    id,
                    key,
                    env("TENCENTCLOUD_TOKEN").or_else(|| env("TENCENTCLOUD_SESSION_TOKEN")),
                    "environment",
                ),
                _ => match (
                    profile.credential("secretId"),
                    profile.credential("secretKey"),
                ) {
                    (Some(id), Some(key)) => fixed(
                        id.to_owned(),
                        key.to_owned(),
                        profile.credential("token").map(str::to_owned),
                        &format!("tccli profile `{profile_name}`"),
                    ),
                    _ if profile.credential("type") == Some("cvm-role") => Credentials::CvmRole,
                    _ => Credentials::Chain,
                },
            },
        };
        Ok(Settings {
            profile_name,
            profile,
            region,
            output,
            credentials,
        })
    }

    /// A client builder with these settings' region and credentials.
    pub(crate) fn client_builder(&self) -> tc_core::ClientBuilder {
        let mut builder = tc_core::Client::builder();
        if let Some((region, _)) = &self.region {
            builder = builder.region(region.clone());
        }
        match &self.credentials {
            Credentials::Fixed(credential, _) => {
                builder.credentials_provider(StaticProvider::new(credential.clone()))
            }
            Credentials::CvmRole => builder.credentials_provider(CvmRoleProvider::from_env()),
            Credentials::Chain => {
                builder.credentials_provider(DefaultChain::with_env(Env::process()))
            }
        }
    }
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}
