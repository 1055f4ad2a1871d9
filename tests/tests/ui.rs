//! Compile-fail cases (each rule's message, pinned in a `.stderr` beside it) and
//! cases that must compile.
//!
//! After changing a message: `TRYBUILD=overwrite cargo test -p tc-tests --test ui`,
//! then review every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
