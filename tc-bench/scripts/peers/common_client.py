"""The official Python SDK's CommonClient against tc-mock: the Python side of
tc-bench/scripts/common_client.sh.

    common_client.py ENDPOINT SPECS_DIR [FAILURES_FILE]

ENDPOINT is HOST:PORT of a running tc-mock (plain HTTP); the key pair comes
from TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY. For every service
version under SPECS_DIR it makes one CommonClient with the service and version
its schema.json names (so `as` for autoscaling-2018-04-19, as the SDK signs
it), and sends the first example request of each action that has one: a JSON
object body goes through `call_json` (`call` when it asks for
`"Stream": true`, to see an event stream or a JSON answer); an empty body, and one that is not a JSON object, are
counted and not sent.

A call passes when the answer is a `Response` without `Error` (for a stream:
at least one data event, none carrying an `Error`; a stream asked for and
answered as JSON is listed in the summary). Any error fails the run,
except those listed in ACCEPTED below with the reason. Failures go one per
line (JSON) to FAILURES_FILE when given, else stderr; the last line on stdout
is one JSON summary. Before the examples, three controls: a request signed
with the wrong key must get AuthFailure.SignatureFailure, one signed for
`autoscaling` (the directory's name) must be refused, the same signed for
`as` answered. Exit status: 0 when nothing failed and the controls held, 1 otherwise.
"""

import collections
import json
import os
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (
    TencentCloudSDKException,
)
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

REGION = "ap-guangzhou"

# Errors tc-mock may give to a spec example, by (spec dir, action): code and why
# it is acceptable. Empty: every example sent is answered.
ACCEPTED = {}

# Codes that mean the endpoint did not take the request as the SDK sent it.
FATAL_PREFIXES = ("AuthFailure",)
FATAL_CODES = ("InvalidAction", "NoSuchVersion")


