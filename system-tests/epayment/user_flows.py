#!/usr/bin/env python3
"""The other ePayment user flows against a running vipps-sim over TLS: QR (the customer scans the
code: zbarimg reads the PNG, and the SVG rasterised here), TEXT/TARGETURL, NATIVE_REDIRECT,
PUSH_MESSAGE with a phone number and with a customer token, a card refused by a test amount, a
long-living payment with a receipt that expires, and a modification refused with 6160 while
another one on the same payment is still arriving. Each goes as far as a customer and a shop would:
approve, capture, partial refund, events.

Run by `make test-epayment` (scripts/with-simulator.sh sets the environment); needs zbarimg."""

import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone

from payment_flow import BASE, CONTEXT, MSN, ACCESS, api, call, check, expect, modify

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def create(body, key=None):
    status, created = api("POST", "/payments", body, key or str(uuid.uuid4()))
    expect(status == 201, f"create {body.get('userFlow')}: {status} {created}")
    return created


def new_reference(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


def base_body(reference, flow, value=10000, **extra):
    body = {"amount": {"currency": "NOK", "value": value}, "paymentMethod": {"type": "WALLET"},
            "reference": reference, "userFlow": flow}
    body.update(extra)
    return body


def scan(path):
    """What a phone's camera reads from the image file: the text of the one QR code in it."""
    result = subprocess.run(["zbarimg", "--quiet", "--raw", path], capture_output=True, text=True, timeout=30)
    expect(result.returncode == 0, f"zbarimg found no QR code in {path}: {result.stderr.strip()}")
    return result.stdout.strip()


def svg_to_pgm(svg, path, scale=4):
    """Rasterises the simulator's SVG (a white square and one path of unit rectangles) to a PGM,
    which zbarimg reads without an SVG renderer."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    dark = [[False] * size for _ in range(size)]
    rectangles = re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg)
    expect(rectangles, "the SVG has dark modules")
    for x, y, width in rectangles:
        for dx in range(int(width)):
            dark[int(y)][int(x) + dx] = True
    rows = bytearray()
    for y in range(size * scale):
        row = bytes(0 if dark[y // scale][x // scale] else 255 for x in range(size * scale))
        rows += row
    with open(path, "wb") as file:
        file.write(b"P5\n%d %d\n255\n" % (size * scale, size * scale) + bytes(rows))


def landing_push(landing, phone):
    """The customer's browser on the landing page: enter the number, which sends the push."""
    status, _, page = call("GET", landing)
    expect(status == 200 and "<form" in page, f"landing page {landing}: {status}")
    status, _, _ = call("POST", landing, FORM, urllib.parse.urlencode({"phoneNumber": phone}))
    expect(status == 303, f"landing form with {phone}: {status}")


def phone_act(phone, reference, action="approve", expect_message=None):
    """The customer's phone: the request is listed; approve or reject it."""
    status, _, page = call("GET", f"/sim/v1/phone/{phone}")
    expect(status == 200 and reference in page, f"the phone page of {phone} lists {reference}")
    blocks = page.split('class="request"')
    block = next((b for b in blocks if f'value="{reference}"' in b), None)
    expect(block is not None, f"a request block for {reference}")
    form = re.search(rf'<form[^>]*action="(/sim/v1/phone/\d+/{action})"(.*?)</form>', block, re.S)
    expect(form is not None, f"the phone page has a {action} form for {reference}")
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(2)))
    status, headers, _ = call("POST", form.group(1), FORM, urllib.parse.urlencode(fields))
    expect(status == 303, f"{action}: {status}")
    if expect_message:
        status, _, page = call("GET", headers["Location"])
        expect(expect_message in page, f"the phone page says {expect_message!r}")


