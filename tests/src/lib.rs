//! Nothing lives here: the suites are under `tests/` (integration tests), `ui/`
//! (compile-fail cases) and `expand/` (expansion snapshots).
