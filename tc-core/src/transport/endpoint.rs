//! Where a service's requests go.

use reqwest::Url;

/// The default root domain: services live at `{service}.tencentcloudapi.com`.
pub const DEFAULT_ROOT_DOMAIN: &str = "tencentcloudapi.com";

/// How the client picks the URL of each request.
#[derive(Clone, Debug)]
pub(crate) enum Endpoint {
    /// `https://{service}.{root_domain}/`.
    Domain(String),
    /// One fixed URL for every service (a local endpoint, a proxy).
    Fixed { url: Url, host: String },
}

/// The URL and `Host` of one request.
#[derive(Debug)]
pub(crate) struct Target {
    pub(crate) url: Url,
    pub(crate) host: String,
}

impl Endpoint {
    /// Parses an override such as `http://127.0.0.1:8080` or `https://cvm.example.com/`.
    pub(crate) fn fixed(url: &str) -> Result<Self, String> {
        let url = Url::parse(url).map_err(|e| format!("invalid endpoint `{url}`: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("endpoint `{url}` must use http or https"));
        }
        let Some(host) = url.host_str() else {
            return Err(format!("endpoint `{url}` has no host"));
        };
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
        .to_ascii_lowercase();
        Ok(Endpoint::Fixed { url, host })
    }

    /// The root domain form; `root_domain` must be a bare host name.
    pub(crate) fn domain(root_domain: &str) -> Result<Self, String> {
        let valid = !root_domain.is_empty()
            && root_domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if valid {
            Ok(Endpoint::Domain(root_domain.to_ascii_lowercase()))
        } else {
            Err(format!("invalid root domain `{root_domain}`"))
        }
    }

    pub(crate) fn target(&self, service: &str) -> Result<Target, String> {
        match self {
            Endpoint::Fixed { url, host } => Ok(Target {
                url: url.clone(),
                host: host.clone(),
            }),
            Endpoint::Domain(root) => {
                let host = format!("{service}.{root}");
                let url = Url::parse(&format!("https://{host}/"))
                    .map_err(|e| format!("invalid endpoint for service `{service}`: {e}"))?;
                Ok(Target { url, host })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_domain_puts_the_service_first() {
        let target = Endpoint::domain(DEFAULT_ROOT_DOMAIN)
            .unwrap()
            .target("cvm")
            .unwrap();
        assert_eq!(target.url.as_str(), "https://cvm.tencentcloudapi.com/");
        assert_eq!(target.host, "cvm.tencentcloudapi.com");
    }

    #[test]
    fn fixed_endpoint_keeps_the_port_in_host() {
        let target = Endpoint::fixed("http://127.0.0.1:8080")
            .unwrap()
            .target("cvm")
            .unwrap();
        assert_eq!(target.url.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(target.host, "127.0.0.1:8080");
        assert!(Endpoint::fixed("ftp://x").is_err());
        assert!(Endpoint::fixed("not a url").is_err());
        assert!(Endpoint::domain("bad/domain").is_err());
    }
}
