//! Reading an `Authorization` value back into its parts: what a server
//! verifying a request needs before it signs the request again.

use crate::ALGORITHM;

/// Parsed parts of a TC3 `Authorization` header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAuthorization<'a> {
    /// The key id that signed.
    pub secret_id: &'a str,
    /// The credential scope's date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The credential scope's service.
    pub service: &'a str,
    /// Signed header names, in the order given.
    pub signed_headers: Vec<&'a str>,
    /// Hex signature.
    pub signature: &'a str,
}

/// Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request,
/// SignedHeaders=a;b, Signature=HEX`; `None` when it is not of that form.
pub fn parse_authorization(value: &str) -> Option<ParsedAuthorization<'_>> {
    let rest = value.strip_prefix(ALGORITHM)?.strip_prefix(' ')?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (key, val) = part.trim().split_once('=')?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return None,
        };
        if slot.replace(val).is_some() {
            return None;
        }
    }
    let mut scope = credential?.split('/');
    let (secret_id, date, service) = (scope.next()?, scope.next()?, scope.next()?);
    if scope.next()? != "tc3_request" || scope.next().is_some() {
        return None;
    }
    let signature = signature?;
    let signed_headers: Vec<&str> = signed?.split(';').collect();
    let well_formed = !secret_id.is_empty()
        && !service.is_empty()
        && signature.len() == 64
        && signature.bytes().all(|b| b.is_ascii_hexdigit())
        && signed_headers.iter().all(|h| !h.is_empty());
    well_formed.then_some(ParsedAuthorization {
        secret_id,
        date,
        service,
        signed_headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Payload, SigningInput, sign};

    #[test]
    fn parses_its_own_authorization() {
        let headers = [
            ("content-type", "application/json"),
            ("host", "cvm.example"),
        ];
        let input = SigningInput {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            payload: Payload::Bytes(b"{}"),
            timestamp: 1_551_113_065,
            service: "cvm",
        };
        let sig = sign(&input, "AKIDtest", "secret");
        let parsed = parse_authorization(&sig.authorization).expect("well formed");
        assert_eq!(parsed.secret_id, "AKIDtest");
        assert_eq!(parsed.date, "2019-02-25");
        assert_eq!(parsed.service, "cvm");
        assert_eq!(parsed.signed_headers, ["content-type", "host"]);
        assert_eq!(parsed.signature, sig.signature);
    }

    #[test]
    fn rejects_malformed_authorization() {
        for bad in [
            "",
            "TC3-HMAC-SHA256",
            "HMAC Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm, SignedHeaders=host, Signature=00",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host, Signature=zz",
            "TC3-HMAC-SHA256 Credential=a/2019-02-25/cvm/tc3_request, SignedHeaders=host",
        ] {
            assert_eq!(parse_authorization(bad), None, "{bad:?}");
        }
    }
}
