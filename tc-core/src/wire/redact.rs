//! Keeping secrets out of what the SDK prints: the members that carry them
//! (by wire name), a body excerpt with their values masked, a URL without its
//! query string.
//!
//! The same list of names drives the `Debug` of `#[tc_model]` and
//! `#[tc_action]` structs, decided by `tc-macros-impl` at expansion time; a
//! test in `tests/` checks that the two lists agree.

/// What a masked value prints as.
pub const MASK: &str = "***";

/// Wire names of the members that carry secrets: keys, tokens, passwords,
/// private keys and secret values, in every service. Exact, case-sensitive
/// matches: `Token` is masked, `NextToken` (a paging cursor) is not.
pub const SENSITIVE_MEMBERS: &[&str] = &[
    "APIKey",
    "APISecretKey",
    "AccessKeySecret",
    "AccessToken",
    "AccountPassword",
    "AdminPassword",
    "AdminSecretKey",
    "AgentSecret",
    "AndroidAppSecret",
    "ApiAppSecret",
    "ApiKey",
    "ApiToken",
    "AppSecret",
    "AppSecretKey",
    "ApplicationToken",
    "AuthSecret",
    "AuthToken",
    "AuthTokenValue",
    "BackupSecretKey",
    "BasicToken",
    "BearerToken",
    "BgpPassword",
    "BotSecret",
    "BotToken",
    "CallbackToken",
    "CertKey",
    "CertificatePrivateKey",
    "ChannelSecret",
    "CkDefaultUserPwd",
    "ClientCredentials",
    "ClientSecret",
    "ConsoleDefaultPwd",
    "CosSecretKey",
    "CosSecurityToken",
    "CosToken",
    "CredentialContent",
    "CredentialData",
    "CredentialSecret",
    "CsrKeyPassword",
    "CsrkeyPassword",
    "DbPwd",
    "DefinedPsk",
    "DevicePrivateKey",
    "DevicePsk",
    "DeviceSecret",
    "DorisUserPwd",
    "ESPassword",
    "ESUserPasswd",
    "EmbeddingApiKey",
    "EncryptPrivateKey",
    "EncryptedPassword",
    "EsIndexPassword",
    "FilePassword",
    "GitPassword",
    "GitPasswordSecret",
    "GitTokenOrPassword",
    "GmEncPrivateKey",
    "GmPrivateKey",
    "GrafanaInitPassword",
    "GrafanaPassword",
    "GroupPassword",
    "IOSAppSecret",
    "ImageRegistryPassword",
    "InitialPassword",
    "IntrospectionClientSecret",
    "JWTSecret",
    "KafkaSaslPassword",
    "KeyPass",
    "KeyPassword",
    "LibrarySecret",
    "LoginPassword",
    "MFAToken",
    "MainPassword",
    "MasterUserPassword",
    "MiniAppTestPwd",
    "MiniProgramAppSecret",
    "MongoUserPassword",
    "NewPassword",
    "OldAccessToken",
    "OldPassword",
    "OldPwd",
    "OriginalPassword",
    "PassWord",
    "PassWords",
    "Passphrase",
    "Passwd",
    "Password",
    "PasswordNew",
    "PasswordValue",
    "PeerRegistryToken",
    "PlainKey",
    "PreShareKey",
    "PrivateKey",
    "PrivateKeyPassword",
    "ProductSecret",
    "Psk",
    "PushSecret",
    "PushSecretKey",
    "Pwd",
    "RandomPassword",
    "RedisPassword",
    "RenewKeyPass",
    "S3SecretKey",
    "SASLPassword",
    "SK",
    "SamlToken",
    "SaslPassword",
    "SecretAccessKey",
    "SecretBinary",
    "SecretKey",
    "SecretString",
    "SecretValue",
    "SesTopicPasswd",
    "SessionToken",
    "SharePassword",
    "ShopPassword",
    "SrcSecretKey",
    "SslVpnKey",
    "SubMerchantPrivateKey",
    "SubPassword",
    "TPNSAndroidSecretKey",
    "TPNSiOSSecretKey",
    "TargetPassword",
    "TmpSecretKey",
    "TmpToken",
    "Token",
    "TokenCode",
    "UrlPassword",
    "UserNameAndPwd",
    "UserToken",
    "WeChatAccessToken",
    "WeakPassword",
    "WebConsolePassword",
    "WebIdentityToken",
    "WebhookToken",
    "WechatRefreshToken",
    "WecomAgentSecret",
    "XCosSecurityToken",
];

