#!/usr/bin/env bash
# What tc-cvm costs a user's application to build: a one-call program that
# depends on tc-cvm (and tokio), built from clean in debug and in release in a
# scratch directory. Prints wall time, CPU time (user + system, all processes:
# steadier than wall time on a shared machine), peak memory of the build (the
# largest process, rustc included) and the stripped release binary's size.
#
#   tc-bench/scripts/compile_cost.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
app="$(mktemp -d)"
trap 'rm -rf "$app"' EXIT
mkdir -p "$app/src"
cat >"$app/Cargo.toml" <<TOML
[package]
name = "cvm-app"
version = "0.1.0"
edition = "2024"

[dependencies]
tcapi-cvm = { path = "$root/tc-cvm" }
tokio = { version = "1", features = ["rt-multi-thread", "macros"] }

[workspace]
TOML
cat >"$app/src/main.rs" <<'RUST'
use tc_cvm::{Client, DescribeImageSharePermission};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder().region("ap-guangzhou").build()?;
    let out = client
        .send(DescribeImageSharePermission { image_id: "img-6pb6lrmy".into() })
        .await?;
    println!("{} shares", out.share_permission_set.len());
    Ok(())
}
RUST
cp Cargo.lock "$app/Cargo.lock"  # the same dependency versions as the workspace

measure() {  # prints "wall_s cpu_s peak_MB" of a clean build with the given cargo flags
    python3 - "$app" "$@" <<'PY'
import os, subprocess, sys, time
app, flags = sys.argv[1], sys.argv[2:]
env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(app, "target"))
subprocess.run(["cargo", "clean", "--quiet"], cwd=app, env=env, check=True)
start = time.perf_counter()
child = subprocess.Popen(["cargo", "build", "--quiet", *flags], cwd=app, env=env)
_, status, usage = os.wait4(child.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("build failed")
cpu = usage.ru_utime + usage.ru_stime
print(f"{time.perf_counter() - start:.1f} {cpu:.1f} {usage.ru_maxrss / 1024:.0f}")
PY
}

read -r debug_s debug_cpu debug_mb < <(measure)
read -r release_s release_cpu release_mb < <(measure --release)
strip -o "$app/cvm-app.stripped" "$app/target/release/cvm-app"
size_mb="$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$app/cvm-app.stripped")"
echo "clean debug build:   ${debug_s} s (${debug_cpu} s CPU), peak ${debug_mb} MB"
echo "clean release build: ${release_s} s (${release_cpu} s CPU), peak ${release_mb} MB"
echo "stripped binary:     ${size_mb} MB"
echo "{\"debug_s\":$debug_s,\"debug_cpu_s\":$debug_cpu,\"debug_peak_mb\":$debug_mb,\"release_s\":$release_s,\"release_cpu_s\":$release_cpu,\"release_peak_mb\":$release_mb,\"stripped_mb\":$size_mb}"
