"""Drives the real tc-mock binary with a scenario file from Python (standard
library only): signs each request with TC3-HMAC-SHA256 and checks what the
scenario scripts, as a test written outside Rust would.

    python3 drive.py PATH/TO/tc-mock

Starts tc-mock on a free loopback port with scenario.json beside this file,
runs the checks, stops it, prints `N passed, N failed` and exits 1 on any
failure (2 when tc-mock cannot be started).
"""

import hashlib
import hmac
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import time

SECRET_ID = "AKIDscenario"
SECRET_KEY = "scenario-secret-key"
HERE = os.path.dirname(os.path.abspath(__file__))
REQUEST_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def signed_headers(host, service, action, version, body, secret_key=SECRET_KEY):
    """The headers of a POST signed with TC3-HMAC-SHA256."""
    timestamp = int(time.time())
    date = time.strftime("%Y-%m-%d", time.gmtime(timestamp))
    content_type = "application/json; charset=utf-8"
    canonical = "\n".join([
        "POST", "/", "",
        f"content-type:{content_type}\nhost:{host}\n",
        "content-type;host",
        hashlib.sha256(body).hexdigest(),
    ])
    scope = f"{date}/{service}/tc3_request"
    to_sign = "\n".join([
        "TC3-HMAC-SHA256", str(timestamp), scope,
        hashlib.sha256(canonical.encode()).hexdigest(),
    ])
    key = sign(sign(sign(("TC3" + secret_key).encode(), date), service), "tc3_request")
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "Authorization": f"TC3-HMAC-SHA256 Credential={SECRET_ID}/{scope}, "
                         f"SignedHeaders=content-type;host, Signature={signature}",
        "Content-Type": content_type,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Version": version,
        "X-TC-Timestamp": str(timestamp),
    }


class Mock:
    """A running tc-mock, and signed calls to it."""

    def __init__(self, binary, scenario):
        self.process = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", "--secret-id", SECRET_ID,
             "--secret-key", SECRET_KEY, "--scenario", scenario],
            stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            self.stop()
            sys.exit(f"tc-mock did not start: {line!r}")
        self.host = line.removeprefix("listening on http://")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def post(self, service, version, action, params, secret_key=SECRET_KEY):
        """Sends one signed call; returns (status, headers, body bytes)."""
        body = json.dumps(params).encode()
        connection = http.client.HTTPConnection(self.host, timeout=10)
        try:
            connection.request("POST", "/", body,
                               signed_headers(self.host, service, action, version, body, secret_key))
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def cvm(self, action, params=None, **kwargs):
        """A CVM call whose answer is a JSON envelope: its `Response`."""
        _, _, body = self.post("cvm", "2017-03-12", action, params or {}, **kwargs)
        return json.loads(body)["Response"]


def check_error_envelope(mock):
    response = mock.cvm("RunInstances", {"ImageId": "img-6pb6lrmy"})
    assert response["Error"] == {
        "Code": "ResourceInsufficient.SpecifiedInstanceType",
        "Message": "The zone has no more of this instance type.",
    }, response
    assert REQUEST_ID.match(response["RequestId"]), response


def check_throttled_then_answered(mock):
    codes = [mock.cvm("DescribeInstances").get("Error", {}).get("Code") for _ in range(4)]
    assert codes == ["RequestLimitExceeded", "RequestLimitExceeded", None, None], codes
    response = mock.cvm("DescribeInstances")
    assert response["TotalCount"] == 0 and response["InstanceSet"] == [], response
    assert REQUEST_ID.match(response["RequestId"]), response


def check_cut_before_answer(mock):
    try:
        status, _, body = mock.post("cvm", "2017-03-12", "StartInstances", {"InstanceIds": ["ins-1"]})
    except http.client.RemoteDisconnected:
        return  # closed with not even a status line
    raise AssertionError(f"an answer came: {status} {body!r}")


def check_cut_mid_answer(mock):
    try:
        status, _, body = mock.post("cvm", "2017-03-12", "StopInstances", {"InstanceIds": ["ins-1"]})
    except http.client.IncompleteRead as cut:
        # The status line, the headers and part of the envelope came first.
        assert cut.partial.startswith(b'{"Response"'), cut.partial
        assert not cut.partial.endswith(b"}}"), cut.partial
        return
    raise AssertionError(f"a whole answer came: {status} {body!r}")


def check_latency_then_example(mock):
    start = time.monotonic()
    response = mock.cvm("DescribeImages")
    waited = time.monotonic() - start
    # A rule with only latency answers with the specs' example after it.
    assert "ImageSet" in response and "Error" not in response, response
    assert waited >= 0.3, f"answered after {waited:.3f} s, before the scripted 300 ms"


def check_stream(mock):
    status, headers, body = mock.post("hunyuan", "2023-09-01", "ChatCompletions",
                                      {"Messages": [{"Role": "user", "Content": "hi"}]})
    assert status == 200 and headers["Content-Type"] == "text/event-stream", (status, headers)
    assert REQUEST_ID.match(headers["X-TC-RequestId"]), headers
    chunks = [json.loads(line.removeprefix("data: "))
              for line in body.decode().splitlines() if line.startswith("data: ")]
    text = "".join(c["Choices"][0]["Delta"]["Content"] for c in chunks)
    assert text == "Hello" and len(chunks) == 2, chunks


def check_unnamed_falls_through(mock):
    response = mock.cvm("DescribeImageSharePermission", {"ImageId": "img-6pb6lrmy"})
    accounts = [s["AccountId"] for s in response["SharePermissionSet"]]
    assert accounts == ["101104350000", "101104350001"], response


def check_signature_still_checked(mock):
    response = mock.cvm("RunInstances", {}, secret_key="not-the-key")
    assert response["Error"]["Code"] == "AuthFailure.SignatureFailure", response


def check_bad_file_is_refused(binary):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as bad:
        bad.write('{"rules": [\n  {"service": "cvm", "action": "A", "cut": "sideways"}\n]}\n')
    try:
        done = subprocess.run(
            [binary, "--secret-id", SECRET_ID, "--secret-key", SECRET_KEY, "--scenario", bad.name],
            capture_output=True, text=True, timeout=30)
    finally:
        os.unlink(bad.name)
    assert done.returncode == 2, done
    assert "line 2 column" in done.stderr and "rules[0].cut" in done.stderr, done.stderr
    assert "panicked" not in done.stderr, done.stderr


def main():
    binary = sys.argv[1]
    mock = Mock(binary, os.path.join(HERE, "scenario.json"))
    checks = [check_error_envelope, check_throttled_then_answered, check_cut_before_answer,
              check_cut_mid_answer, check_latency_then_example, check_stream,
              check_unnamed_falls_through, check_signature_still_checked]
    failed = 0
    try:
        for check in checks:
            try:
                check(mock)
                print(f"ok: {check.__name__}")
            except Exception as error:  # noqa: BLE001 - each failure is reported
                failed += 1
                print(f"FAILED: {check.__name__}: {error!r}")
    finally:
        mock.stop()
    try:
        check_bad_file_is_refused(binary)
        print("ok: check_bad_file_is_refused")
    except Exception as error:  # noqa: BLE001
        failed += 1
        print(f"FAILED: check_bad_file_is_refused: {error!r}")
    total = len(checks) + 1
    print(f"{total - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
