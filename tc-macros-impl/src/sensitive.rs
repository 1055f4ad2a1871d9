//! Which members carry secrets: by wire name, the same list as
//! `tc_core`'s `redact` module (a test in `tests/` keeps the two equal). A
//! struct's generated `Debug` masks them, and `#[tc(sensitive)]` marks any
//! other field.

/// Wire names of the members that carry secrets in every service: keys,
/// tokens, passwords, private keys and secret values. Exact, case-sensitive
/// matches: `Token` is masked, `NextToken` (a paging cursor) is not.
pub const SENSITIVE_MEMBERS: &[&str] = &[
    "ApiKey",
    "AuthToken",
    "CertKey",
    "CertificatePrivateKey",
    "CsrKeyPassword",
    "CsrkeyPassword",
    "EncryptPrivateKey",
    "GrafanaInitPassword",
    "KeyPass",
    "KeyPassword",
    "MFAToken",
    "Password",
    "PlainKey",
    "PreShareKey",
    "PrivateKey",
    "RenewKeyPass",
    "SamlToken",
    "SecretAccessKey",
    "SecretBinary",
    "SecretKey",
    "SecretString",
    "SessionToken",
    "SslVpnKey",
    "TmpSecretKey",
    "Token",
    "TokenCode",
    "WebIdentityToken",
];

/// Whether a member of this wire name carries a secret.
pub fn is_sensitive(wire_name: &str) -> bool {
    SENSITIVE_MEMBERS.binary_search(&wire_name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_the_search_finds_every_name() {
        assert!(SENSITIVE_MEMBERS.windows(2).all(|w| w[0] < w[1]));
        assert!(SENSITIVE_MEMBERS.iter().all(|name| is_sensitive(name)));
        assert!(!is_sensitive("NextToken") && !is_sensitive("SecretId"));
    }
}
