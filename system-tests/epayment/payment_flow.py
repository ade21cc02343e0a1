#!/usr/bin/env python3
"""A whole ePayment v1 payment against a running vipps-sim over TLS, with nothing but the standard
library: create (WEB_REDIRECT), the customer approves on the landing page and the phone page (plain
HTTP requests, as a browser makes them), capture part, capture the rest, refund part, events.
State and aggregate are checked after each step.

Run by `make test-epayment` through scripts/with-simulator.sh, which sets VIPPS_SIM_URL, VIPPS_SIM_CA
and the credentials."""

import json
import os
import re
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

BASE = os.environ["VIPPS_SIM_URL"]
MSN = os.environ["VIPPS_SIM_MSN"]
CONTEXT = ssl.create_default_context(cafile=os.environ["VIPPS_SIM_CA"])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(urllib.request.HTTPSHandler(context=CONTEXT), NoRedirect())


def call(method, url, headers=None, body=None):
    """Returns (status, headers, text); HTTP errors are answers too."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url if url.startswith("http") else BASE + url, data=data, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def expect(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")


def token():
    status, _, text = call("POST", "/accesstoken/get", {
        "client_id": os.environ["VIPPS_SIM_CLIENT_ID"],
        "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
        "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
    }, b"")
    expect(status == 200, f"token: {status} {text}")
    return json.loads(text)["access_token"]


ACCESS = token()


def api(method, path, body=None, key=None):
    headers = {
        "Authorization": "Bearer " + ACCESS,
        "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
        "Merchant-Serial-Number": MSN,
        "Content-Type": "application/json",
        "Vipps-System-Name": "epayment-flow-test",
    }
    if key is not None:
        headers["Idempotency-Key"] = key
    status, _, text = call(method, "/epayment/v1" + path, headers, None if body is None else json.dumps(body))
    return status, (json.loads(text) if text else None)


def check(reference, state, authorized, cancelled, captured, refunded):
    status, payment = api("GET", f"/payments/{reference}")
    expect(status == 200, f"GET payment: {status} {payment}")
    aggregate = {name: payment["aggregate"][name]["value"] for name in payment["aggregate"]}
    want = {"authorizedAmount": authorized, "cancelledAmount": cancelled, "capturedAmount": captured, "refundedAmount": refunded}
    expect(payment["state"] == state, f"state {payment['state']}, expected {state}")
    expect(aggregate == want, f"aggregate {aggregate}, expected {want}")
    expect(all(payment["aggregate"][name]["currency"] == "NOK" for name in want), "aggregate currencies")
    print(f"ok: {state} {want}")


def modify(reference, operation, value, key):
    status, answer = api("POST", f"/payments/{reference}/{operation}",
                         {"modificationAmount": {"currency": "NOK", "value": value}}, key)
    expect(status == 200, f"{operation} {value}: {status} {answer}")
    return answer


def main():
    reference = "e2e-" + uuid.uuid4().hex[:20]
    create_key = str(uuid.uuid4())
    status, created = api("POST", "/payments", {
        "amount": {"currency": "NOK", "value": 49900},
        "paymentMethod": {"type": "WALLET"},
        "customer": {"phoneNumber": "4791234567"},
        "reference": reference,
        "userFlow": "WEB_REDIRECT",
        "returnUrl": f"https://shop.example/return?reference={reference}",
        "paymentDescription": "One pair of socks",
    }, create_key)
    expect(status == 201, f"create: {status} {created}")
    landing = created["redirectUrl"]
    expect(landing.startswith(BASE + "/"), f"redirectUrl {landing} is not on the simulator")
    check(reference, "CREATED", 0, 0, 0, 0)

    # The customer's browser: the landing page, its phone form, then the app's phone page.
    status, _, page = call("GET", landing)
    expect(status == 200 and "<form" in page, f"landing page: {status}")
    number = re.search(r'name="phoneNumber" value="(\d+)"', page)
    expect(number is not None, "the landing page's phone field is pre-filled")
    phone = number.group(1)
    status, headers, _ = call("POST", landing, {"Content-Type": "application/x-www-form-urlencoded"},
                              urllib.parse.urlencode({"phoneNumber": phone}))
    expect(status == 303, f"landing form: {status}")
    status, _, phone_page = call("GET", f"/sim/v1/phone/{phone}")
    expect(status == 200 and reference in phone_page, "the phone page lists the payment")
    action = re.search(r'action="(/sim/v1/phone/\d+/approve)"', phone_page)
    expect(action is not None, "the phone page has an approve form")
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', phone_page))
    expect(fields.get("orderId") == reference, f"approve form fields {fields}")
    status, _, _ = call("POST", action.group(1), {"Content-Type": "application/x-www-form-urlencoded"},
                        urllib.parse.urlencode(fields))
    expect(status == 303, f"approve: {status}")
    status, headers, _ = call("GET", landing)
    expect(status == 303 and headers["Location"] == f"https://shop.example/return?reference={reference}",
           f"the landing page sends the customer back: {status} {headers.get('Location')}")
    check(reference, "AUTHORIZED", 49900, 0, 0, 0)

    modify(reference, "capture", 20000, "capture-1")
    check(reference, "AUTHORIZED", 49900, 0, 20000, 0)
    # A retry with the same key changes nothing.
    modify(reference, "capture", 20000, "capture-1")
    check(reference, "AUTHORIZED", 49900, 0, 20000, 0)
    modify(reference, "capture", 29900, "capture-2")
    check(reference, "AUTHORIZED", 49900, 0, 49900, 0)
    status, problem = api("POST", f"/payments/{reference}/capture", {"modificationAmount": {"currency": "NOK", "value": 1}}, "capture-3")
    expect(status == 400 and {"name": "ErrorCode", "reason": "6170"} in problem.get("extraDetails", []), f"over-capture: {status} {problem}")
    modify(reference, "refund", 5000, "refund-1")
    check(reference, "AUTHORIZED", 49900, 0, 49900, 5000)

    status, events = api("GET", f"/payments/{reference}/events")
    expect(status == 200, f"events: {status}")
    names = [(event["name"], event["amount"]["value"], event["idempotencyKey"], event["success"]) for event in events]
    want = [("CREATED", 49900, create_key, True), ("AUTHORIZED", 49900, create_key, True),
            ("CAPTURED", 20000, "capture-1", True), ("CAPTURED", 29900, "capture-2", True),
            ("REFUNDED", 5000, "refund-1", True)]
    expect(names == want, f"events {names}, expected {want}")
    print("ok: events", [name for name, *_ in names])


if __name__ == "__main__":
    main()
    print("ePayment flow: passed")
