//! The error codes every Tencent Cloud API 3.0 service may return.

use crate::wire::action::ErrorCode;

/// Declares [`CommonCode`] from one table, so the variant, its wire code and its
/// description cannot drift apart.
macro_rules! common_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// A common error code, shared by all services (see Tencent Cloud's
        /// "Common Error Codes" page).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonCode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl CommonCode {
            /// Every common code, in wire-code order.
            pub const ALL: &'static [CommonCode] = &[$(CommonCode::$variant,)*];
        }

        // Not listed among "other types" when an error type lacks `#[tc_error]`.
        #[diagnostic::do_not_recommend]
        impl ErrorCode for CommonCode {
            fn code(&self) -> &'static str {
                match self {
                    $(CommonCode::$variant => $code,)*
                }
            }

            fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(CommonCode::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

common_codes! {
    /// The action has been taken offline.
    ActionOffline = "ActionOffline",
    /// The `Authorization` header is missing or malformed.
    AuthFailureInvalidAuthorization = "AuthFailure.InvalidAuthorization",
    /// The SecretId is not a valid key id.
    AuthFailureInvalidSecretId = "AuthFailure.InvalidSecretId",
    /// Multi-factor authentication failed.
    AuthFailureMfaFailure = "AuthFailure.MFAFailure",
    /// No key with this SecretId exists.
    AuthFailureSecretIdNotFound = "AuthFailure.SecretIdNotFound",
    /// The request timestamp is too far from the server's clock.
    AuthFailureSignatureExpire = "AuthFailure.SignatureExpire",
    /// The signature does not match the request.
    AuthFailureSignatureFailure = "AuthFailure.SignatureFailure",
    /// The session token is invalid or expired.
    AuthFailureTokenFailure = "AuthFailure.TokenFailure",
    /// The caller is not authorized for this operation.
    AuthFailureUnauthorizedOperation = "AuthFailure.UnauthorizedOperation",
    /// A dry run would have succeeded.
    DryRunOperation = "DryRunOperation",
    /// The operation failed.
    FailedOperation = "FailedOperation",
    /// The service failed internally; retrying may help.
    InternalError = "InternalError",
    /// No such action in this service and version.
    InvalidAction = "InvalidAction",
    /// A parameter is invalid.
    InvalidParameter = "InvalidParameter",
    /// A parameter's value is invalid.
    InvalidParameterValue = "InvalidParameterValue",
    /// The request is invalid.
    InvalidRequest = "InvalidRequest",
    /// The caller's IP address is blacklisted.
    IpInBlacklist = "IpInBlacklist",
    /// The caller's IP address is not in the whitelist.
    IpNotInWhitelist = "IpNotInWhitelist",
    /// A quota was exceeded.
    LimitExceeded = "LimitExceeded",
    /// A required parameter is missing.
    MissingParameter = "MissingParameter",
    /// No such product (service).
    NoSuchProduct = "NoSuchProduct",
    /// No such API version for this service.
    NoSuchVersion = "NoSuchVersion",
    /// Too many requests; slow down.
    RequestLimitExceeded = "RequestLimitExceeded",
    /// Too many requests for this account across regions.
    RequestLimitExceededGlobalRegionUinLimitExceeded = "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    /// Too many requests from this IP address.
    RequestLimitExceededIpLimitExceeded = "RequestLimitExceeded.IPLimitExceeded",
    /// Too many requests for this account.
    RequestLimitExceededUinLimitExceeded = "RequestLimitExceeded.UinLimitExceeded",
    /// The request is too large.
    RequestSizeLimitExceeded = "RequestSizeLimitExceeded",
    /// The resource is in use.
    ResourceInUse = "ResourceInUse",
    /// The resource is insufficient.
    ResourceInsufficient = "ResourceInsufficient",
    /// The resource does not exist.
    ResourceNotFound = "ResourceNotFound",
    /// The resource is unavailable.
    ResourceUnavailable = "ResourceUnavailable",
    /// The response would be too large.
    ResponseSizeLimitExceeded = "ResponseSizeLimitExceeded",
    /// The service is temporarily unavailable.
    ServiceUnavailable = "ServiceUnavailable",
    /// The operation is not authorized.
    UnauthorizedOperation = "UnauthorizedOperation",
    /// An unknown parameter was sent.
    UnknownParameter = "UnknownParameter",
    /// The operation is not supported.
    UnsupportedOperation = "UnsupportedOperation",
    /// The protocol is not supported (for example plain HTTP).
    UnsupportedProtocol = "UnsupportedProtocol",
    /// The region is not supported by this service.
    UnsupportedRegion = "UnsupportedRegion",
}

impl std::fmt::Display for CommonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for CommonCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_eight_codes_round_trip() {
        assert_eq!(CommonCode::ALL.len(), 38);
        for code in CommonCode::ALL {
            assert_eq!(CommonCode::from_code(code.code()), Some(*code));
        }
        assert_eq!(CommonCode::from_code("InvalidImageId.NotFound"), None);
    }
}
