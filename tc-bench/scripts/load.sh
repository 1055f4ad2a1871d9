#!/usr/bin/env bash
# Client throughput against tc-mock on loopback, beside the raw reqwest
# baseline, at concurrency 1 and 64, one fresh tc-mock per level (its request
# log grows with every call). Prints one JSON line per level.
#
#   tc-bench/scripts/load.sh [REQUESTS_PER_ROUND] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-20000}"
rounds="${2:-5}"
cargo build --release --quiet -p tc-bench -p tc-mock
export TENCENTCLOUD_SECRET_ID=AKIDbench TENCENTCLOUD_SECRET_KEY=bench-secret-key

for concurrency in 1 64; do
    log="$(mktemp)"
    ./target/release/tc-mock --listen 127.0.0.1:0 \
        --secret-id "$TENCENTCLOUD_SECRET_ID" --secret-key "$TENCENTCLOUD_SECRET_KEY" >"$log" &
    mock=$!
    trap 'kill "$mock" 2>/dev/null || true' EXIT
    for _ in $(seq 50); do
        grep -q '^listening on ' "$log" && break
        sleep 0.1
    done
    endpoint="$(sed -n 's/^listening on //p' "$log")"
    ./target/release/tc-bench load --endpoint "$endpoint" --requests "$requests" \
        --concurrency "$concurrency" --rounds "$rounds" --compare | tail -n 1
    kill "$mock"
    wait "$mock" 2>/dev/null || true
    rm -f "$log"
done
