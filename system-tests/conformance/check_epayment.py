#!/usr/bin/env python3
"""Conformance of vipps-sim's ePayment v1 answers against Vipps' epayment.v1.yml.

Run under scripts/with-simulator.sh (make test-conformance). Drives every user flow, the
modifications, the idempotent replays, the documented errors and an eCom payment read and captured
through ePayment, and validates each answer: status, media type, and the body against the schema
the file gives for that path, method and status (with the fixes in epayment_spec.FIXES). Prints
one line per check and "N passed, M failed"; exit 1 on a failure. Without ../shared it says why
and exits 0."""

from __future__ import annotations

import json
import sys
import uuid
from datetime import datetime, timedelta, timezone

import epayment_spec
from epayment_client import FIXES_USED, RESULTS, Simulator, report

P = "/epayment/v1/payments"


def reference(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def create_body(ref, flow="WEB_REDIRECT", value=49900, **extra):
    body = {"amount": {"currency": "NOK", "value": value}, "paymentMethod": {"type": "WALLET"},
            "reference": ref, "userFlow": flow, "paymentDescription": "One pair of socks"}
    if flow == "WEB_REDIRECT":
        body["returnUrl"] = f"https://shop.example/return?reference={ref}"
    body.update(extra)
    return body


def whole_payment(sim):
    ref = reference("conf-web")
    key = str(uuid.uuid4())
    body = create_body(ref, customer={"phoneNumber": "4791234567"}, metadata={"orderId": "123"},
                       profile={"scope": "name"})
    sim.checked("create WEB_REDIRECT", "POST", P, 201, body=body, key=key)
    sim.checked("create replay (same key, same body)", "POST", P, 201, body=body, key=key)
    sim.checked("get CREATED", "GET", f"{P}/{ref}", 200)
    sim.checked("events CREATED", "GET", f"{P}/{ref}/events", 200)
    sim.checked("force approve", "POST", f"/epayment/v1/test/payments/{ref}/approve", 200,
                body={"customer": {"phoneNumber": "4791234567"}})
    capture = {"modificationAmount": {"currency": "NOK", "value": 10000}}
    sim.checked("capture part", "POST", f"{P}/{ref}/capture", 200, body=capture, key=f"{ref}-c1")
    sim.checked("capture replay", "POST", f"{P}/{ref}/capture", 200, body=capture, key=f"{ref}-c1")
    sim.checked("capture conflict (same key, other body)", "POST", f"{P}/{ref}/capture", 409, code=4010,
                body={"modificationAmount": {"currency": "NOK", "value": 1}}, key=f"{ref}-c1")
    sim.checked("capture too much", "POST", f"{P}/{ref}/capture", 400, code=6090,
                body={"modificationAmount": {"currency": "NOK", "value": 49900}}, key=f"{ref}-c2")
    sim.checked("refund part", "POST", f"{P}/{ref}/refund", 200, key=f"{ref}-r1",
                body={"modificationAmount": {"currency": "NOK", "value": 2500}})
    sim.checked("refund too much", "POST", f"{P}/{ref}/refund", 400, code=6150, key=f"{ref}-r2",
                body={"modificationAmount": {"currency": "NOK", "value": 9000}})
    sim.checked("cancel the rest", "POST", f"{P}/{ref}/cancel", 200, key=f"{ref}-x1")
    sim.checked("capture after cancel", "POST", f"{P}/{ref}/capture", 400, code=6070, key=f"{ref}-c3",
                body={"modificationAmount": {"currency": "NOK", "value": 100}})
    payment = sim.checked("get after modifications", "GET", f"{P}/{ref}", 200)
    aggregate = {k: v["value"] for k, v in (payment or {}).get("aggregate", {}).items()}
    report(aggregate == {"authorizedAmount": 49900, "cancelledAmount": 39900, "capturedAmount": 10000,
                         "refundedAmount": 2500}, "aggregate adds up", str(aggregate))
    events = sim.checked("events of the whole payment", "GET", f"{P}/{ref}/events", 200) or []
    names = [event.get("name") for event in events]
    report(names == ["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED", "CANCELLED"], "event names", str(names))


def other_flows(sim):
    sim.raw("POST", "/sim/v1/settings", {"Content-Type": "application/json"},
            json.dumps({"merchants": {sim.msn: {"maySkipLandingPage": True}}}))
    sim.checked("create NATIVE_REDIRECT", "POST", P, 201, key=str(uuid.uuid4()),
                body=create_body(reference("conf-app"), "NATIVE_REDIRECT", returnUrl="myshop://back"))
    sim.checked("create PUSH_MESSAGE", "POST", P, 201, key=str(uuid.uuid4()),
                body=create_body(reference("conf-push"), "PUSH_MESSAGE", customer={"phoneNumber": "4791234567"}))
    sim.checked("create QR (SVG)", "POST", P, 201, key=str(uuid.uuid4()), body=create_body(reference("conf-qr"), "QR"))
    sim.checked("create QR (PNG)", "POST", P, 201, key=str(uuid.uuid4()),
                body=create_body(reference("conf-qr"), "QR", qrFormat={"format": "IMAGE/PNG", "size": 300}))
    sim.checked("create QR (TEXT/TARGETURL)", "POST", P, 201, key=str(uuid.uuid4()),
                body=create_body(reference("conf-qr"), "QR", qrFormat={"format": "TEXT/TARGETURL"}))
    receipt = {"orderLines": [{"name": "socks", "id": "1", "totalAmount": 49900, "totalAmountExcludingTax": 39920,
                               "totalTaxAmount": 9980, "taxRate": 2500,
                               "unitInfo": {"unitPrice": 49900, "quantity": "1", "quantityUnit": "PCS"}}],
               "bottomLine": {"currency": "NOK", "posId": "till-1", "receiptNumber": "42"}}
    expires = (datetime.now(timezone.utc) + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ref = reference("conf-ll")
    sim.checked("create long-living QR with receipt", "POST", P, 201, key=str(uuid.uuid4()),
                body=create_body(ref, "QR", expiresAt=expires, receipt=receipt, receiptUrl="https://shop.example/r"))
    sim.checked("get long-living", "GET", f"{P}/{ref}", 200)
    ref = reference("conf-cancel")
    sim.checked("create to cancel", "POST", P, 201, key=str(uuid.uuid4()), body=create_body(ref))
    sim.checked("cancel before approval (TERMINATED)", "POST", f"{P}/{ref}/cancel", 200, key="1",
                body={"cancelTransactionOnly": True})
    sim.checked("events TERMINATED", "GET", f"{P}/{ref}/events", 200)


def errors(sim):
    sim.checked("create: fields missing", "POST", P, 400, body={}, key=str(uuid.uuid4()))
    sim.checked("create: amount too small", "POST", P, 400, code=6010, key=str(uuid.uuid4()),
                body=create_body(reference("conf-err"), value=99))
    sim.checked("create: decimal amount", "POST", P, 400, code=4040, key=str(uuid.uuid4()),
                body=create_body(reference("conf-err"), value=100.5))
    sim.checked("create: http returnUrl", "POST", P, 400, code=4090, key=str(uuid.uuid4()),
                body=create_body(reference("conf-err"), returnUrl="http://shop.example"))
    sim.checked("create: expiresAt without receipt", "POST", P, 400, code=6130, key=str(uuid.uuid4()),
                body=create_body(reference("conf-err"), "QR", expiresAt="2099-01-01T00:00:00Z"))
    ref = reference("conf-dup")
    sim.checked("create", "POST", P, 201, body=create_body(ref), key="conf-dup-key-1")
    sim.checked("create: reference taken", "POST", P, 409, code=4150, body=create_body(ref), key=str(uuid.uuid4()))
    sim.checked("create: key reused with another body", "POST", P, 409, code=4020,
                body=create_body(reference("conf-dup")), key="conf-dup-key-1")
    sim.checked("capture before approval", "POST", f"{P}/{ref}/capture", 400, code=6080, key=str(uuid.uuid4()),
                body={"modificationAmount": {"currency": "NOK", "value": 100}})
    sim.checked("refund before approval", "POST", f"{P}/{ref}/refund", 400, code=6020, key=str(uuid.uuid4()),
                body={"modificationAmount": {"currency": "NOK", "value": 100}})
    sim.checked("capture of an unknown reference", "POST", f"{P}/no-such-payment/capture", 404, code=5090,
                key=str(uuid.uuid4()), body={"modificationAmount": {"currency": "NOK", "value": 100}})
    sim.checked("get of an unknown reference", "GET", f"{P}/no-such-payment", 404, code=5090)
    sim.checked("create for a foreign sales unit", "POST", P, 403, body=create_body(reference("conf-msn")),
                headers=sim.headers(str(uuid.uuid4()), msn="999999"))


def ecom_payment(sim):
    """An eCom payment, read and changed through ePayment."""
    order = reference("conf-ecom")
    status, _, body = sim.raw("POST", "/ecomm/v2/payments", {
        "Authorization": f"Bearer {sim.token}", "Ocp-Apim-Subscription-Key": sim.subscription_key,
        "Merchant-Serial-Number": sim.msn, "Content-Type": "application/json"}, json.dumps({
            "merchantInfo": {"merchantSerialNumber": sim.msn, "callbackPrefix": "https://shop.example/cb",
                             "fallBack": "https://shop.example/back"},
            "customerInfo": {"mobileNumber": "91234567"},
            "transaction": {"orderId": order, "amount": 20000, "transactionText": "eCom socks"}}))
    if not report(status == 200, "eCom initiate", f"{status} {body[:200]!r}"):
        return
    sim.checked("ePayment get of an eCom payment", "GET", f"{P}/{order}", 200)
    sim.checked("ePayment force approve of an eCom payment", "POST", f"/epayment/v1/test/payments/{order}/approve",
                200, body={})
    sim.checked("ePayment capture of an eCom payment", "POST", f"{P}/{order}/capture", 200, key=f"{order}-c",
                body={"modificationAmount": {"currency": "NOK", "value": 5000}})
    sim.checked("ePayment events of an eCom payment", "GET", f"{P}/{order}/events", 200)


def main():
    spec = epayment_spec.load()
    if spec is None:
        print("conformance (ePayment): skipped (../shared/vipps-epayment-api or "
              "../shared/vipps-order-management-api not found)")
        return 0
    sim = Simulator(spec)
    sim.fetch_token()
    whole_payment(sim)
    other_flows(sim)
    errors(sim)
    ecom_payment(sim)
    for fix in sorted(FIXES_USED):
        print(f"spec fix used: {fix}: {epayment_spec.FIXES[fix]}")
    print(f"conformance (ePayment): {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
