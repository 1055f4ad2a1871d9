#!/usr/bin/env bash
# tc-mock's resident memory before and after a sustained load: REQUESTS calls
# (default one million) through the client at concurrency 16 to one fresh
# tc-mock. Prints one JSON line.
#
#   tc-bench/scripts/mock_rss.sh [REQUESTS] [TC_MOCK_FLAGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-1000000}"
shift || true
cargo build --release --quiet -p tc-bench -p tcapi-mock
source tc-bench/scripts/fresh_mock.sh

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$mock/status"; }
start_fresh_mock "$@"
before="$(rss_kb)"
./target/release/tc-bench load --endpoint "$endpoint" --requests "$requests" \
    --concurrency 16 --rounds 1 --warmup 0 | tail -n 1 >&2
after="$(rss_kb)"
echo "{\"requests\":$requests,\"rss_before_kb\":$before,\"rss_after_kb\":$after}"
stop_mock
