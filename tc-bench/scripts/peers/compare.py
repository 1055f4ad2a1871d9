"""Runs the SDK's client and the official Python and Node.js SDKs against one
local endpoint and prints their throughput, CPU per request, cold start and
peak memory side by side (driven by tc-bench/scripts/peers.sh).

    compare.py PORT SCRATCH_DIR [ROUNDS] [LEVELS]

Load rounds alternate the three clients (ours, Python, Node.js) round after
round; the median of each is reported, with its ratio to ours. Cold start is
the wall time from spawning a one-call program to the first line it prints
(median of COLD_RUNS), peak RSS that program's maximum resident set.
"""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HERE = os.path.dirname(os.path.abspath(__file__))
COLD_RUNS = 7
# Requests per load round: enough for a second or more of each client.
REQUESTS = {"ours": 20000, "node": 8000, "python": 2000}
WARMUP = {"ours": 500, "node": 500, "python": 100}


def programs(port, scratch):
    """How to run each client: (one call, load) command builders."""
    url = f"http://127.0.0.1:{port}"
    python = os.path.join(scratch, "venv", "bin", "python")
    node_env = dict(os.environ, NODE_PATH=os.path.join(scratch, "node", "node_modules"))
    bench = os.path.join(ROOT, "target", "release", "tc-bench")
    example = os.path.join(ROOT, "target", "release", "examples", "describe_image_share_permission")
    return {
        "ours": (
            ([example, "--endpoint", url], None),
            lambda c, n, w: ([bench, "load", "--endpoint", url, "--concurrency", str(c),
                              "--requests", str(n), "--warmup", str(w), "--rounds", "1"], None),
        ),
        "python": (
            ([python, os.path.join(HERE, "peer.py"), "call", f"127.0.0.1:{port}"], None),
            lambda c, n, w: ([python, os.path.join(HERE, "peer.py"), "load", f"127.0.0.1:{port}",
                              str(c), str(n), str(w)], None),
        ),
        "node": (
            (["node", os.path.join(HERE, "peer.js"), "call", str(port)], node_env),
            lambda c, n, w: (["node", os.path.join(HERE, "peer.js"), "load", str(port),
                              str(c), str(n), str(w)], node_env),
        ),
    }


def last_json_line(command, env):
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def cold_start(command, env):
    """Seconds to the first printed line, and the peak RSS in MB."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or not first.strip():
        raise SystemExit(f"{command[0]} failed: {child.stderr.read().decode()[:500]}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    port, scratch = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    levels = [int(c) for c in (sys.argv[4] if len(sys.argv) > 4 else "1,16").split(",")]
    runs = programs(port, scratch)
    names = list(runs)
    report = {"rounds": rounds, "load": {}, "cold_start": {}}

    for concurrency in levels:
        seen = {name: [] for name in names}
        for round_ in range(rounds):
            order = names[round_ % len(names):] + names[:round_ % len(names)]
            for name in order:
                command, env = runs[name][1](concurrency, REQUESTS[name], WARMUP[name])
                seen[name].append(last_json_line(command, env))
        level = {}
        for name in names:
            level[name] = {
                key: statistics.median(run[key] for run in seen[name])
                for key in ("requests_per_sec", "cpu_us_per_request", "p99_us")
            }
            level[name]["errors"] = sum(run["errors"] for run in seen[name])
        report["load"][str(concurrency)] = level

    for name in names:
        command, env = runs[name][0]
        samples = [cold_start(command, env) for _ in range(COLD_RUNS)]
        report["cold_start"][name] = {
            "ms": round(statistics.median(s for s, _ in samples) * 1000, 1),
            "peak_rss_mb": round(max(m for _, m in samples), 1),
        }

    print_table(report, names)
    print(json.dumps(report))


def print_table(report, names):
    print(f"{'':24}" + "".join(f"{name:>16}" for name in names))
    for concurrency, level in report["load"].items():
        ours = level["ours"]
        for key, label in (("requests_per_sec", "requests/s"), ("cpu_us_per_request", "CPU µs/request")):
            cells = []
            for name in names:
                value = level[name][key]
                cells.append(f"{value:.0f}" if name == "ours" else f"{value:.0f} ({value / ours[key]:.2f}x)")
            print(f"{label + ' c=' + concurrency:24}" + "".join(f"{c:>16}" for c in cells))
    cold = report["cold_start"]
    print(f"{'cold start ms':24}" + "".join(f"{cold[n]['ms']:>16}" for n in names))
    print(f"{'peak RSS MB':24}" + "".join(f"{cold[n]['peak_rss_mb']:>16}" for n in names))


if __name__ == "__main__":
    main()