/// Whether a member of this wire name carries a secret.
pub fn is_sensitive(wire_name: &str) -> bool {
    SENSITIVE_MEMBERS.binary_search(&wire_name).is_ok()
}

/// `url` without its query string and fragment: a GET request's parameters
/// (a `Password=` among them) stay out of errors and logs.
pub fn url_without_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// `body` with the value of every sensitive member replaced by [`MASK`]. The
/// body need not be valid JSON (it may be cut short): the scan looks for
/// `"Name"` followed by `:` and masks the value after it, a string up to
/// its closing quote (or the end), any other scalar up to the next `,`, `}`
/// or `]`. An object or list value is kept, its own members scanned in turn.
pub fn mask_body(body: &[u8]) -> Vec<u8> {
    mask_members(body, is_sensitive)
}

/// As [`mask_body`], masking the members whose names `sensitive` picks.
pub(crate) fn mask_members(body: &[u8], sensitive: impl Fn(&str) -> bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'"' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        let end = string_end(body, i + 1);
        out.extend_from_slice(&body[i..end]);
        let name = &body[i + 1..end.saturating_sub(1).max(i + 1)];
        i = end;
        if !std::str::from_utf8(name).is_ok_and(&sensitive) {
            continue;
        }
        // `"Name" :` then the value.
        let mut j = skip_space(body, i);
        if body.get(j) != Some(&b':') {
            continue;
        }
        j = skip_space(body, j + 1);
        out.extend_from_slice(&body[i..j]);
        i = j;
        match body.get(i) {
            Some(b'"') => {
                out.push(b'"');
                out.extend_from_slice(MASK.as_bytes());
                out.push(b'"');
                i = string_end(body, i + 1);
            }
            Some(b'{' | b'[') | None => {}
            Some(_) => {
                out.extend_from_slice(MASK.as_bytes());
                while i < body.len() && !matches!(body[i], b',' | b'}' | b']') {
                    i += 1;
                }
            }
        }
    }
    out
}

/// The index just past the closing quote of a string whose content starts
/// at `start`, or the body's end when it is cut short.
fn string_end(body: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    body.len()
}

fn skip_space(body: &[u8], mut i: usize) -> usize {
    while i < body.len() && body[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(body: &str) -> String {
        String::from_utf8(mask_body(body.as_bytes())).unwrap()
    }

    #[test]
    fn secrets_are_masked_and_the_rest_kept() {
        let sts = r#"{"Response":{"Credentials":{"Token":"tok\"en","TmpSecretId":"AKIDtmp","TmpSecretKey" : "k3y"},"ExpiredTime":"x"}}"#;
        assert_eq!(
            masked(sts),
            r#"{"Response":{"Credentials":{"Token":"***","TmpSecretId":"AKIDtmp","TmpSecretKey" : "***"},"ExpiredTime":"x"}}"#
        );
        assert_eq!(
            masked(r#"{"Password":12345,"A":1}"#),
            r#"{"Password":***,"A":1}"#
        );
        assert_eq!(masked(r#"{"NextToken":"n"}"#), r#"{"NextToken":"n"}"#);
        assert_eq!(masked(r#"{"Token":"cut sho"#), r#"{"Token":"***""#);
        assert_eq!(masked(r#"["Token", "x"]"#), r#"["Token", "x"]"#);
        assert_eq!(masked(r#"{"Token""#), r#"{"Token""#);
    }

    #[test]
    fn urls_lose_their_query() {
        assert_eq!(
            url_without_query("http://h:1/?Action=X&Password=p#f"),
            "http://h:1/"
        );
        assert_eq!(
            url_without_query("https://cvm.tencentcloudapi.com/"),
            "https://cvm.tencentcloudapi.com/"
        );
    }

    #[test]
    fn the_list_is_sorted_without_repeats() {
        assert!(SENSITIVE_MEMBERS.windows(2).all(|w| w[0] < w[1]));
    }
}
