//! What the workspace's own test tools need from inside tc-core: `tc-bench`
//! measures the decoding path and builds its raw baseline's requests with the
//! SDK's name; the tests and the fuzz targets check the decoders directly. (The signer and the wire's dates are the public
//! `tc-sign` crate, which `tc-mock` verifies with: `tc-mock` needs no feature
//! of tc-core, so a user's dev-dependency on it leaves tc-core as it is.)
//!
//! Present only with the `test-util` feature, which those crates turn on. It
//! is not part of the API users build on, and may change in any release.

pub use crate::transport::http::REQUEST_CLIENT;

/// The response envelope's decoder, as the client runs it.
pub mod envelope {
    pub use crate::wire::envelope::decode;
}

/// Keeping secrets out of errors and logs: the sensitive members' wire names
/// (the list `tc-macros-impl` masks in `Debug` too), the body masker and the
/// URL without its query.
pub mod redact {
    pub use crate::wire::redact::{
        MASK, SENSITIVE_MEMBERS, is_sensitive, mask_body, url_without_query,
    };
}

/// The event-stream decoder a streaming call reads with.
pub mod sse {
    pub use crate::client::streaming::sse::{EventDecoder, SseError};
}

/// The credentials file's INI dialect.
pub mod ini {
    pub use crate::credential::ini::{Entry, Ini, IniError, Section, parse};
}
