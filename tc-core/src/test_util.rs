//! What the workspace's own tools need from inside tc-core: `tc-mock`
//! verifies signatures, reads requests and writes answers with it;
//! `tc-bench` measures the signing and decoding paths; the tests and the
//! fuzz targets check the decoders directly.
//!
//! Present only with the `test-util` feature, which those crates turn on. It
//! is not part of the API users build on, and may change in any release.

pub use crate::http::REQUEST_CLIENT;
pub use crate::uuid::random_uuid;

/// The clock, and the date forms of the wire.
pub mod time {
    pub use crate::time::{http_date, parse_http_date, unix_now, utc_date, utc_iso8601};
}

/// TC3-HMAC-SHA256: the signer (with every intermediate value), the client's
/// fast path and key cache, and the parser a server verifies with.
pub mod sign {
    pub use crate::sign::{
        ALGORITHM, DatedKey, ParsedAuthorization, Payload, SKIP_AUTHORIZATION, Signature,
        SigningInput, SigningKey, SigningKeyCache, parse_authorization, sign, sign_with_key,
        write_authorization,
    };
}

/// The response envelope's decoder, as the client runs it.
pub mod envelope {
    pub use crate::envelope::decode;
}

/// The GET form of a request, both ways.
pub mod query {
    pub use crate::query::{QueryError, decode, encode, flatten, from_pairs};
}

/// Keeping secrets out of errors and logs: the sensitive members' wire names
/// (the list `tc-macros-impl` masks in `Debug` too), the body masker and the
/// URL without its query.
pub mod redact {
    pub use crate::redact::{MASK, SENSITIVE_MEMBERS, is_sensitive, mask_body, url_without_query};
}

/// The event-stream decoder a streaming call reads with.
pub mod sse {
    pub use crate::streaming::sse::{EventDecoder, SseError};
}

/// The credentials file's INI dialect.
pub mod ini {
    pub use crate::identity::ini::{Entry, Ini, IniError, Section, parse};
}
