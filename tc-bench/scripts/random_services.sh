#!/usr/bin/env bash
# Random services through our real client to an independent TC3 verifier.
# Picks COUNT services at random (seeded; the seed is printed) outside the 16
# of the first release, writes a scratch Cargo application outside the repo
# (its own target dir) that depends on just those crates by path with every
# version feature on, builds it (timed), checks with `cargo tree` that no
# other crate of ours is in it, and runs it against tc3_verifier.py (stdlib
# Python, written from the published TC3 description): every action's first
# example request (read from specs/ at run time) is deserialized into its
# typed struct and sent with tc_core::Client; one request signed with the
# wrong key must be refused. Exits 1 on any failure. Not run in CI.
#
#   tc-bench/scripts/random_services.sh [SEED] [COUNT]    # defaults: a random seed, 5
#
# Needs cargo and python3. SCRATCH_DIR keeps the app and its target dir
# between runs (default: a new temporary directory).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
seed="${1:-$(( $(od -An -N4 -tu4 /dev/urandom) % 1000000 ))}"
count="${2:-5}"
# A scratch directory of our own (the app and its whole target dir) is
# removed at the end; SCRATCH_DIR is kept.
scratch="${SCRATCH_DIR:-$(mktemp -d)}"
own_scratch="$scratch"
[ -n "${SCRATCH_DIR:-}" ] && own_scratch=""
app="$scratch/app"
secret_id=AKIDrandomservices
secret_key=random-services-secret-key
echo "seed $seed, count $count, scratch $scratch" >&2

python3 tc-bench/scripts/peers/random_services_app.py "$repo" "$seed" "$count" "$app"
# Pin the dependency versions the workspace is tested with.
[ -f "$app/Cargo.lock" ] || cp Cargo.lock "$app/Cargo.lock"

export CARGO_TARGET_DIR="$scratch/target"
cd "$app"
echo "building the app (debug) in $CARGO_TARGET_DIR..." >&2
started=$(date +%s.%N)
cargo build --quiet
built=$(python3 -c "print(round($(date +%s.%N) - $started, 1))")
echo "built in $built s" >&2

# Our crates in the app's dependency graph: tc-core and its macros, and
# nothing but the picked services.
ours="$(cargo tree --edges normal,build --prefix none --format '{p}' | { grep -F "($repo" || true; } | sed 's/ v[0-9].*//' | sort -u | tr '\n' ' ')"
[ -n "$ours" ] || { echo "cargo tree shows no crate of ours: the app did not resolve" >&2; exit 1; }
echo "our crates in cargo tree: $ours" >&2
picked="$(sed -n 's/^\(tcapi-[a-z0-9-]*\) = { path = "[^"]*\/services\/.*/\1/p' Cargo.toml | sort | tr '\n' ' ')"
[ -n "$picked" ] || { echo "the app's Cargo.toml names no service crate" >&2; exit 1; }
extra="$(for c in $ours; do case " $picked tcapi-sign tcapi-core tcapi-macros tcapi-macros-impl " in *" $c "*) ;; *) echo "$c";; esac; done)"
[ -z "$extra" ] || { echo "cargo tree has crates of ours that were not picked: $extra" >&2; exit 1; }

log="$scratch/verifier.log"
: >"$log"
out="$(mktemp)"
python3 "$repo/tc-bench/scripts/peers/tc3_verifier.py" "$secret_id" "$secret_key" "$repo/specs" "$log" >"$out" &
verifier=$!
trap 'kill "$verifier" 2>/dev/null || true; rm -f "$out"; [ -z "$own_scratch" ] || rm -rf "$own_scratch"' EXIT
for _ in $(seq 100); do
    grep -q '^listening on ' "$out" && break
    sleep 0.1
done
endpoint="$(sed -n 's/^listening on //p' "$out")"
[ -n "$endpoint" ] || { echo "the verifier did not start" >&2; exit 1; }
echo "verifier pid $verifier at $endpoint" >&2

status=0
"$CARGO_TARGET_DIR/debug/random-services-check" "$repo" "$endpoint" "$secret_id" "$secret_key" || status=$?
python3 - "$log" "$seed" "$built" "$ours" <<'EOF'
import collections, json, sys
entries = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
refused = collections.Counter(e["code"] for e in entries if not e["ok"])
print(json.dumps({
    "seed": int(sys.argv[2]),
    "build_seconds": float(sys.argv[3]),
    "our_crates_in_tree": sys.argv[4].split(),
    "verifier_requests": len(entries),
    "verifier_accepted": sum(e["ok"] for e in entries),
    "verifier_refused": dict(refused),
    "bodies_equal_to_example": sum(bool(e.get("body_equals_example")) for e in entries if e["ok"]),
    "bodies_differing_from_example": [f'{e["service"]} {e["version"]} {e["action"]}' for e in entries
                                      if e["ok"] and e.get("body_equals_example") is False],
}))
EOF
exit "$status"
