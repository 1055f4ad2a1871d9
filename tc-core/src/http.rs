//! The HTTP stack's shared set-up: the SDK's name on the wire, and TLS. The
//! client uses both, and so does the CVM role provider, which calls the
//! metadata service with plain HTTP requests of its own.

use std::sync::Arc;

/// The `X-TC-RequestClient` value identifying this SDK (also its
/// `User-Agent`).
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_", env!("CARGO_PKG_VERSION"));

/// TLS with the `ring` provider (lighter to build than aws-lc) and the
/// platform's certificate verifier.
pub(crate) fn tls_config() -> Result<rustls::ClientConfig, String> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map(|builder| builder.with_no_client_auth())
        .map_err(|e| format!("cannot set up TLS: {e}"))
}
