#!/usr/bin/env bash
# Client throughput, CPU per request and p99 against tc-mock on loopback,
# beside the raw reqwest baseline (rounds alternated), at concurrency 1, 16 and
# 64, one fresh tc-mock per level. Prints one JSON line per level.
#
#   tc-bench/scripts/load.sh [REQUESTS_PER_ROUND] [ROUNDS] [LEVELS]   # defaults: 20000 5 "1 16 64"
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-20000}"
rounds="${2:-5}"
levels="${3:-1 16 64}"
cargo build --release --quiet -p tc-bench -p tcapi-mock
source tc-bench/scripts/fresh_mock.sh

for concurrency in $levels; do
    start_fresh_mock
    ./target/release/tc-bench load --endpoint "$endpoint" --requests "$requests" \
        --concurrency "$concurrency" --rounds "$rounds" --compare | tail -n 1
    stop_mock
done
