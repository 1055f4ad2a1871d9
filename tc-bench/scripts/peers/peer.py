"""The official Python SDK's side of tc-bench/scripts/peers.sh.

    peer.py call ENDPOINT                 one DescribeImageSharePermission, prints the answer
    peer.py load ENDPOINT CONCURRENCY REQUESTS WARMUP
                                          prints one JSON line: requests_per_sec,
                                          cpu_us_per_request, p50_us, p99_us, errors

ENDPOINT is HOST:PORT, plain HTTP; the key pair comes from TENCENTCLOUD_SECRET_ID
and TENCENTCLOUD_SECRET_KEY. Each thread has its own client (one keep-alive
session each), as a threaded program would.
"""

import json
import math
import os
import sys
import threading
import time

from tencentcloud.common import credential
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.cvm.v20170312 import cvm_client, models

IMAGE_ID = "img-6pb6lrmy"
REGION = "ap-guangzhou"


def new_client(endpoint):
    http = HttpProfile(protocol="http", endpoint=endpoint, keepAlive=True)
    cred = credential.Credential(
        os.environ["TENCENTCLOUD_SECRET_ID"], os.environ["TENCENTCLOUD_SECRET_KEY"]
    )
    return cvm_client.CvmClient(cred, REGION, ClientProfile(httpProfile=http))


def call(client):
    request = models.DescribeImageSharePermissionRequest()
    request.ImageId = IMAGE_ID
    return client.DescribeImageSharePermission(request)


def drive(endpoint, concurrency, requests):
    """Sends `requests` calls from `concurrency` threads; latencies in µs."""
    lock = threading.Lock()
    state = {"next": 0, "errors": 0}
    latencies = []

    def worker():
        client = new_client(endpoint)
        mine = []
        errors = 0
        while True:
            with lock:
                if state["next"] >= requests:
                    break
                state["next"] += 1
            sent = time.perf_counter()
            try:
                call(client)
            except Exception:  # any failure counts; the run goes on
                errors += 1
            mine.append((time.perf_counter() - sent) * 1e6)
        with lock:
            latencies.extend(mine)
            state["errors"] += errors

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, state["errors"]


def percentile(values, p):
    if not values:
        return 0
    values = sorted(values)
    rank = max(1, min(len(values), math.ceil(p / 100 * len(values))))
    return int(values[rank - 1])


def main():
    mode, endpoint = sys.argv[1], sys.argv[2]
    if mode == "call":
        print(call(new_client(endpoint)).to_json_string())
        return
    concurrency, requests, warmup = (int(a) for a in sys.argv[3:6])
    drive(endpoint, concurrency, warmup)
    cpu, wall = time.process_time(), time.perf_counter()
    latencies, errors = drive(endpoint, concurrency, requests)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(json.dumps({
        "requests": len(latencies),
        "requests_per_sec": round(len(latencies) / wall, 1),
        "cpu_us_per_request": round(cpu * 1e6 / len(latencies), 1),
        "p50_us": percentile(latencies, 50),
        "p99_us": percentile(latencies, 99),
        "errors": errors,
    }))


if __name__ == "__main__":
    main()
