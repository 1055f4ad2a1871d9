//! Shared checks for the workspace's test suites. The suites themselves are
//! under `tests/` (integration tests), `ui/` (compile-fail cases) and
//! `expand/` (expansion snapshots); [`fuzz`] holds the properties that both the
//! cargo-fuzz targets in `../fuzz` and the corpus replay test check.

pub mod fuzz;
