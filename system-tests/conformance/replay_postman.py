#!/usr/bin/env python3
"""Replays Vipps' ePayment Postman collection against vipps-sim, each request exactly as the
collection sends it (its headers, its bodies with the variables filled in, numbers where it has
numbers), and checks that the simulator accepts it and answers as epayment.v1.yml says.

Postman's scripts are not run; what they do is done here: a fresh Idempotency-Key and reference
before each create (the reference is MSN + epoch milliseconds, as the collection's pre-request
script makes it), the access token from the token response. The collection's own test scripts
look for `url` in a 200 (ePayment answers 201 with `redirectUrl`), so its `payment_token` stays
empty and force approve sends `"token": ""` with a customer; that is replayed as is.

Order: the token, every create, then on the last payment force approve, capture, refund, events
and get, and cancel on a fresh one (the collection lists cancel before capture, which would
leave nothing to capture). The Userinfo request belongs to another API and is left out.

Run under scripts/with-simulator.sh; without ../shared it says why and exits 0."""

from __future__ import annotations

import json
import os
import re
import sys
import time
import uuid

import epayment_spec
from epayment_client import FIXES_USED, RESULTS, Simulator, report

COLLECTION = epayment_spec.SHARED / "vipps-epayment-api" / "tools" / "epayment-api-postman-collection.json"


def substitute(text, variables):
    def value(match):
        name = match.group(1)
        if name not in variables:
            raise KeyError(f"the collection uses {{{{{name}}}}}, which the runner does not fill")
        return str(variables[name])

    return re.sub(r"\{\{([^}]+)\}\}", value, text)


def prepared(item, variables):
    request = item["request"]
    url = request["url"]["raw"] if isinstance(request["url"], dict) else request["url"]
    headers = {h["key"]: substitute(h["value"], variables) for h in request.get("header", [])
               if not h.get("disabled")}
    raw = (request.get("body") or {}).get("raw")
    body = substitute(raw, variables) if raw else None
    return request["method"], substitute(url, variables), headers, body


def main():
    spec = epayment_spec.load()
    if spec is None or not COLLECTION.is_file():
        print("postman replay (ePayment): skipped (../shared/vipps-epayment-api not found)")
        return 0
    sim = Simulator(spec)
    collection = json.loads(COLLECTION.read_text(encoding="utf-8"))
    items = {item["name"]: item for item in collection["item"]}
    variables = {
        "base_url": sim.base, "client_id": os.environ["VIPPS_SIM_CLIENT_ID"],
        "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
        "Ocp-Apim-Subscription-Key": sim.subscription_key, "merchantSerialNumber": sim.msn,
        "vipps_system_name": "postman", "vipps_system_version": "1.0", "vipps_system_plugin_name": "collection",
        "vipps_system_plugin_version": "1.0", "amount": 49900, "currency": "NOK",
        "internationalMobileNumber": "4791234567", "payment_token": "",
    }
    # PUSH_MESSAGE needs a sales unit allowed to skip the landing page.
    sim.raw("POST", "/sim/v1/settings", {"Content-Type": "application/json"},
            json.dumps({"merchants": {sim.msn: {"maySkipLandingPage": True}}}))

    method, url, headers, body = prepared(items["Get Access Token"], variables)
    status, _, raw = sim.raw(method, url, headers, body.encode() if body else b"")
    if not report(status == 200, "Get Access Token", f"status {status}"):
        return 1
    variables["access_token"] = sim.token = json.loads(raw)["access_token"]

    def replay(name, status_wanted, path_override=None):
        method, url, headers, body = prepared(items[name], variables)
        path = url[len(sim.base):]
        return sim.checked(f"postman: {name}", method, path_override or path, status_wanted, body=body,
                           headers=headers)

    def new_payment():
        variables["idempotency_key"] = str(uuid.uuid4())
        # The collection's reference: MSN and the epoch milliseconds, a JSON number in the bodies.
        variables["reference"] = f"{sim.msn}{int(time.time() * 1000)}"
        time.sleep(0.002)

    creates = [name for name in items if name.startswith("Create payment")]
    for name in creates:
        new_payment()
        created = replay(name, 201)
        report(created is not None and created.get("reference") == variables["reference"],
               f"postman: {name}: the reference comes back as a string", str(created))
    # The last create (CARD) stays CREATED: the modifications go to a wallet payment.
    new_payment()
    replay("Create payment - Web redirect", 201)
    replay("Force approve payment", 200)
    variables["idempotency_key"] = str(uuid.uuid4())
    replay("Capture payment", 200)
    variables["idempotency_key"] = str(uuid.uuid4())
    replay("Refund payment", 200)
    events = replay("Get payment event log", 200) or []
    report([e.get("name") for e in events] == ["CREATED", "AUTHORIZED", "CAPTURED", "REFUNDED"],
           "postman: the event log has the replayed steps", str([e.get("name") for e in events]))
    payment = replay("Get payment", 200) or {}
    report(payment.get("state") == "AUTHORIZED", "postman: the payment is AUTHORIZED", str(payment.get("state")))

    new_payment()
    replay("Create payment - Web redirect", 201)
    variables["idempotency_key"] = str(uuid.uuid4())
    replay("Cancel payment", 200)
    payment = replay("Get payment", 200) or {}
    report(payment.get("state") == "TERMINATED", "postman: cancel before approval terminates",
           str(payment.get("state")))
    print("postman: 'Get Userinfo' left out: the Userinfo API is not part of ePayment")

    for fix in sorted(FIXES_USED):
        print(f"spec fix used: {fix}: {epayment_spec.FIXES[fix]}")
    print(f"postman replay (ePayment): {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
