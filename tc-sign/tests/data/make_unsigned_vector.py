#!/usr/bin/env python3
"""Produces the `unsigned-payload` vector of tc3.json with Tencent Cloud's
official Python SDK, so that our signer is checked against the official
algorithm and not against our reading of it. Run once by hand; the tests only
read the JSON it prints.

    python3 -m venv /tmp/tc3 && /tmp/tc3/bin/pip install tencentcloud-sdk-python-common
    /tmp/tc3/bin/python tc-sign/tests/data/make_unsigned_vector.py

The SDK computes the signature; this script captures the string to sign the SDK
hands to its HMAC step and rebuilds the canonical request only to check that its
hash is the one inside that string.
"""
import hashlib
import json
import time
from unittest import mock

from tencentcloud.common import credential
from tencentcloud.common.abstract_client import AbstractClient
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.sign import Sign

SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******"
SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3*******"
TIMESTAMP = 1551113065
HOST = "cvm.tencentcloudapi.com"
PARAMS = {"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}


class Cvm(AbstractClient):
    _apiVersion = "2017-03-12"
    _endpoint = HOST
    _service = "cvm"


def main():
    profile = ClientProfile()
    profile.unsignedPayload = True
    client = Cvm(credential.Credential(SECRET_ID, SECRET_KEY), "ap-guangzhou", profile)

    captured = {}
    real_sign = Sign.sign_tc3

    def spy(secret_key, date, service, string_to_sign):
        captured["string_to_sign"] = string_to_sign
        captured["signature"] = real_sign(secret_key, date, service, string_to_sign)
        return captured["signature"]

    req = RequestInternal(HOST, "POST", "/")
    with mock.patch("time.time", return_value=TIMESTAMP), mock.patch.object(Sign, "sign_tc3", spy):
        client._build_req_with_tc3_signature("DescribeInstances", PARAMS, req)

    headers = req.header
    assert headers["X-TC-Content-SHA256"] == "UNSIGNED-PAYLOAD"
    payload_hash = hashlib.sha256(b"UNSIGNED-PAYLOAD").hexdigest()
    canonical_request = "POST\n/\n\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s" % (
        headers["Content-Type"], HOST, payload_hash)
    hashed = hashlib.sha256(canonical_request.encode()).hexdigest()
    assert captured["string_to_sign"].endswith("\n" + hashed), "canonical request differs from the SDK's"

    print(json.dumps({
        "name": "sdk-unsigned-payload",
        "secret_id": SECRET_ID,
        "secret_key": SECRET_KEY,
        "method": "POST",
        "host": HOST,
        "path": "/",
        "query": "",
        "content_type": headers["Content-Type"],
        "action": "DescribeInstances",
        "version": "2017-03-12",
        "region": "ap-guangzhou",
        "service": "cvm",
        "timestamp": TIMESTAMP,
        "date": time.strftime("%Y-%m-%d", time.gmtime(TIMESTAMP)),
        "payload": req.data,
        "unsigned_payload": True,
        "payload_hash": payload_hash,
        "signed_headers": "content-type;host",
        "canonical_request": canonical_request,
        "hashed_canonical_request": hashed,
        "string_to_sign": captured["string_to_sign"],
        "signature": captured["signature"],
        "authorization": headers["Authorization"],
    }, indent=2, ensure_ascii=True))


if __name__ == "__main__":
    main()
