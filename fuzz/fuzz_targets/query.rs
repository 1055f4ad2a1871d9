//! Arbitrary text as a GET query: reading must not panic and must round-trip.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| tc_tests::fuzz::query_roundtrip(data));
