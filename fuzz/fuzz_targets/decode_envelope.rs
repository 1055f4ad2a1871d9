//! Arbitrary bytes as a response body: the decoder must not panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tc_tests::fuzz::decode_envelope(data));
