#!/usr/bin/env bash
# One call, `tc` beside the official `tccli`, in one run: wall time and peak
# RSS of `cvm DescribeImageSharePermission` (medians over REPS runs each,
# alternating the two tools round by round), and the stripped size of `tc`.
#
# Both call the same independent endpoint, tc-bench/scripts/peers/tc3_verifier.py
# (stdlib Python; it reads tccli's `http://` Host header on opt-in), so both
# calls succeed with checked signatures; `tc` is also timed against the
# tc-mock binary. tccli is installed at a pinned version by tccli.sh.
# Prints one JSON object last. Not run in CI.
#
#   tc-bench/scripts/tc_vs_tccli.sh [REPS]      # default 20
#
# SCRATCH_DIR keeps the release build and the virtualenv between runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
reps="${1:-20}"
scratch="${SCRATCH_DIR:-$(mktemp -d)}"
own_scratch="$scratch"
[ -n "${SCRATCH_DIR:-}" ] && own_scratch=""
secret_id=AKIDtcvstccli
secret_key=tc-vs-tccli-secret-key

echo "building tc (release) in $scratch/target..." >&2
CARGO_TARGET_DIR="$scratch/target" cargo build --quiet --release -p tcapi-cli -p tcapi-mock
tc="$scratch/target/release/tc"
mock_bin="$scratch/target/release/tc-mock"
cp "$tc" "$scratch/tc-stripped"
strip "$scratch/tc-stripped"
tccli="$(tc-bench/scripts/tccli.sh "$scratch/tccli-venv" | tail -n 1)"

home="$scratch/home"
mkdir -p "$home"
log="$scratch/verifier.log"
: >"$log"
verifier_out="$scratch/verifier.out"
mock_out="$scratch/mock.out"
TC3_VERIFIER_HOST_SCHEME=strip python3 tc-bench/scripts/peers/tc3_verifier.py \
    "$secret_id" "$secret_key" "$repo/specs" "$log" >"$verifier_out" &
verifier=$!
"$mock_bin" --secret-id "$secret_id" --secret-key "$secret_key" >"$mock_out" &
mock=$!
trap 'kill "$verifier" "$mock" 2>/dev/null || true; [ -z "$own_scratch" ] || rm -rf "$own_scratch"' EXIT
for _ in $(seq 100); do
    grep -q '^listening on ' "$verifier_out" && grep -q '^listening on ' "$mock_out" && break
    sleep 0.1
done
verifier_url="$(sed -n 's/^listening on //p' "$verifier_out")"
mock_url="$(sed -n 's/^listening on //p' "$mock_out")"

python3 - "$reps" "$home" "$tc" "$tccli" "$verifier_url" "$mock_url" "$secret_id" "$secret_key" \
    "$(stat -c %s "$tc")" "$(stat -c %s "$scratch/tc-stripped")" "$(cat /proc/loadavg)" <<'PY'
import json, os, statistics, subprocess, sys, time

reps, home, tc, tccli, verifier, mock, sid, skey, size, stripped, load = sys.argv[1:]
reps = int(reps)
call = ["cvm", "DescribeImageSharePermission", "--ImageId", "img-6pb6lrmy",
        "--secretId", sid, "--secretKey", skey, "--region", "ap-guangzhou"]
env = {k: v for k, v in os.environ.items() if not k.startswith("TENCENTCLOUD_")}
env["HOME"] = home

def once(argv):
    """Wall seconds, peak RSS (KiB) and CPU seconds of one run, which must succeed."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    err = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv[0]} failed: {err}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime

runs = {"tc": [], "tccli": [], "tc_on_tc_mock": []}
for _ in range(reps):
    runs["tc"].append(once([tc, *call, "--endpoint", verifier]))
    runs["tccli"].append(once([tccli, *call, "--endpoint", verifier]))
    runs["tc_on_tc_mock"].append(once([tc, *call, "--endpoint", mock]))

def summary(samples):
    return {"wall_ms_median": round(statistics.median(s[0] for s in samples) * 1000, 1),
            "wall_ms_min": round(min(s[0] for s in samples) * 1000, 1),
            "cpu_ms_median": round(statistics.median(s[2] for s in samples) * 1000, 1),
            "peak_rss_kib_median": int(statistics.median(s[1] for s in samples))}

report = {name: summary(samples) for name, samples in runs.items()}
report["wall_ratio_tccli_over_tc"] = round(
    report["tccli"]["wall_ms_median"] / report["tc"]["wall_ms_median"], 1)
report["cpu_ratio_tccli_over_tc"] = round(
    report["tccli"]["cpu_ms_median"] / max(report["tc"]["cpu_ms_median"], 0.1), 1)
report["rss_ratio_tccli_over_tc"] = round(
    report["tccli"]["peak_rss_kib_median"] / report["tc"]["peak_rss_kib_median"], 1)
report.update(reps=reps, tc_bytes=int(size), tc_stripped_bytes=int(stripped),
              load_average=" ".join(load.split()[:3]))
print(json.dumps(report))
PY
