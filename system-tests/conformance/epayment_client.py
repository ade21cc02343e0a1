"""A small HTTPS client for vipps-sim's ePayment API, shared by the conformance checks: the
environment scripts/with-simulator.sh sets, an access token, and each answer validated against
the spec with the result printed as one line."""

from __future__ import annotations

import json
import os
import ssl
import urllib.error
import urllib.request

import epayment_spec

RESULTS = {"passed": 0, "failed": 0}
FIXES_USED: set[str] = set()


def report(ok: bool, name: str, detail: str = "", fixes=()) -> bool:
    FIXES_USED.update(fixes)
    suffix = f" (spec fix: {', '.join(sorted(set(fixes)))})" if fixes else ""
    print(f"{'ok  ' if ok else 'FAIL'} {name}{suffix}{': ' + detail if detail else ''}", flush=True)
    RESULTS["passed" if ok else "failed"] += 1
    return ok


class Simulator:
    def __init__(self, spec: epayment_spec.Spec):
        self.spec = spec
        self.base = os.environ["VIPPS_SIM_URL"]
        self.msn = os.environ["VIPPS_SIM_MSN"]
        self.subscription_key = os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"]
        self.context = ssl.create_default_context(cafile=os.environ["VIPPS_SIM_CA"])
        self.token = None

    def raw(self, method, url, headers=None, body=None):
        """(status, headers, bytes); HTTP errors are answers too."""
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(url if url.startswith("http") else self.base + url, data=data,
                                         method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=15) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def fetch_token(self):
        status, _, body = self.raw("POST", "/accesstoken/get", {
            "client_id": os.environ["VIPPS_SIM_CLIENT_ID"], "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
            "Ocp-Apim-Subscription-Key": self.subscription_key}, b"")
        if status != 200:
            raise SystemExit(f"conformance: no access token ({status})")
        self.token = json.loads(body)["access_token"]
        return self.token

    def headers(self, key=None, msn=None):
        headers = {"Authorization": f"Bearer {self.token}", "Ocp-Apim-Subscription-Key": self.subscription_key,
                   "Merchant-Serial-Number": msn or self.msn, "Content-Type": "application/json",
                   "Vipps-System-Name": "conformance"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return headers

    def checked(self, name, method, path, status_wanted, *, body=None, key=None, headers=None, code=None):
        """Sends, then checks status, media type and body against the spec. Returns the JSON body.
        A body this client accepts as valid must itself be valid per the spec: a request the spec
        would refuse proves nothing about the answer."""
        if body is not None and not isinstance(body, str) and status_wanted < 300:
            schema = self.spec.request_schema(method, path)
            errors = epayment_spec.validate(schema, body) if schema else []
            fixes = ["receipt-vendored"] if "receipt" in body else []
            if "customer" in body:
                fixes.append("customer-exactly-one")
            report(not errors, f"{name}: the request is valid per the spec", "; ".join(errors), fixes)
        status, response_headers, raw = self.raw(method, path, headers or self.headers(key),
                                                 None if body is None else (body if isinstance(body, str)
                                                                            else json.dumps(body)))
        problems = []
        if status != status_wanted:
            problems.append(f"status {status}, expected {status_wanted}")
        media = (response_headers.get("Content-Type") or "").split(";")[0]
        wanted_media = "application/json" if status < 400 else "application/problem+json"
        if raw and media != wanted_media:
            problems.append(f"Content-Type {media}, expected {wanted_media}")
        try:
            value = json.loads(raw) if raw else None
        except ValueError:
            value = None
            problems.append(f"not JSON: {raw[:80]!r}")
        fixes = []
        if not problems:
            schema, fixes = self.spec.response_schema(method, path.split("?")[0], status)
            FIXES_USED.update(self.spec.always)
            if schema is None:
                if value not in (None, {}):
                    problems.append(f"the spec says no body, got {value}")
                elif value == {}:
                    fixes.append("force-approve-empty-object")
            else:
                problems += epayment_spec.validate(schema, value)
            if code is not None:
                details = (value or {}).get("extraDetails") or []
                if {"name": "ErrorCode", "reason": str(code)} not in details:
                    problems.append(f"no ErrorCode {code} in {details}")
        report(not problems, name, "; ".join(problems), fixes)
        if os.environ.get("CONFORMANCE_VERBOSE"):
            print(f"     {status} {raw[:400]!r}")
        return value