def examples_of(spec_dir):
    """(schema, {action: first example's request body}) of one spec directory."""
    with open(os.path.join(spec_dir, "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    with open(os.path.join(spec_dir, "examples.json"), encoding="utf-8") as f:
        examples = json.load(f)
    firsts = {}
    for action in sorted(schema["actions"]):
        listed = examples.get(action) or []
        if listed:
            firsts[action] = listed[0].get("request_body", "")
    return schema, firsts


def new_client(endpoint, service, version, secret_key=None):
    http = HttpProfile(protocol="http", endpoint=endpoint, keepAlive=True)
    cred = credential.Credential(
        os.environ["TENCENTCLOUD_SECRET_ID"], secret_key or os.environ["TENCENTCLOUD_SECRET_KEY"]
    )
    return CommonClient(service, version, cred, REGION, profile=ClientProfile(httpProfile=http))


def send_streaming(client, action, params):
    """As `send`, for a request that asks for `"Stream": true`: `call` gives the
    body whatever its type (after raising on a JSON error), so both an event
    stream and a plain JSON answer are seen. None, or ("as-json", None) when
    answered without a stream, or (code, message)."""
    body = client.call(action, params).decode("utf-8")
    if body.lstrip().startswith("{"):
        response = json.loads(body).get("Response")
        if not isinstance(response, dict) or "Error" in response or not response.get("RequestId"):
            return ("NoResponse", body[:300])
        return ("as-json", None)
    data = [line[5:].strip() for line in body.splitlines() if line.startswith("data:")]
    if not data:
        return ("NoEvents", "the stream carried no data event")
    for chunk in data:
        parsed = json.loads(chunk)
        error = parsed.get("Response", parsed).get("Error") if isinstance(parsed, dict) else None
        if error:
            return (error.get("Code", "?"), error.get("Message", ""))
    return None


def send(client, action, params):
    """None when answered; else (code, message)."""
    try:
        if params.get("Stream") is True:
            return send_streaming(client, action, params)
        answer = client.call_json(action, params)
    except TencentCloudSDKException as e:
        return (e.get_code() or "SDKException", e.get_message())
    except Exception as e:  # a transport or decoding failure is a failure too
        return (type(e).__name__, str(e))
    response = answer.get("Response") if isinstance(answer, dict) else None
    if not isinstance(response, dict):
        return ("NoResponse", "the answer has no Response object")
    if "Error" in response:
        error = response["Error"]
        return (error.get("Code", "?"), error.get("Message", ""))
    if not response.get("RequestId"):
        return ("NoRequestId", "the Response has no RequestId")
    return None


def controls(endpoint):
    """The endpoint must refuse what it should: a request signed with the wrong
    key, and one signed for the spec directory's name rather than the
    service's (`autoscaling`, not `as`). {what: code got}."""
    got = {}
    wrong_key = new_client(endpoint, "cvm", "2017-03-12", secret_key="not-the-secret-key")
    got["wrong_key"] = (send(wrong_key, "DescribeRegions", {}) or ("answered",))[0]
    wrong_service = new_client(endpoint, "autoscaling", "2018-04-19")
    got["signed_for_autoscaling"] = (send(wrong_service, "DescribeAutoScalingGroups", {}) or ("answered",))[0]
    right_service = new_client(endpoint, "as", "2018-04-19")
    got["signed_for_as"] = (send(right_service, "DescribeAutoScalingGroups", {}) or ("answered",))[0]
    return got


def main():
    endpoint, specs = sys.argv[1], sys.argv[2]
    failures_out = open(sys.argv[3], "w", encoding="utf-8") if len(sys.argv) > 3 else sys.stderr
    started = time.perf_counter()
    counts = collections.Counter()
    failures = collections.Counter()
    accepted = collections.Counter()
    not_json = []
    control = controls(endpoint)
    controls_ok = (control["wrong_key"] == "AuthFailure.SignatureFailure"
                   and control["signed_for_autoscaling"] in FATAL_CODES + ("AuthFailure.InvalidAuthorization",)
                   and control["signed_for_as"] == "answered")
    renamed = collections.Counter()
    stream_as_json = []
    for name in sorted(os.listdir(specs)):
        spec_dir = os.path.join(specs, name)
        if not os.path.isfile(os.path.join(spec_dir, "schema.json")):
            continue
        schema, firsts = examples_of(spec_dir)
        counts["versions"] += 1
        counts["actions"] += len(schema["actions"])
        counts["without_example"] += len(schema["actions"]) - len(firsts)
        client = new_client(endpoint, schema["service"], schema["version"])
        for action, body in firsts.items():
            if not body.strip():
                counts["skipped_empty_body"] += 1
                continue
            try:
                params = json.loads(body)
            except ValueError:
                params = None
            if not isinstance(params, dict):
                counts["skipped_not_json_object"] += 1
                not_json.append(f"{name} {action}")
                continue
            counts["sent"] += 1
            if params.get("Stream") is True:
                counts["sent_streaming"] += 1
            outcome = send(client, action, params)
            if outcome and outcome[0] == "as-json":
                counts["stream_asked_answered_as_json"] += 1
                stream_as_json.append(f"{name} {action}")
                outcome = None
            if outcome is None:
                counts["answered"] += 1
                if not name.startswith(schema["service"] + "-"):
                    renamed[f'{name} signed as {schema["service"]}'] += 1
                continue
            code, message = outcome
            allowed = ACCEPTED.get((name, action))
            if allowed and allowed[0] == code:
                accepted[code] += 1
                continue
            failures[code] += 1
            fatal = code.startswith(FATAL_PREFIXES) or code in FATAL_CODES
            print(json.dumps({
                "spec": name, "service": schema["service"], "version": schema["version"],
                "action": action, "code": code, "fatal_kind": fatal, "message": message[:300],
            }, ensure_ascii=False), file=failures_out, flush=True)
    summary = {
        "versions": counts["versions"],
        "actions": counts["actions"],
        "without_example": counts["without_example"],
        "skipped_empty_body": counts["skipped_empty_body"],
        "skipped_not_json_object": counts["skipped_not_json_object"],
        "not_json_object": not_json,
        "sent": counts["sent"],
        "sent_streaming": counts["sent_streaming"],
        "stream_asked_answered_as_json": stream_as_json,
        "answered": counts["answered"],
        "answered_signed_for_another_name": dict(renamed),
        "accepted_errors": dict(accepted),
        "failures": dict(sorted(failures.items())),
        "controls": control,
        "controls_ok": controls_ok,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if failures or not controls_ok else 0


if __name__ == "__main__":
    sys.exit(main())
