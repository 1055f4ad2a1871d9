"""An independent TC3-HMAC-SHA256 checking endpoint (standard library only),
for tc-bench/scripts/random_services.sh. Written from the published
description of the algorithm, not from any SDK or from tc-core:

  CanonicalRequest = Method \\n "/" \\n CanonicalQueryString \\n
                     CanonicalHeaders \\n SignedHeaders \\n hex(SHA256(body))
      CanonicalQueryString: the raw query string for GET, "" for POST;
      CanonicalHeaders: "name:value\\n" for each signed header, name and value
      in lower case, value trimmed (content-type and host at least), in
      SignedHeaders order.
  CredentialScope  = Date "/" Service "/tc3_request"  (Date: UTC day of X-TC-Timestamp)
  StringToSign     = "TC3-HMAC-SHA256" \\n Timestamp \\n CredentialScope \\n
                     hex(SHA256(CanonicalRequest))
  SecretDate = HMAC_SHA256("TC3" + SecretKey, Date)
  SecretService = HMAC_SHA256(SecretDate, Service)
  SecretSigning = HMAC_SHA256(SecretService, "tc3_request")
  Signature = hex(HMAC_SHA256(SecretSigning, StringToSign))

    tc3_verifier.py SECRET_ID SECRET_KEY SPECS_DIR LOG_FILE

Listens on a free 127.0.0.1 port and prints `listening on http://127.0.0.1:PORT`.
Besides the signature it checks that the credential scope's service is the
one the specs name for (X-TC-Version, X-TC-Action) and that the Host header
is an address or a name starting with that service. A request that passes is
answered `{"Response":{"RequestId":...}}` (with TC3_VERIFIER_ANSWERS=examples:
the action's first example response when it has one that is not an error,
with a fresh RequestId, so the typed decoding of the answers is tried too);
one that fails gets an `AuthFailure.*` envelope. Each request is logged to
LOG_FILE as one JSON line (service, version, action, ok, code, why, whether
the JSON body is the spec's first example request: see `same_request`).

Two opt-ins, for comparing command lines (tc-cli/tests/tccli.rs):
TC3_VERIFIER_LOG_BODIES=1 adds each accepted POST's JSON body to its line
(`body`); TC3_VERIFIER_HOST_SCHEME=strip reads a Host header that starts with
`http://` or `https://` without it (tccli sends its `--endpoint` URL whole as
the Host header; the signature covers it as sent either way).
"""

import hashlib
import hmac
import ipaddress
import json
import os
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

ALGORITHM = "TC3-HMAC-SHA256"
MAX_SKEW = 300
ANSWER_EXAMPLES = os.environ.get("TC3_VERIFIER_ANSWERS") == "examples"
LOG_BODIES = os.environ.get("TC3_VERIFIER_LOG_BODIES") == "1"
STRIP_HOST_SCHEME = os.environ.get("TC3_VERIFIER_HOST_SCHEME") == "strip"


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def hmac_sha256(key, text):
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()


