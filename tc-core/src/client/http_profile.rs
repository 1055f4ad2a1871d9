//! The builder's settings that users of the official SDKs know from their
//! client and HTTP profiles: extra headers, a proxy, trusted roots, one's
//! own HTTP client, and the region from the environment or a profile.

use std::num::NonZeroU32;

use super::ClientBuilder;
use crate::credential::Env;
use crate::transport::extra_headers::{self, Scope};
use crate::transport::http_client::ProxySetting;

impl ClientBuilder {
    /// Adds a header to every request (replacing an earlier one of the same
    /// name); a call can add its own with [`Call::header`](crate::Call::header).
    /// `Authorization`, `Host`, `Content-Type` and the `X-TC-*` headers the
    /// SDK signs and sets cannot be set this way, nor `X-TC-TraceId` (each
    /// call gets a fresh one; a call may set its own); such
    /// a name, or a name or value that cannot be sent, makes
    /// [`build`](Self::build) fail with [`Error::Build`](crate::Error::Build).
    ///
    /// ```
    /// let client = tc_core::Client::builder()
    ///     .header("X-Request-Source", "billing-batch")
    ///     .build()?;
    /// # let _ = client;
    /// let refused = tc_core::Client::builder().header("Authorization", "x").build();
    /// assert!(matches!(refused, Err(tc_core::Error::Build(_))));
    /// # Ok::<(), tc_core::Error>(())
    /// ```
    pub fn header(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        extra_headers::add(
            &mut self.headers,
            &mut self.invalid,
            Scope::Client,
            name.as_ref(),
            value.as_ref(),
        );
        self
    }

    /// Sends every request through this HTTP proxy
    /// (`http://user:password@proxy.example.com:3128`; the password is never
    /// shown in `Debug` or errors), except to the hosts `NO_PROXY` lists.
    /// Without it, the client follows the environment: `HTTPS_PROXY` for
    /// `https://` endpoints, `HTTP_PROXY` for `http://` ones, `ALL_PROXY` for
    /// both, `NO_PROXY` for the hosts to reach directly (each in lower or
    /// upper case, lower case first; the upper-case `HTTP_PROXY` is ignored
    /// when `REQUEST_METHOD` says this runs as CGI). The CVM metadata
    /// service is never proxied, and the STS client of the default chain's
    /// OIDC source follows the environment only.
    ///
    /// ```
    /// let client = tc_core::Client::builder()
    ///     .proxy("http://alice:secret@proxy.internal:3128")
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("secret"));
    /// # Ok::<(), tc_core::Error>(())
    /// ```
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.transport.proxy = ProxySetting::Url(url.into());
        self
    }

    /// Connects straight to the endpoint, whatever the environment's proxy
    /// variables say.
    ///
    /// ```
    /// let client = tc_core::Client::builder().no_proxy().build()?;
    /// # let _ = client; Ok::<(), tc_core::Error>(())
    /// ```
    pub fn no_proxy(mut self) -> Self {
        self.transport.proxy = ProxySetting::Off;
        self
    }

    /// Trusts the certificates of this PEM text (one or more `BEGIN
    /// CERTIFICATE` blocks) besides the platform's roots: for a private
    /// endpoint or a TLS-inspecting proxy with its own authority. Text with
    /// no certificate, or a malformed one, makes [`build`](Self::build) fail
    /// with [`Error::Build`](crate::Error::Build).
    ///
    /// ```no_run
    /// let pem = std::fs::read("/etc/pki/corp-root.pem").unwrap();
    /// let client = tc_core::Client::builder().add_root_certificate(&pem).build()?;
    /// # let _ = client; Ok::<(), tc_core::Error>(())
    /// ```
    pub fn add_root_certificate(mut self, pem: impl AsRef<[u8]>) -> Self {
        if let Err(problem) = self.transport.add_roots(pem.as_ref()) {
            self.invalid.get_or_insert(problem);
        }
        self
    }

    /// Sends through this HTTP client, as it is configured: then
    /// [`proxy`](Self::proxy), [`no_proxy`](Self::no_proxy),
    /// [`add_root_certificate`](Self::add_root_certificate),
    /// [`connect_timeout`](Self::connect_timeout) and the environment's proxy
    /// variables do not apply (configure them on the `reqwest::Client`). The
    /// SDK's own time limits, retries, signing and headers still do; keep
    /// the client's redirect policy off (`reqwest::redirect::Policy::none()`),
    /// since a signed request is not meant to be replayed elsewhere.
    ///
    /// The client needs a TLS backend: tc-core builds reqwest without one of
    /// its own (`rustls-no-provider`), so either depend on reqwest with its
    /// default TLS, or install a rustls `CryptoProvider` as the process
    /// default before building it, as here.
    ///
    /// ```
    /// // With rustls's `ring` feature; `aws-lc-rs` works the same way.
    /// rustls::crypto::ring::default_provider().install_default().ok();
    /// let http = tc_core::reqwest::Client::builder()
    ///     .redirect(tc_core::reqwest::redirect::Policy::none())
    ///     .build()
    ///     .unwrap();
    /// let client = tc_core::Client::builder().http_client(http).build()?;
    /// # let _ = client; Ok::<(), tc_core::Error>(())
    /// ```
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.transport.own = Some(client);
        self
    }

    /// Reads the environment variables of [`region`](Self::region) and
    /// [`proxy`](Self::proxy) from `env` instead of the process's (for
    /// tests, or a program that configures clients from its own settings).
    /// The default credential chain still reads the process's: give it
    /// [`DefaultChain::with_env`](crate::credential::DefaultChain::with_env).
    ///
    /// ```
    /// use tc_core::credential::Env;
    /// let client = tc_core::Client::builder()
    ///     .env(Env::fixed([("TENCENTCLOUD_REGION", "ap-singapore")]))
    ///     .build()?;
    /// assert_eq!(client.region(), Some("ap-singapore"));
    /// # Ok::<(), tc_core::Error>(())
    /// ```
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// Sets the limit of the action named `action` of `service`, in
    /// requests per second, for this client, as
    /// [`action_rate_limit`](Self::action_rate_limit) does for a typed
    /// action: it applies to typed calls and calls by name
    /// ([`Client::send_json`](crate::Client::send_json)) alike; `None`
    /// removes a declared limit.
    ///
    /// ```
    /// use std::num::NonZeroU32;
    /// let client = tc_core::Client::builder()
    ///     .rate_limit_by_name("cvm", "DescribeImageSharePermission", NonZeroU32::new(10))
    ///     .build()?;
    /// # let _ = client; Ok::<(), tc_core::Error>(())
    /// ```
    pub fn rate_limit_by_name(
        mut self,
        service: impl Into<String>,
        action: impl Into<String>,
        per_second: Option<NonZeroU32>,
    ) -> Self {
        self.rate_limit_overrides
            .insert((service.into().into(), action.into().into()), per_second);
        self
    }
}
