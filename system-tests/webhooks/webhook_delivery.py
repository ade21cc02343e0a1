#!/usr/bin/env python3
"""Webhooks from a running vipps-sim to a receiver on loopback, checked from the outside: the
receiver answers 500, 500, then 200; the CREATED event must come three times, each attempt signed
anew and valid under an independent implementation of the signature (Python's hmac), and the
payment's AUTHORIZED event only after the 200. Retries run on the simulated clock, compressed so
that the whole sequence takes seconds of real time.

Run by `make test-webhooks` through scripts/with-simulator.sh (VIPPS_SIM_URL, VIPPS_SIM_CA and the
credentials). Standard library only."""

import base64
import hashlib
import hmac
import http.server
import json
import os
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

BASE = os.environ["VIPPS_SIM_URL"]
MSN = os.environ["VIPPS_SIM_MSN"]
CONTEXT = ssl.create_default_context(cafile=os.environ["VIPPS_SIM_CA"])
TIME_COMPRESSION = 60


def expect(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")


def call(method, path, headers=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, context=CONTEXT, timeout=10) as response:
            text = response.read().decode()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, (json.loads(text) if text else None)


def token():
    status, answer = call("POST", "/accesstoken/get", {
        "client_id": os.environ["VIPPS_SIM_CLIENT_ID"],
        "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
        "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
    })
    expect(status == 200, f"token: {status} {answer}")
    return answer["access_token"]


ACCESS = token()


def api(method, path, body=None, key=None):
    headers = {
        "Authorization": "Bearer " + ACCESS,
        "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
        "Merchant-Serial-Number": MSN,
        "Content-Type": "application/json",
    }
    if key is not None:
        headers["Idempotency-Key"] = key
    return call(method, path, headers, body)


class Receiver(http.server.BaseHTTPRequestHandler):
    """Answers with the next status of `answers` (200 once they run out) and records every request."""

    answers = [500, 500]
    received = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.lock:
            status = self.answers.pop(0) if self.answers else 200
            self.received.append({"path": self.path, "headers": dict(self.headers.items()), "body": body,
                                  "at": time.monotonic(), "answer": status})
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def verify(secret, url, request):
    """The documented algorithm, written here again without the simulator's code."""
    parsed = urllib.parse.urlsplit(url)
    path_and_query = (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
    default = {"https": 443, "http": 80}[parsed.scheme]
    host = parsed.hostname + (f":{parsed.port}" if parsed.port and parsed.port != default else "")
    headers = {name.lower(): value for name, value in request["headers"].items()}
    content_hash = base64.b64encode(hashlib.sha256(request["body"]).digest()).decode()
    expect(headers.get("x-ms-content-sha256") == content_hash, "x-ms-content-sha256 is the body's hash")
    date = headers.get("x-ms-date", "")
    time.strptime(date, "%a, %d %b %Y %H:%M:%S GMT")
    to_sign = f"POST\n{path_and_query}\n{date};{host};{content_hash}"
    mac = base64.b64encode(hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).digest()).decode()
    expected = f"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={mac}"
    expect(hmac.compare_digest(headers.get("authorization", ""), expected), f"signature of {request['body']!r}")
    expect(headers.get("x-vipps-authorization") == expected, "X-Vipps-Authorization carries the same signature")


def wait_for(count, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with Receiver.lock:
            if len(Receiver.received) >= count:
                return list(Receiver.received)
        time.sleep(0.02)
    with Receiver.lock:
        got = [json.loads(r["body"])["name"] for r in Receiver.received]
    sys.exit(f"FAIL: expected {count} webhook requests within {seconds} s, got {got}")


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/vipps/webhooks?shop=demo"

    status, settings = call("POST", "/sim/v1/webhooks/settings", {"Content-Type": "application/json"},
                            {"timeCompression": TIME_COMPRESSION})
    expect(status == 200 and settings["timeCompression"] == TIME_COMPRESSION, f"settings: {status} {settings}")
    events = ["epayments.payment.created.v1", "epayments.payment.authorized.v1", "epayments.payment.captured.v1"]
    status, registered = api("POST", "/webhooks/v1/webhooks", {"url": url, "events": events})
    expect(status == 201, f"register: {status} {registered}")
    secret = registered["secret"]
    status, listed = api("GET", "/webhooks/v1/webhooks")
    expect(status == 200 and listed["webhooks"] == [{"id": registered["id"], "url": url, "events": events}],
           f"list: {listed}")
    expect(secret not in json.dumps(listed), "the list never shows the secret")
    print("ok: registered, secret returned once")

    started = time.monotonic()
    reference = "webhooks-" + uuid.uuid4().hex[:16]
    status, created = api("POST", "/epayment/v1/payments", {
        "amount": {"currency": "NOK", "value": 25000}, "paymentMethod": {"type": "WALLET"},
        "customer": {"phoneNumber": "4791234567"}, "reference": reference, "userFlow": "WEB_REDIRECT",
        "returnUrl": "https://shop.example/return", "paymentDescription": "Webhook test",
    }, str(uuid.uuid4()))
    expect(status == 201, f"create: {status} {created}")
    wait_for(1)
    status, answer = api("POST", f"/epayment/v1/test/payments/{reference}/approve", {})
    expect(status == 200, f"approve: {status} {answer}")

    received = wait_for(4)
    elapsed = time.monotonic() - started
    names = [json.loads(r["body"])["name"] for r in received]
    expect(names == ["CREATED", "CREATED", "CREATED", "AUTHORIZED"], f"order of deliveries: {names}")
    expect([r["answer"] for r in received[:3]] == [500, 500, 200], "answers")
    expect(received[3]["at"] >= received[2]["at"], "AUTHORIZED only after the 200")
    for request in received:
        expect(request["path"] == "/vipps/webhooks?shop=demo", f"path {request['path']}")
        verify(secret, url, request)
    bodies = [json.loads(r["body"]) for r in received]
    expect(all(b["msn"] == MSN and b["reference"] == reference and b["amount"] == {"currency": "NOK", "value": 25000}
               for b in bodies), f"bodies: {bodies}")
    expect(elapsed < 30, f"the retries took {elapsed:.1f} s of real time")
    print(f"ok: CREATED x3 (500, 500, 200), then AUTHORIZED, all signatures valid, {elapsed:.1f} s")

    status, answer = api("POST", f"/epayment/v1/payments/{reference}/capture",
                         {"modificationAmount": {"currency": "NOK", "value": 25000}}, str(uuid.uuid4()))
    expect(status == 200, f"capture: {status} {answer}")
    received = wait_for(5)
    expect(json.loads(received[4]["body"])["name"] == "CAPTURED", "CAPTURED follows")
    verify(secret, url, received[4])

    # The receiver has a request a moment before the simulator records its answer.
    deadline = time.monotonic() + 10
    while True:
        status, report = call("GET", f"/sim/v1/webhooks?reference={reference}")
        expect(status == 200, f"control API: {status}")
        if report["pending"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    expect(secret not in json.dumps(report), "the control API never shows the secret")
    statuses = [[a["status"] for a in d["attempts"]] for d in report["deliveries"]]
    expect(statuses == [[500, 500, 200], [200], [200]], f"recorded attempts: {statuses}")
    expect(report["deliveries"][0]["attempts"][0]["nextAttemptAt"] is not None, "next retry recorded")
    print("ok: CAPTURED delivered; every attempt recorded in /sim/v1/webhooks")
    server.shutdown()


if __name__ == "__main__":
    main()