def capture_refund_events(reference, value, create_key):
    modify(reference, "capture", value, f"{reference}-capture")
    modify(reference, "refund", value // 4, f"{reference}-refund")
    check(reference, "AUTHORIZED", value, 0, value, value // 4)
    status, events = api("GET", f"/payments/{reference}/events")
    expect(status == 200, f"events: {status}")
    names = [(e["name"], e["amount"]["value"], e["idempotencyKey"]) for e in events]
    want = [("CREATED", value, create_key), ("AUTHORIZED", value, create_key),
            ("CAPTURED", value, f"{reference}-capture"), ("REFUNDED", value // 4, f"{reference}-refund")]
    expect(names == want, f"events {names}, expected {want}")


def qr_png(workdir):
    reference = new_reference("qr-png")
    key = str(uuid.uuid4())
    created = create(base_body(reference, "QR", 30000, qrFormat={"format": "IMAGE/PNG", "size": 400}), key)
    image_url = created["redirectUrl"]
    expect(image_url.startswith(BASE + "/qr/v1?token="), f"QR redirectUrl {image_url}")
    with urllib.request.urlopen(image_url, context=CONTEXT, timeout=10) as response:
        expect(response.headers["Content-Type"] == "image/png", f"QR image: {response.headers['Content-Type']}")
        png = response.read()
    expect(png.startswith(b"\x89PNG\r\n\x1a\n"), "a PNG")
    path = os.path.join(workdir, "qr.png")
    with open(path, "wb") as file:
        file.write(png)
    target = scan(path)
    expect(target.startswith(BASE + "/") and "token=" in target, f"the QR code's target {target}")
    landing_push(target, "4791234567")
    phone_act("91234567", reference)
    check(reference, "AUTHORIZED", 30000, 0, 0, 0)
    status, _, _ = call("GET", image_url)
    expect(status == 410, f"a used QR code is gone: {status}")
    capture_refund_events(reference, 30000, key)
    print("ok: QR (PNG) scanned, approved, captured, refunded")


def qr_svg(workdir):
    reference = new_reference("qr-svg")
    created = create(base_body(reference, "QR", 12300))
    status, headers, svg = call("GET", created["redirectUrl"])
    expect(status == 200 and headers["Content-Type"] == "image/svg+xml", f"default QR image: {status}")
    path = os.path.join(workdir, "qr.pgm")
    svg_to_pgm(svg, path)
    target = scan(path)
    landing_push(target, "4791234567")
    phone_act("91234567", reference, "reject")
    check(reference, "ABORTED", 0, 0, 0, 0)
    print("ok: QR (SVG) scanned and rejected: ABORTED")


def qr_target_url():
    reference = new_reference("qr-text")
    created = create(base_body(reference, "QR", qrFormat={"format": "TEXT/TARGETURL"}))
    expect("/qr/v1" not in created["redirectUrl"] and "token=" in created["redirectUrl"],
           f"TEXT/TARGETURL gives the target itself: {created['redirectUrl']}")
    landing_push(created["redirectUrl"], "91234567")
    phone_act("91234567", reference)
    check(reference, "AUTHORIZED", 10000, 0, 0, 0)
    print("ok: QR TEXT/TARGETURL")


def native_redirect():
    reference = new_reference("native")
    key = str(uuid.uuid4())
    created = create(base_body(reference, "NATIVE_REDIRECT", 20000, returnUrl="myshop://paid"), key)
    deeplink = created["redirectUrl"]
    match = re.fullmatch(r"vipps://\??token=([\w-]+)", deeplink)
    expect(match is not None, f"a vipps:// deeplink: {deeplink}")
    # The simulated app opens the deeplink as the landing page of its token.
    landing = f"{BASE}/dwo-api-application/v1/deeplink/vippsgateway?v=2&token={match.group(1)}"
    landing_push(landing, "91234567")
    phone_act("91234567", reference)
    status, headers, _ = call("GET", landing)
    expect(status == 303 and headers["Location"] == "myshop://paid", f"back to the app: {status}")
    capture_refund_events(reference, 20000, key)
    print("ok: NATIVE_REDIRECT deeplink")


def push_message():
    status, _, text = call("POST", "/sim/v1/settings", {"Content-Type": "application/json"},
                           json.dumps({"merchants": {MSN: {"maySkipLandingPage": True}}}))
    expect(status == 200, f"settings: {status} {text}")
    reference = new_reference("push")
    key = str(uuid.uuid4())
    created = create(base_body(reference, "PUSH_MESSAGE", 15000, customer={"phoneNumber": "4791234567"}), key)
    expect("redirectUrl" not in created or created["redirectUrl"] is None, f"no redirectUrl: {created}")
    phone_act("91234567", reference)
    capture_refund_events(reference, 15000, key)
    print("ok: PUSH_MESSAGE to a phone number")

    status, _, text = call("POST", "/sim/v1/customer-tokens", {"Content-Type": "application/json"},
                           json.dumps({"phoneNumber": "4798765432"}))
    expect(status == 201, f"customer token: {status} {text}")
    token = json.loads(text)["customerToken"]
    reference = new_reference("token")
    create(base_body(reference, "PUSH_MESSAGE", customer={"customerToken": token}))
    phone_act("98765432", reference)
    check(reference, "AUTHORIZED", 10000, 0, 0, 0)
    status, problem = api("POST", "/payments", base_body(new_reference("badtoken"), "PUSH_MESSAGE",
                                                         customer={"customerToken": "not-issued"}), "bad-token")
    expect(status == 400 and {"name": "ErrorCode", "reason": "4050"} in problem["extraDetails"],
           f"unknown customer token: {status} {problem}")
    print("ok: PUSH_MESSAGE to a customer token; unknown token 4050")


def test_amount():
    reference = new_reference("refused")
    create(base_body(reference, "WEB_REDIRECT", 151, returnUrl="https://shop.example/r"))
    status, created = api("GET", f"/payments/{reference}")
    landing_push(created["redirectUrl"], "91234567")
    phone_act("91234567", reference, expect_message="Payment failed")
    # The card was refused, but the payment still waits: the customer gives up.
    check(reference, "CREATED", 0, 0, 0, 0)
    phone_act("91234567", reference, "reject")
    check(reference, "ABORTED", 0, 0, 0, 0)
    print("ok: test amount 151 refused, payment still CREATED, then ABORTED")


def advance(seconds):
    status, _, text = call("POST", "/sim/v1/clock/advance", {"Content-Type": "application/json"},
                           json.dumps({"seconds": seconds}))
    expect(status == 200, f"clock advance: {status} {text}")


def long_living():
    receipt = {"orderLines": [{"name": "socks", "id": "1", "totalAmount": 10000, "totalAmountExcludingTax": 8000,
                               "totalTaxAmount": 2000, "taxPercentage": 25,
                               "unitInfo": {"unitPrice": 5000, "quantity": "2", "quantityUnit": "PCS"}}],
               "bottomLine": {"currency": "NOK", "receiptNumber": "0042"}}
    now = datetime.now(timezone.utc)
    status, problem = api("POST", "/payments", base_body(new_reference("ll"), "QR", expiresAt=(
        now + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")), str(uuid.uuid4()))
    expect(status == 400 and {"name": "ErrorCode", "reason": "6130"} in problem["extraDetails"],
           f"expiresAt without receipt: {status} {problem}")
    status, problem = api("POST", "/payments", base_body(new_reference("ll"), "QR", receipt=receipt, expiresAt=(
        now + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")), str(uuid.uuid4()))
    expect(status == 400 and {"name": "ErrorCode", "reason": "6120"} in problem["extraDetails"],
           f"expiresAt too soon: {status} {problem}")
    bad = json.loads(json.dumps(receipt))
    del bad["orderLines"][0]["id"]
    status, problem = api("POST", "/payments", base_body(new_reference("ll"), "QR", receipt=bad),
                          str(uuid.uuid4()))
    expect(status == 400 and any(d["name"] == "receipt.orderLines[0].id" for d in problem["extraDetails"]),
           f"a receipt line without id: {status} {problem}")
    reference = new_reference("ll")
    create(base_body(reference, "QR", receipt=receipt, expiresAt=(now + timedelta(minutes=30)).strftime(
        "%Y-%m-%dT%H:%M:%S+00:00")))
    # Still waiting after the usual ten minutes, expired after thirty.
    advance(15 * 60)
    check(reference, "CREATED", 0, 0, 0, 0)
    advance(16 * 60)
    check(reference, "EXPIRED", 0, 0, 0, 0)
    print("ok: long-living QR payment with a receipt: waits past 10 minutes, expires at expiresAt (an offset, not Z)")


def order_processing():
    """A capture whose body is still arriving holds the payment: a refund meanwhile gets 6160."""
    reference = new_reference("locked")
    created = create(base_body(reference, "WEB_REDIRECT", 10000, returnUrl="https://shop.example/r"))
    status, _ = api("POST", f"/test/payments/{reference}/approve", {})
    expect(status == 200, f"force approve: {status}")
    host, port = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
    body = json.dumps({"modificationAmount": {"currency": "NOK", "value": 1000}}).encode()
    raw = socket.create_connection((host, port), timeout=10)
    slow = CONTEXT.wrap_socket(raw, server_hostname=host)
    head = (f"POST /epayment/v1/payments/{reference}/capture HTTP/1.1\r\nHost: {host}\r\n"
            f"Authorization: Bearer {ACCESS}\r\nOcp-Apim-Subscription-Key: {os.environ['VIPPS_SIM_SUBSCRIPTION_KEY']}\r\n"
            f"Merchant-Serial-Number: {MSN}\r\nIdempotency-Key: slow-capture\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    slow.sendall(head + body[:10])
    verdict = None
    for _ in range(50):
        status, problem = api("POST", f"/payments/{reference}/refund",
                              {"modificationAmount": {"currency": "NOK", "value": 1}}, "meanwhile")
        if status == 409:
            verdict = problem
            break
        time.sleep(0.05)
    expect(verdict is not None and {"name": "ErrorCode", "reason": "6160"} in verdict["extraDetails"],
           f"a modification while another is in progress: {verdict}")
    slow.sendall(body[10:])
    answer = b""
    while chunk := slow.recv(65536):
        answer += chunk
    slow.close()
    expect(answer.startswith(b"HTTP/1.1 200"), f"the slow capture went through: {answer[:60]!r}")
    check(reference, "AUTHORIZED", 10000, 0, 1000, 0)
    print("ok: 6160 while another modification of the payment is in progress")


def main():
    expect(shutil.which("zbarimg") is not None, "zbarimg (Debian zbar-tools) is needed to read the QR codes")
    with tempfile.TemporaryDirectory() as workdir:
        qr_png(workdir)
        qr_svg(workdir)
    qr_target_url()
    native_redirect()
    push_message()
    test_amount()
    order_processing()
    long_living()


if __name__ == "__main__":
    main()
    print("ePayment user flows: passed")
