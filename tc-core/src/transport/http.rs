//! The HTTP stack's shared set-up: the SDK's name on the wire, and TLS. The
//! client uses both, and so does the CVM role provider, which calls the
//! metadata service with plain HTTP requests of its own.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;

/// The `X-TC-RequestClient` value identifying this SDK (also its
/// `User-Agent`).
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_", env!("CARGO_PKG_VERSION"));

/// TLS with the process's default crypto provider when the application
/// installed one (`CryptoProvider::install_default`, e.g. aws-lc-rs for its
/// post-quantum key exchange), else `ring` (lighter to build than aws-lc),
/// and the platform's certificate verifier.
pub(crate) fn tls_config() -> Result<rustls::ClientConfig, String> {
    tls_config_with_roots(Vec::new())
}

/// [`tls_config`], trusting `extra_roots` besides the platform's roots.
pub(crate) fn tls_config_with_roots(
    extra_roots: Vec<CertificateDer<'static>>,
) -> Result<rustls::ClientConfig, String> {
    let provider = rustls::crypto::CryptoProvider::get_default()
        .map_or_else(|| Arc::new(ring_provider()), Arc::clone);
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(
        extra_roots,
        Arc::clone(&provider),
    )
    .map_err(|e| format!("cannot set up TLS: {e}"))?;
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map(|builder| {
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth()
        })
        .map_err(|e| format!("cannot set up TLS: {e}"))
}

/// rustls's `ring` provider. rustls 0.23.48 deprecates it for lacking
/// post-quantum key exchange, with no replacement short of aws-lc-rs (whose
/// C build this crate avoids); an application that wants it installs it as
/// the process default, which [`tls_config`] prefers. `allow`, not
/// `expect`: older rustls 0.23 releases do not deprecate it.
#[allow(deprecated)]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}
