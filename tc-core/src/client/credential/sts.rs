//! The STS (Security Token Service, 2018-08-13) calls that turn a role into
//! temporary credentials, declared like any other action.
//!
//! [`AssumeRoleProvider`](super::AssumeRoleProvider) and
//! [`OidcRoleProvider`](super::OidcRoleProvider) send them; they are public so
//! that they can be sent directly and served by a local endpoint in tests.
//! Tokens and keys are [`Secret`]s: they never show in `Debug`.

use tc_macros::{tc_action, tc_error, tc_model};

use crate::credential::Secret;

/// Temporary credentials for a role, requested with another credential.
#[tc_action(service = "sts", version = "2018-08-13", name = "AssumeRole", error = StsError)]
pub struct AssumeRole {
    /// The role, as `qcs::cam::uin/12345678:roleName/testRoleName`.
    pub role_arn: String,
    /// Names this session in the audit log (letters, digits and `_+=,.@-`).
    pub role_session_name: String,
    /// Validity in seconds (the service allows 0 to 43200; 7200 when unset).
    pub duration_seconds: Option<u64>,
    /// A policy narrowing the role's permissions, as JSON.
    pub policy: Option<String>,
    /// The external id the role's trust policy may require.
    pub external_id: Option<String>,
}

/// The answer to [`AssumeRole`].
#[tc_model]
pub struct AssumeRoleResponse {
    /// The temporary key pair and its token.
    pub credentials: StsCredentials,
    /// When they expire, in Unix seconds.
    pub expired_time: u64,
    /// When they expire, in ISO 8601 (UTC).
    pub expiration: String,
    /// Identifies this call.
    pub request_id: String,
}

/// Temporary credentials for a role, in exchange for an OIDC identity token
/// (such as a TKE service account's). Sent unsigned: the token is the proof,
/// so the client's credential is [`Credential::anonymous`](crate::Credential::anonymous).
#[tc_action(
    service = "sts",
    version = "2018-08-13",
    name = "AssumeRoleWithWebIdentity",
    error = StsError
)]
pub struct AssumeRoleWithWebIdentity {
    /// The identity provider, such as `OIDC`.
    pub provider_id: String,
    /// The OIDC token issued by that provider.
    pub web_identity_token: Secret,
    /// The role, as `qcs::cam::uin/12345678:roleName/testRoleName`.
    pub role_arn: String,
    /// Names this session in the audit log.
    pub role_session_name: String,
    /// Validity in seconds (7200 when unset).
    pub duration_seconds: Option<u64>,
}

/// The answer to [`AssumeRoleWithWebIdentity`].
#[tc_model]
pub struct AssumeRoleWithWebIdentityResponse {
    /// The temporary key pair and its token.
    pub credentials: StsCredentials,
    /// When they expire, in Unix seconds.
    pub expired_time: u64,
    /// When they expire, in ISO 8601 (UTC).
    pub expiration: String,
    /// Identifies this call.
    pub request_id: String,
}

/// A temporary key pair (`Credentials` on the wire).
#[tc_model]
pub struct StsCredentials {
    /// The session token, sent as `X-TC-Token`.
    pub token: Secret,
    /// The temporary SecretId.
    pub tmp_secret_id: String,
    /// The temporary SecretKey.
    pub tmp_secret_key: Secret,
}

/// Codes STS documents for these calls, beyond the common ones.
#[tc_error]
#[non_exhaustive]
pub enum StsError {
    /// The account's role could not be read.
    #[tc(code = "InternalError.GetRoleError")]
    InternalErrorGetRoleError,
    /// The role is not valid.
    #[tc(code = "InternalError.IllegalRole")]
    InternalErrorIllegalRole,
    /// The account does not exist or is unavailable.
    #[tc(code = "InvalidParameter.AccountNotAvaliable")]
    InvalidParameterAccountNotAvaliable,
    /// The requested validity exceeds the limit.
    #[tc(code = "InvalidParameter.OverTimeError")]
    InvalidParameterOverTimeError,
    /// A parameter is wrong.
    #[tc(code = "InvalidParameter.ParamError")]
    InvalidParameterParamError,
    /// The policy is too long.
    #[tc(code = "InvalidParameter.PolicyTooLong")]
    InvalidParameterPolicyTooLong,
    /// The account has no such role.
    #[tc(code = "ResourceNotFound.RoleNotFound")]
    ResourceNotFoundRoleNotFound,
}
