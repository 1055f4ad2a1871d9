//! Replays the committed fuzz seed corpus (`fuzz/corpus/`) through the same
//! properties the cargo-fuzz targets check, on stable Rust.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count >= 5, "the {target} corpus has only {count} inputs");
}

#[test]
fn decode_envelope_corpus() {
    replay("decode_envelope", tc_tests::fuzz::decode_envelope);
}

#[test]
fn query_corpus() {
    replay("query", tc_tests::fuzz::query_roundtrip);
}
