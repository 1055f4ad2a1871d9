//! The credential itself: a key pair, an optional session token, an optional
//! expiry, or nothing at all for unsigned calls.

use std::fmt;
use std::time::SystemTime;

use zeroize::Zeroizing;

use super::CredentialError;

/// A Tencent Cloud API key pair, with a session token for temporary credentials.
#[derive(Clone)]
pub struct Credential {
    secret_id: String,
    secret_key: Zeroizing<String>,
    token: Option<Zeroizing<String>>,
    expires_at: Option<SystemTime>,
    anonymous: bool,
}

impl Credential {
    /// A long-lived key pair.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            secret_id: secret_id.into(),
            secret_key: Zeroizing::new(secret_key.into()),
            token: None,
            expires_at: None,
            anonymous: false,
        }
    }

    /// A long-lived key pair, refused when the id or the key is empty, only
    /// whitespace, or starts or ends with whitespace (a stray newline from a
    /// file): such a pair could only fail at the service, as a signature error.
    ///
    /// # Errors
    /// [`CredentialError`] of kind `Invalid`, naming which half is wrong (never its value).
    pub fn try_new(
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Result<Self, CredentialError> {
        let credential = Credential::new(secret_id, secret_key);
        credential.check()?;
        Ok(credential)
    }

    /// Whether this credential can sign: an anonymous one always can; a key
    /// pair needs a usable id and key ([`try_new`](Self::try_new)'s rule).
    ///
    /// # Errors
    /// As [`try_new`](Self::try_new).
    pub fn check(&self) -> Result<(), CredentialError> {
        if self.anonymous {
            return Ok(());
        }
        for (name, value) in [
            ("secret id", &*self.secret_id),
            ("secret key", &**self.secret_key),
        ] {
            let problem = if value.trim().is_empty() {
                "is empty"
            } else if value.trim() != value {
                "starts or ends with whitespace"
            } else {
                continue;
            };
            return Err(CredentialError::invalid(format!(
                "the credential's {name} {problem}"
            )));
        }
        Ok(())
    }

    /// No key at all: requests are sent unsigned, with
    /// `Authorization: SKIP`. Only actions that prove
    /// the caller's identity in their parameters accept this, such as STS
    /// `AssumeRoleWithWebIdentity`.
    pub fn anonymous() -> Self {
        Credential {
            anonymous: true,
            ..Credential::new("", "")
        }
    }

    /// Adds a session token (sent as `X-TC-Token`).
    #[must_use]
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(Zeroizing::new(token.into()));
        self
    }

    /// Marks the credential as temporary, valid until `expires_at`.
    #[must_use]
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// The key id (not secret).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The secret key. Handle with care: never log it.
    pub fn secret_key(&self) -> &str {
        &self.secret_key
    }

    /// The session token of temporary credentials.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref().map(String::as_str)
    }

    /// When temporary credentials stop being valid.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// Whether requests go unsigned ([`Credential::anonymous`]).
    pub fn is_anonymous(&self) -> bool {
        self.anonymous
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REDACTED: &str = "** redacted **";
        if self.anonymous {
            return f.write_str("Credential::anonymous");
        }
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &REDACTED)
            .field("token", &self.token.as_ref().map(|_| REDACTED))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_key_and_token() {
        let credential =
            Credential::new("AKIDpublic", "very-secret-key").with_token("secret-token");
        let text = format!("{credential:?} {credential:#?}");
        assert!(text.contains("AKIDpublic"));
        assert!(!text.contains("very-secret-key"));
        assert!(!text.contains("secret-token"));
        assert!(text.contains("** redacted **"));
    }

    #[test]
    fn blank_or_padded_halves_are_refused_without_their_value() {
        for (id, key) in [
            ("", "k"),
            ("id", "  "),
            ("id", "key\n"),
            (" id", "k"),
            ("\t", "\n"),
        ] {
            let error = Credential::try_new(id, key).unwrap_err();
            assert_eq!(error.kind(), super::super::CredentialErrorKind::Invalid);
            assert!(!error.to_string().contains("key\n"), "{error}");
        }
        assert!(Credential::try_new("AKIDx", "k").is_ok());
        assert!(Credential::anonymous().check().is_ok());
    }

    #[test]
    fn anonymous_has_no_key() {
        let credential = Credential::anonymous();
        assert!(credential.is_anonymous());
        assert!(!Credential::new("a", "b").is_anonymous());
        assert_eq!(format!("{credential:?}"), "Credential::anonymous");
    }
}
