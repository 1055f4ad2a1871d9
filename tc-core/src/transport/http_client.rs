//! The HTTP client under the SDK: its proxy (given, off, or from the
//! environment), the roots it trusts, or the user's own `reqwest::Client`.

use std::fmt;
use std::time::Duration;

use reqwest::{NoProxy, Proxy, Url};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::credential::Env;
use crate::transport::http::{REQUEST_CLIENT, tls_config_with_roots};

/// The HTTP settings of a client builder.
#[derive(Clone, Default)]
pub(crate) struct Transport {
    pub(crate) proxy: ProxySetting,
    /// Trusted besides the platform's roots.
    pub(crate) roots: Vec<CertificateDer<'static>>,
    /// The user's own client, used as it is.
    pub(crate) own: Option<reqwest::Client>,
}

/// Where requests go through.
#[derive(Clone, Default)]
pub(crate) enum ProxySetting {
    /// As the environment says (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
    /// `NO_PROXY`, in lower or upper case).
    #[default]
    Environment,
    /// This proxy for every request, except the hosts `NO_PROXY` names.
    Url(String),
    /// Straight to the endpoint.
    Off,
}

impl Transport {
    /// Adds the certificates of a PEM text to the trusted roots.
    ///
    /// # Errors
    /// When the text holds no certificate or a malformed one.
    pub(crate) fn add_roots(&mut self, pem: &[u8]) -> Result<(), String> {
        let before = self.roots.len();
        for certificate in CertificateDer::pem_slice_iter(pem) {
            let certificate =
                certificate.map_err(|e| format!("cannot read a root certificate: {e}"))?;
            self.roots.push(certificate);
        }
        if self.roots.len() == before {
            return Err("the root certificate text holds no PEM certificate".to_owned());
        }
        Ok(())
    }
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let proxy = match &self.proxy {
            ProxySetting::Environment => "environment".to_owned(),
            ProxySetting::Url(url) => redacted(url),
            ProxySetting::Off => "off".to_owned(),
        };
        f.debug_struct("Transport")
            .field("proxy", &proxy)
            .field("extra_roots", &self.roots.len())
            .field("own_client", &self.own.is_some())
            .finish()
    }
}

/// The HTTP client the settings describe; the user's own when given. The
/// attempt's own time limits are kept by the client's timer (`time_limit`),
/// so reqwest keeps only the connect limit.
///
/// # Errors
/// A proxy URL that cannot be used (named without its password), or TLS
/// that cannot be set up.
pub(crate) fn build_http_client(
    transport: &Transport,
    env: &Env,
    connect_timeout: Duration,
) -> Result<reqwest::Client, String> {
    if let Some(own) = &transport.own {
        return Ok(own.clone());
    }
    // reqwest reads the process environment itself unless told not to; the
    // SDK reads its own `Env` instead, so that tests and embedders choose.
    let mut builder = reqwest::Client::builder()
        .tls_backend_preconfigured(tls_config_with_roots(transport.roots.clone())?)
        .connect_timeout(connect_timeout)
        .pool_idle_timeout(Duration::from_secs(50))
        .tcp_nodelay(true)
        // Never follow a redirect: it would re-send the body and the session
        // token to another host, or turn a POST into a GET.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(REQUEST_CLIENT)
        .no_proxy();
    for proxy in proxies(&transport.proxy, env)? {
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| format!("cannot create the HTTP client: {e}"))
}

/// The proxies of `setting`, each one leaving out the hosts of `NO_PROXY`.
fn proxies(setting: &ProxySetting, env: &Env) -> Result<Vec<Proxy>, String> {
    let var = |name: &str| {
        env.var(&name.to_ascii_lowercase())
            .or_else(|| env.var(name))
    };
    let no_proxy = var("NO_PROXY").and_then(|list| NoProxy::from_string(&list));
    let make = |url: &str, kind: fn(Url) -> reqwest::Result<Proxy>| {
        let parsed =
            Url::parse(url).map_err(|e| format!("invalid proxy URL `{}`: {e}", redacted(url)))?;
        kind(parsed)
            .map(|proxy| proxy.no_proxy(no_proxy.clone()))
            .map_err(|_| format!("invalid proxy URL `{}`", redacted(url)))
    };
    Ok(match setting {
        ProxySetting::Off => Vec::new(),
        ProxySetting::Url(url) => vec![make(url, Proxy::all)?],
        ProxySetting::Environment => {
            let mut found = Vec::new();
            if let Some(url) = var("HTTPS_PROXY") {
                found.push(make(&url, Proxy::https)?);
            }
            // Not the upper-case form under CGI, where a request's `Proxy:`
            // header becomes `HTTP_PROXY` ("httpoxy").
            let http = match env.var("REQUEST_METHOD") {
                Some(_) => env.var("http_proxy"),
                None => var("HTTP_PROXY"),
            };
            if let Some(url) = http {
                found.push(make(&url, Proxy::http)?);
            }
            if let Some(url) = var("ALL_PROXY") {
                found.push(make(&url, Proxy::all)?);
            }
            found
        }
    })
}

/// A proxy URL without its password, to show.
pub(crate) fn redacted(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => "(unparsable URL)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proxy_password_is_never_shown() {
        let transport = Transport {
            proxy: ProxySetting::Url("http://alice:s3cret@proxy.local:3128".into()),
            ..Transport::default()
        };
        let shown = format!("{transport:?}");
        assert!(
            !shown.contains("s3cret") && shown.contains("alice:***@proxy.local"),
            "{shown}"
        );
        let env = Env::fixed([("HTTPS_PROXY", "http://bob:pa55@[bad")]);
        let e = proxies(&ProxySetting::Environment, &env).unwrap_err();
        assert!(!e.contains("pa55"), "{e}");
    }

    #[test]
    fn environment_proxies_follow_the_usual_names() {
        let env = Env::fixed([
            ("https_proxy", "http://lower:1"),
            ("HTTPS_PROXY", "http://upper:2"),
            ("HTTP_PROXY", "http://plain:3"),
        ]);
        assert_eq!(proxies(&ProxySetting::Environment, &env).unwrap().len(), 2);
        let cgi = Env::fixed([("HTTP_PROXY", "http://evil:3"), ("REQUEST_METHOD", "GET")]);
        assert!(
            proxies(&ProxySetting::Environment, &cgi)
                .unwrap()
                .is_empty()
        );
        assert!(proxies(&ProxySetting::Off, &env).unwrap().is_empty());
    }

    #[test]
    fn roots_must_be_pem_certificates() {
        let mut transport = Transport::default();
        assert!(transport.add_roots(b"not pem").is_err());
        assert!(transport.roots.is_empty());
    }
}
