//! `tc configure list`: what a call would use, and from where, secrets
//! masked.

use std::fmt::Write as _;

use super::{Credentials, Settings};

/// The report, one setting per line.
pub(crate) fn list(settings: &Settings) -> String {
    let mut out = String::new();
    let file = |f: &Option<(std::path::PathBuf, serde_json::Value)>| {
        f.as_ref()
            .map_or("(none)".to_owned(), |(path, _)| path.display().to_string())
    };
    let _ = writeln!(out, "profile      {}", settings.profile_name);
    let _ = writeln!(out, "configure    {}", file(&settings.profile.configure));
    let _ = writeln!(out, "credential   {}", file(&settings.profile.credential));
    match &settings.region {
        Some((region, from)) => {
            let _ = writeln!(out, "region       {region} ({from})");
        }
        None => {
            let _ = writeln!(
                out,
                "region       (none; the SDK's credentials file may name one)"
            );
        }
    }
    let _ = writeln!(out, "output       {}", settings.output);
    match &settings.credentials {
        Credentials::Fixed(credential, from) => {
            let _ = writeln!(
                out,
                "secretId     {} ({from})",
                mask(credential.secret_id())
            );
            let _ = writeln!(
                out,
                "secretKey    {} ({from})",
                mask(credential.secret_key())
            );
            if let Some(token) = credential.token() {
                let _ = writeln!(out, "token        {} ({from})", mask(token));
            }
        }
        Credentials::CvmRole => {
            let _ = writeln!(out, "credentials  the CVM instance's role (tccli profile)");
        }
        Credentials::Chain => {
            let _ = writeln!(
                out,
                "credentials  the SDK's chain at the call: ~/.tencentcloud/credentials, OIDC (TKE_*), the CVM role"
            );
        }
    }
    out
}

/// The last four characters, the rest starred; short secrets wholly.
fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{}{tail}", "*".repeat(chars.len() - 4))
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_all_but_the_tail() {
        assert_eq!(mask("AKIDabcdefgh1234"), "************1234");
        assert_eq!(mask("short"), "*****");
    }
}
