#!/usr/bin/env bash
# A user's application built with a fresh lock file (the newest versions
# every dependency allows, as `cargo new` + `cargo add` would get today)
# must compile without a single warning from our crates. The workspace's
# own Cargo.lock pins older versions and hides, for example, deprecations
# in a newer rustls.
#
# Usage: .ci/fresh-lock-app.sh   (from anywhere; needs crates.io)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
app="$(mktemp -d "${TMPDIR:-/tmp}/tc-fresh-lock-app.XXXXXX")"
trap 'rm -rf "$app"' EXIT

mkdir -p "$app/src"
cat > "$app/Cargo.toml" <<TOML
[package]
name = "fresh-lock-app"
version = "0.0.0"
edition = "2024"
publish = false

# Stands alone: not part of any workspace above the temporary directory.
[workspace]

[dependencies]
tcapi-core = { path = "$repo/tc-core", features = ["metrics"] }
tcapi-cvm = { path = "$repo/tc-cvm" }
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
TOML
cat > "$app/src/main.rs" <<'RS'
//! What a new user writes first: a typed call and a call by name.
use tc_cvm::{Client, DescribeImageSharePermission};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder().region("ap-guangzhou").build()?;
    if std::env::args().any(|a| a == "--call") {
        let out = client
            .send(DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() })
            .await?;
        println!("{}", out.request_id);
        let json = client
            .send_json("cvm", "2017-03-12", "DescribeRegions", tc_core::serde_json::json!({}))
            .await?;
        println!("{json}");
    }
    Ok(())
}
RS

cd "$app"
cargo generate-lockfile --quiet
echo "fresh lock: $(grep -A1 '^name = "rustls"$' Cargo.lock | tail -1), $(grep -A1 '^name = "reqwest"$' Cargo.lock | tail -1)"
# Our own target directory, so that nothing is reused from a build made
# with the workspace's lock file.
CARGO_TARGET_DIR="$app/target" cargo build --quiet 2> "$app/build.log" || {
    cat "$app/build.log" >&2
    exit 1
}
if grep -qE '^(warning|error)' "$app/build.log"; then
    cat "$app/build.log" >&2
    echo "error: a fresh-lock build of a user application warns (above)" >&2
    exit 1
fi
echo "fresh-lock application: built without warnings"
