//! Reliability: every hole of issue 23 as a loopback test (redirects, secrets
//! in errors, `Debug` and logs, request limits, clock skew, throttling codes,
//! ping-only streams, tc-mock under slow clients, the credentials file,
//! lenient and strict decoding). `docs/RELIABILITY.md` tabulates them.

#[path = "../support/mod.rs"]
mod support;

mod stand_in;

mod clock_skew;
mod credentials_file;
mod decoding;
mod limits;
mod mock_hardening;
mod redirects;
mod secrets;
mod streams;
mod throttling;
