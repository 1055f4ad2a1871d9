#!/usr/bin/env bash
# The SDK's client beside the official Python and Node.js SDKs for CVM, on one
# fresh tc-mock on loopback: requests/s and CPU µs per request at concurrency 1
# and 16 (rounds alternated), their ratios to ours, cold start (process start
# to the first printed answer) and peak RSS of a one-call program. Not run in
# CI: it installs the peers from PyPI and npm into a scratch directory.
#
#   tc-bench/scripts/peers.sh [ROUNDS] [LEVELS]      # defaults: 3 rounds, levels 1,16
#
# Needs cargo, python3 (with venv) and node with npm; PEERS_DIR keeps the
# installed peers between runs (default: a new temporary directory).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
levels="${2:-1,16}"
scratch="${PEERS_DIR:-$(mktemp -d)}"
mkdir -p "$scratch/node"

echo "building ours (release)..." >&2
cargo build --release --quiet -p tc-bench -p tcapi-mock
cargo build --release --quiet -p tcapi-cvm --example describe_image_share_permission

echo "installing the official SDKs into $scratch..." >&2
[ -x "$scratch/venv/bin/python" ] || python3 -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    tencentcloud-sdk-python-common tencentcloud-sdk-python-cvm
npm install --silent --no-audit --no-fund --prefix "$scratch/node" tencentcloud-sdk-nodejs-cvm >/dev/null
"$scratch/venv/bin/python" -m pip list 2>/dev/null | grep -i '^tencentcloud' >&2
npm ls --prefix "$scratch/node" 2>/dev/null | grep tencentcloud >&2 || true

source tc-bench/scripts/fresh_mock.sh
start_fresh_mock
python3 tc-bench/scripts/peers/compare.py "${endpoint##*:}" "$scratch" "$rounds" "$levels"
