#!/usr/bin/env bash
# The official Python SDK's CommonClient against the tc-mock binary: for every
# service version under specs/, the first example request of each action that
# has one, sent as the SDK sends it (signed for the service the schema names)
# to a fresh tc-mock on a free loopback port. Prints progress on stderr, the
# failures (one JSON line each) and, last, one JSON summary line; exits 1 on
# any failure. Not run in CI: it installs the SDK from PyPI into a scratch venv.
#
#   tc-bench/scripts/common_client.sh
#
# Needs cargo and python3 (with venv). PEERS_DIR keeps the venv between runs
# (default: a new temporary directory); CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A scratch directory of our own is removed at the end; PEERS_DIR is kept.
scratch="${PEERS_DIR:-$(mktemp -d)}"
own_scratch="$scratch"
[ -n "${PEERS_DIR:-}" ] && own_scratch=""
target="${CARGO_TARGET_DIR:-target}"
export TENCENTCLOUD_SECRET_ID=AKIDcommonclient TENCENTCLOUD_SECRET_KEY=common-client-secret-key

echo "installing tencentcloud-sdk-python-common into $scratch/venv..." >&2
[ -x "$scratch/venv/bin/python" ] || python3 -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check tencentcloud-sdk-python-common==3.1.195
"$scratch/venv/bin/python" -m pip list 2>/dev/null | grep -i '^tencentcloud' >&2

echo "building tc-mock (release)..." >&2
started=$(date +%s)
cargo build --release --quiet -p tcapi-mock
echo "built in $(( $(date +%s) - started )) s" >&2

log="$(mktemp)"
"$target/release/tc-mock" --listen 127.0.0.1:0 \
    --secret-id "$TENCENTCLOUD_SECRET_ID" --secret-key "$TENCENTCLOUD_SECRET_KEY" >"$log" &
mock=$!
trap 'kill "$mock" 2>/dev/null || true; rm -f "$log"; [ -z "$own_scratch" ] || rm -rf "$own_scratch"' EXIT
for _ in $(seq 100); do
    grep -q '^listening on ' "$log" && break
    sleep 0.1
done
endpoint="$(sed -n 's/^listening on //p' "$log")"
[ -n "$endpoint" ] || { echo "tc-mock did not start" >&2; exit 1; }
echo "tc-mock pid $mock at $endpoint" >&2

# The SDK takes HOST:PORT and the protocol apart.
"$scratch/venv/bin/python" tc-bench/scripts/peers/common_client.py "${endpoint#http://}" specs
