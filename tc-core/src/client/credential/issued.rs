//! Temporary credentials as their issuers hand them out, turned into a
//! [`Credential`]: the one path for STS answers and the metadata service's;
//! and how an STS call failed, told without anything secret.

use std::sync::Arc;

use super::expiry::expiry;
use super::sts::StsCredentials;
use crate::credential::{Credential, CredentialError, CredentialErrorKind, Secret};
use crate::wire::error::Error;

/// The credential in an `AssumeRole*` answer.
pub(crate) fn credential_from(
    action: &str,
    credentials: &StsCredentials,
    expired_time: u64,
    expiration: &str,
) -> Result<Arc<Credential>, CredentialError> {
    temporary_credential(
        &format!("the {action} answer"),
        &credentials.tmp_secret_id,
        &credentials.tmp_secret_key,
        &credentials.token,
        expired_time,
        expiration,
    )
}

/// A temporary key pair, its token when there is one, and its expiry
/// (`ExpiredTime` in Unix seconds, else `Expiration` in ISO 8601), as an
/// issuer's answer (`answer`, for messages) gave them.
pub(crate) fn temporary_credential(
    answer: &str,
    secret_id: &str,
    secret_key: &Secret,
    token: &Secret,
    expired_time: u64,
    expiration: &str,
) -> Result<Arc<Credential>, CredentialError> {
    if secret_id.is_empty() || secret_key.is_empty() {
        return Err(CredentialError::invalid(format!(
            "{answer} has no TmpSecretId or TmpSecretKey"
        )));
    }
    let expires_at = expiry(expired_time, expiration).ok_or_else(|| {
        CredentialError::invalid(format!(
            "{answer} has neither a usable ExpiredTime nor Expiration"
        ))
    })?;
    let credential = Credential::try_new(secret_id, secret_key.expose())
        .map_err(|e| e.context(answer))?
        .with_expiry(expires_at);
    Ok(Arc::new(if token.is_empty() {
        credential
    } else {
        credential.with_token(token.expose())
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
            CredentialErrorKind::Provider,
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