def load_specs(specs):
    """{(service, version, action): (first request body or None, first answer or None)}."""
    index = {}
    for name in sorted(os.listdir(specs)):
        path = os.path.join(specs, name)
        if not os.path.isfile(os.path.join(path, "schema.json")):
            continue
        with open(os.path.join(path, "schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        with open(os.path.join(path, "examples.json"), encoding="utf-8") as f:
            examples = json.load(f)
        for action in schema["actions"]:
            first = (examples.get(action) or [{}])[0]
            request = response = None
            try:
                request = json.loads(first.get("request_body") or "null")
            except ValueError:
                pass
            try:
                answer = json.loads(first.get("response") or "null")
                if isinstance(answer, dict) and isinstance(answer.get("Response"), dict) \
                        and "Error" not in answer["Response"]:
                    response = answer["Response"]
            except ValueError:
                pass
            index[(schema["service"], schema["version"], action)] = (request, response)
    return index


def without_nulls(value):
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


def same_request(received, example):
    """Whether the body sent is the example's: a member given as null may be
    left out (both mean unset), and a ClientToken the example lacks may be
    added (the client makes one for idempotent retries)."""
    if not isinstance(received, dict) or not isinstance(example, dict):
        return received == example
    if "ClientToken" in received and "ClientToken" not in example:
        received = {k: v for k, v in received.items() if k != "ClientToken"}
    return without_nulls(received) == without_nulls(example)


class Refused(Exception):
    def __init__(self, code, why):
        super().__init__(why)
        self.code, self.why = code, why


def parse_authorization(value):
    algorithm, _, rest = value.partition(" ")
    if algorithm != ALGORITHM:
        raise Refused("AuthFailure.InvalidAuthorization", f"algorithm `{algorithm}`")
    parts = {}
    for item in rest.split(","):
        key, _, val = item.strip().partition("=")
        parts[key] = val
    try:
        secret_id, date, service, terminator = parts["Credential"].split("/")
        signed = parts["SignedHeaders"].split(";")
        signature = parts["Signature"]
    except (KeyError, ValueError):
        raise Refused("AuthFailure.InvalidAuthorization", "malformed Authorization") from None
    if terminator != "tc3_request":
        raise Refused("AuthFailure.InvalidAuthorization", "scope does not end with tc3_request")
    return secret_id, date, service, signed, signature


def verify(method, target, headers, body, secret_id_known, secret_key, index):
    """(service, version, action) of a correctly signed request, or Refused."""
    authorization = headers.get("Authorization")
    if not authorization:
        raise Refused("AuthFailure.InvalidAuthorization", "no Authorization header")
    secret_id, date, service, signed, signature = parse_authorization(authorization)
    if secret_id != secret_id_known:
        raise Refused("AuthFailure.SecretIdNotFound", f"unknown SecretId {secret_id}")
    if "content-type" not in signed or "host" not in signed:
        raise Refused("AuthFailure.InvalidAuthorization", "content-type and host must be signed")
    try:
        timestamp = int(headers.get("X-TC-Timestamp", ""))
    except ValueError:
        raise Refused("AuthFailure.InvalidAuthorization", "no X-TC-Timestamp") from None
    if abs(time.time() - timestamp) > MAX_SKEW:
        raise Refused("AuthFailure.SignatureExpire", "timestamp too far from now")
    if datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%d") != date:
        raise Refused("AuthFailure.SignatureFailure", "scope date is not the timestamp's UTC day")

    query = urlsplit(target).query if method == "GET" else ""
    canonical_headers = ""
    for name in signed:
        value = headers.get(name)
        if value is None:
            raise Refused("AuthFailure.InvalidAuthorization", f"signed header {name} missing")
        canonical_headers += f"{name.lower()}:{value.strip().lower()}\n"
    payload = b"UNSIGNED-PAYLOAD" if headers.get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" else body
    canonical = "\n".join([method, "/", query, canonical_headers, ";".join(signed), sha256_hex(payload)])
    scope = f"{date}/{service}/tc3_request"
    to_sign = "\n".join([ALGORITHM, str(timestamp), scope, sha256_hex(canonical.encode("utf-8"))])
    key = hmac_sha256(("TC3" + secret_key).encode("utf-8"), date)
    key = hmac_sha256(key, service)
    key = hmac_sha256(key, "tc3_request")
    expected = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Refused("AuthFailure.SignatureFailure", "signature does not match")

    version, action = headers.get("X-TC-Version", ""), headers.get("X-TC-Action", "")
    if (service, version, action) not in index:
        raise Refused("AuthFailure.InvalidAuthorization",
                      f"no action {action} of version {version} for service `{service}` in the specs")
    host = headers.get("Host") or ""
    if STRIP_HOST_SCHEME:
        for scheme in ("http://", "https://"):
            if host.startswith(scheme):
                host = host[len(scheme):]
    host = host.rsplit(":", 1)[0].strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host != "localhost" and host.split(".")[0] != service:
            raise Refused("AuthFailure.InvalidAuthorization",
                          f"signed for `{service}` but sent to host {host}") from None
    return service, version, action


def serve(secret_id, secret_key, specs, log_path):
    index = load_specs(specs)
    log = open(log_path, "a", encoding="utf-8")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def handle_one(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request_id = str(uuid.uuid4())
            entry = {"action": self.headers.get("X-TC-Action"),
                     "version": self.headers.get("X-TC-Version")}
            try:
                service, version, action = verify(self.command, self.path, self.headers, body,
                                                  secret_id, secret_key, index)
                example_request, example_response = index[(service, version, action)]
                entry.update(service=service, ok=True)
                if self.command == "POST":
                    try:
                        received = json.loads(body or b"{}")
                    except ValueError:
                        received = None
                    entry["body_equals_example"] = same_request(received, example_request)
                    if LOG_BODIES:
                        entry["body"] = received
                answer = dict(example_response or {}) if ANSWER_EXAMPLES else {}
                answer["RequestId"] = request_id
            except Refused as refused:
                entry.update(ok=False, code=refused.code, why=refused.why)
                answer = {"Error": {"Code": refused.code, "Message": refused.why},
                          "RequestId": request_id}
            with lock:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
                log.flush()
            out = json.dumps({"Response": answer}, ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.send_header("X-TC-RequestId", request_id)
            self.end_headers()
            self.wfile.write(out)

        do_POST = do_GET = handle_one

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    serve(*sys.argv[1:5])
