//! The region of a client built without one: from the environment, else
//! from the selected profile of the credentials file or of the official
//! CLI's configuration.

use std::path::PathBuf;

use crate::credential::{DEFAULT_PROFILE, ENV_PROFILE, Env, ProfileProvider, read_capped};

/// Environment variable holding the default region.
pub const ENV_REGION: &str = "TENCENTCLOUD_REGION";

/// The region a builder given none takes: `TENCENTCLOUD_REGION`, else the
/// selected profile's `region` in the credentials file, else in the official
/// CLI's configuration (`~/.tccli/<profile>.configure`).
pub(crate) fn region_from_env(env: &Env) -> Option<String> {
    env.var(ENV_REGION)
        .or_else(|| ProfileProvider::with_env(env).region())
        .or_else(|| tccli_region(env))
}

/// `_sys_param.region` of `~/.tccli/<profile>.configure`, where `tccli
/// configure` keeps it.
fn tccli_region(env: &Env) -> Option<String> {
    let profile = env
        .var(ENV_PROFILE)
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    let path: PathBuf = env
        .home_dir()?
        .join(".tccli")
        .join(format!("{profile}.configure"));
    // Capped, and a FIFO or device refused, as for the credentials file.
    let text = read_capped(&path).ok()?.ok()?;
    let config: serde_json::Value = serde_json::from_slice(&text).ok()?;
    let region = config.get("_sys_param")?.get("region")?.as_str()?.trim();
    (!region.is_empty()).then(|| region.to_owned())
}
