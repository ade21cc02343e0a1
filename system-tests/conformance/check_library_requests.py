#!/usr/bin/env python3
"""Conformance of the requests libvipps sends to ePayment v1 against Vipps' epayment.v1.yml.

Run under scripts/with-simulator.sh with VIPPS_LIBRARY pointing at the built library (make
test-conformance). Drives the library through its Python binding on an ePayment client (every
user flow, the QR formats, expiry, receipt, the three kinds of customer, capture, refund, cancel,
the test approve), reads each request body from its debug
log (personal data included, so that patterns can be checked) and validates it against the body
schema the file gives for that path and method (with the fixes in epayment_spec). Prints one
line per request and "N passed, M failed"; exit 1 on a failure. Without ../shared it says why
and exits 0."""

from __future__ import annotations

import json
import logging
import os
import ssl
import sys
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import epayment_spec
from epayment_client import RESULTS, report

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bindings" / "python" / "src"))
import vipps  # noqa: E402


class Requests(logging.Handler):
    """Collects "METHOD /path request body: {...}" debug lines."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.bodies: list[tuple[str, str, object]] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        head, separator, body = message.partition(" request body: ")
        if separator and " " in head:
            method, path = head.split(" ", 1)
            self.bodies.append((method, path, json.loads(body)))


def control(env: os._Environ[str], path: str, body: dict[str, object]) -> dict[str, str]:
    """POST to the simulator's control API."""
    request = urllib.request.Request(env["VIPPS_SIM_URL"] + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    context = ssl.create_default_context(cafile=env["VIPPS_SIM_CA"])
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        answer: dict[str, str] = json.loads(response.read() or b"{}")
        return answer


def main() -> int:
    spec = epayment_spec.load()
    if spec is None:
        print("check_library_requests: skipped: Vipps' epayment.v1.yml or the order-management receipt schema is "
              "not there (../shared); nothing to check against")
        return 0
    requests = Requests()
    logger = logging.getLogger("vipps-conformance")
    logger.addHandler(requests)
    logger.setLevel(logging.DEBUG)
    env = os.environ
    client = vipps.Client(
        base_url=env["VIPPS_SIM_URL"], ca_file=env["VIPPS_SIM_CA"], client_id=env["VIPPS_SIM_CLIENT_ID"],
        client_secret=env["VIPPS_SIM_CLIENT_SECRET"], subscription_key=env["VIPPS_SIM_SUBSCRIPTION_KEY"],
        merchant_serial_number=env["VIPPS_SIM_MSN"], api="epayment", logger=logger, log_level=logging.DEBUG,
        log_personal_data=True)
    for flow in ("WEB_REDIRECT", "NATIVE_REDIRECT", "QR"):
        order_id = f"conf-lib-{uuid.uuid4().hex[:12]}"
        initiation = client.initiate(order_id, 1000, "One pair of socks", "https://shop.example/vipps",
                                     "https://shop.example/return", user_flow=flow,
                                     customer_phone_number="4791234567", scope="name")
        client.force_approve(order_id, initiation.token or "", phone_number="4791234567")
        client.capture(order_id, 400, "")
        client.capture(order_id, vipps.REMAINING, "")
        client.refund(order_id, 300, "")
    # What only ePayment takes: a long-living QR payment with a receipt and a PNG code, and
    # customers given by personal QR and by customer token (pushed to, so the sales unit may skip
    # the landing page).
    control(env, "/sim/v1/settings", {"merchants": {env["VIPPS_SIM_MSN"]: {"maySkipLandingPage": True}}})
    token = control(env, "/sim/v1/customer-tokens", {"phoneNumber": "4791234567"})["customerToken"]
    expires = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [vipps.ReceiptLine("kaffe-1", "Kaffe", 800, 640, 160, 2500),
             vipps.ReceiptLine("frakt", "Frakt", 200, 160, 40, 2550, is_shipping=True)]
    variants = [
        dict(user_flow="QR", qr_format="IMAGE/PNG", qr_size=400, expires_at=expires, receipt_lines=lines,
             receipt_bottom_line=vipps.ReceiptBottomLine(tip_amount=100, pos_id="till-3", receipt_number="R-1")),
        dict(user_flow="QR", qr_format="TEXT/TARGETURL"),
        dict(user_flow="PUSH_MESSAGE", customer_personal_qr="https://qr.vipps.no/28/2/01/031/4791234567?v=1"),
        dict(user_flow="PUSH_MESSAGE", customer_token=token, expires_at=expires, receipt_lines=lines),
    ]
    for extra in variants:
        order_id = f"conf-lib-{uuid.uuid4().hex[:12]}"
        initiation = client.initiate(order_id, 1000, "Coffee", "https://shop.example/vipps",
                                     "https://shop.example/return", idempotency_key=f"{order_id}-create", **extra)
        client.force_approve(order_id, initiation.token or "")
        client.capture(order_id, vipps.REMAINING, "")
    order_id = f"conf-lib-{uuid.uuid4().hex[:12]}"
    client.initiate(order_id, 1000, "Cancelled", "https://shop.example/vipps", "https://shop.example/return")
    client.cancel(order_id, "")
    client.close()

    seen = set()
    for method, path, body in requests.bodies:
        if not path.startswith("/epayment/"):
            continue
        schema = spec.request_schema(method, path)
        template, _ = spec.operation(method, path)
        seen.add((method, template))
        if schema is None:
            # Cancel: the older file declares no body; a newer one an optional {cancelTransactionOnly}.
            ok = method == "POST" and path.endswith("/cancel") and set(body) <= {"cancelTransactionOnly"}
            report(ok, f"{method} {template}", "" if ok else f"a body the file does not declare: {body}")
            continue
        errors = epayment_spec.validate(schema, body)
        report(not errors, f"{method} {template}", "; ".join(errors))
    expected = {("POST", t) for t in ("/epayment/v1/payments", "/epayment/v1/payments/{reference}/capture",
                                      "/epayment/v1/payments/{reference}/refund",
                                      "/epayment/v1/payments/{reference}/cancel",
                                      "/epayment/v1/test/payments/{reference}/approve")}
    report(expected <= seen, "every kind of request was seen", f"missing: {sorted(expected - seen)}")
    print(f"check_library_requests: {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
