#!/usr/bin/env python3
"""The Webhooks API of a running vipps-sim against Vipps' OpenAPI file (register, list, delete and
their 400 problems), and the delivered webhook bodies against ePayment's `WebhookEvent` schema.

Skips (exit 0) without Vipps' files (../shared or $VIPPS_SHARED_DIR). Run by `make test-webhooks`."""

import http.server
import json
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common_openapi import Results, Simulator, deref, load_yaml, schema_errors, shared_dir  # noqa: E402


class Receiver(http.server.BaseHTTPRequestHandler):
    bodies = []

    def do_POST(self):
        Receiver.bodies.append(json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0")))))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def response_schema(spec, path, method, status):
    response = spec["paths"][path][method]["responses"][str(status)]
    content = response.get("content") or {}
    return {media: deref(body["schema"], spec) for media, body in content.items()}


def main():
    shared = shared_dir()
    webhooks_file = shared and shared / "vipps-webhooks-api" / "docs" / "swagger.yaml"
    epayment_file = shared and shared / "vipps-epayment-api" / "docs" / "epayment.v1.yml"
    if not shared or not webhooks_file.is_file() or not epayment_file.is_file():
        print("webhooks conformance: skipped (Vipps' OpenAPI files in ../shared not found)")
        return 0
    spec, epayment = load_yaml(webhooks_file), load_yaml(epayment_file)
    sim, results = Simulator(), Results("webhooks conformance")
    headers = sim.api_headers(sim.token())

    def check(what, answer, path, method, status):
        got, answer_headers, body = answer
        if not results.check(got == status, f"{what}: {status}", f"{got} {body}"):
            return
        for media, schema in response_schema(spec, path, method, status).items():
            results.check(answer_headers.get("Content-Type", "").startswith(media), f"{what}: {media}",
                          answer_headers.get("Content-Type"))
            errors = schema_errors(schema, body)
            results.check(not errors, f"{what}: body matches the schema", "; ".join(errors))
        if not response_schema(spec, path, method, status):
            results.check(body in (None, ""), f"{what}: no body", repr(body))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hooks"
    all_events = [f"epayments.payment.{n}.v1" for n in
                  ("created", "aborted", "expired", "cancelled", "captured", "refunded", "authorized", "terminated")]

    registered = sim.call("POST", "/webhooks/v1/webhooks", headers, {"url": url, "events": all_events})
    check("register", registered, "/v1/webhooks", "post", 201)
    check("list", sim.call("GET", "/webhooks/v1/webhooks", headers), "/v1/webhooks", "get", 200)
    for what, body in (("register without url", {"events": all_events}),
                       ("register with an unknown event", {"url": url, "events": ["payment.paid"]}),
                       ("register with a non-loopback http URL", {"url": "http://shop.example/h", "events": all_events}),
                       ("register with an extra member", {"url": url, "events": all_events, "x": 1})):
        check(what, sim.call("POST", "/webhooks/v1/webhooks", headers, body), "/v1/webhooks", "post", 400)
    check("delete an id that is no UUID", sim.call("DELETE", "/webhooks/v1/webhooks/not-a-uuid", headers),
          "/v1/webhooks/{id}", "delete", 400)

    # Every event type of a payment's life, delivered and checked against WebhookEvent.
    reference = "conformance-" + uuid.uuid4().hex[:12]
    body = {"amount": {"currency": "NOK", "value": 30000}, "paymentMethod": {"type": "WALLET"},
            "customer": {"phoneNumber": "4791234567"}, "reference": reference, "userFlow": "WEB_REDIRECT",
            "returnUrl": "https://shop.example/return", "paymentDescription": "Conformance"}
    for method, path, payload in (
            ("POST", "/epayment/v1/payments", body),
            ("POST", f"/epayment/v1/test/payments/{reference}/approve", {}),
            ("POST", f"/epayment/v1/payments/{reference}/capture",
             {"modificationAmount": {"currency": "NOK", "value": 10000}}),
            ("POST", f"/epayment/v1/payments/{reference}/refund",
             {"modificationAmount": {"currency": "NOK", "value": 5000}}),
            ("POST", f"/epayment/v1/payments/{reference}/cancel", {})):
        status, _, answer = sim.call(method, path, dict(headers, **{"Idempotency-Key": str(uuid.uuid4())}), payload)
        results.check(status in (200, 201), f"{method} {path}", f"{status} {answer}")
    deadline = time.monotonic() + 10
    while len(Receiver.bodies) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    names = [b.get("name") for b in Receiver.bodies]
    results.check(names == ["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED", "CANCELLED"], "events in order",
                  str(names))
    schema = deref(epayment["components"]["schemas"]["WebhookEvent"], epayment)
    for delivered in Receiver.bodies:
        errors = schema_errors(schema, delivered)
        results.check(not errors, f"webhook {delivered.get('name')} matches WebhookEvent", "; ".join(errors))

    webhook_id = registered[2]["id"]
    check("delete", sim.call("DELETE", f"/webhooks/v1/webhooks/{webhook_id}", headers), "/v1/webhooks/{id}",
          "delete", 204)
    server.shutdown()
    return results.finish()


if __name__ == "__main__":
    sys.exit(main())
