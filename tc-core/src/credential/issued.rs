//! What STS answers, turned into a [`Credential`]; and how an STS call failed,
//! told without anything secret.

use std::sync::Arc;

use super::error::CredentialError;
use super::expiry::expiry;
use super::sts::StsCredentials;
use super::value::Credential;
use crate::error::Error;

/// The credential in an `AssumeRole*` answer.
pub(crate) fn credential_from(
    action: &str,
    credentials: &StsCredentials,
    expired_time: u64,
    expiration: &str,
) -> Result<Arc<Credential>, CredentialError> {
    if credentials.tmp_secret_id.is_empty() || credentials.tmp_secret_key.is_empty() {
        return Err(CredentialError::invalid(format!(
            "the {action} answer has no TmpSecretId or TmpSecretKey"
        )));
    }
    let expires_at = expiry(expired_time, expiration).ok_or_else(|| {
        CredentialError::invalid(format!(
            "the {action} answer has neither a usable ExpiredTime nor Expiration"
        ))
    })?;
    let credential = Credential::new(
        credentials.tmp_secret_id.as_str(),
        credentials.tmp_secret_key.expose(),
    )
    .with_expiry(expires_at);
    Ok(Arc::new(if credentials.token.is_empty() {
        credential
    } else {
        credential.with_token(credentials.token.expose())
    }))
}

/// A failed STS call as a credential error. A body that could not be decoded
/// is described by its JSON path and reason only: its text may hold a key.
pub(crate) fn sts_failure(action: &str, error: Error) -> CredentialError {
    match error {
        Error::Decode(decode) => CredentialError::invalid(format!(
            "cannot decode the {action} answer{}: {}",
            decode
                .path()
                .map(|p| format!(" at {p}"))
                .unwrap_or_default(),
            decode.message()
        )),
        Error::HttpStatus(status) => CredentialError::new(
            super::CredentialErrorKind::Provider,
            format!(
                "{action} failed with HTTP status {} and a body that is not an API answer",
                status.status()
            ),
        ),
        Error::Credentials(inner) => (*inner).context(format!("{action} could not be signed")),
        other => {
            let message = format!("{action} failed: {other}");
            CredentialError::provider(message, other)
        }
    }
}
