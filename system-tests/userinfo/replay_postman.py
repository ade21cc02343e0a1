#!/usr/bin/env python3
"""Replays Vipps' own Postman requests for profile sharing against a running vipps-sim: the eCom
collection's profile flow (initiate with scope, force approve, details with `sub`, Userinfo) and the
Userinfo collection's ePayment and eCom folders (create with scope, details with `sub`, Userinfo).
Requests, headers and bodies come from the collections; their scripts are understood line by line
(an unknown line fails the run, so nothing is silently skipped). Where the collections leave the
user's approval to a person with the app, the simulated user approves through the control API.

The Userinfo answers are validated against the Userinfo OpenAPI file, only the consented claims
must appear, and the 168-hour limit is checked on the simulated clock (last, as it moves time).

Skips (exit 0) without Vipps' files (../shared or $VIPPS_SHARED_DIR). Run by `make test-userinfo`."""

import json
import re
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common_openapi import Results, Simulator, deref, load_yaml, schema_errors, shared_dir  # noqa: E402

import os  # noqa: E402

SCOPE_CLAIMS = {
    "name": {"name", "given_name", "family_name"},
    "email": {"email", "email_verified"},
    "phoneNumber": {"phone_number"},
    "birthDate": {"birthdate"},
    "nin": {"nin"},
    "address": {"address", "other_addresses"},
}
ALWAYS = {"sub", "sid"}

# Deliberate deviation from Vipps' file, printed where it is used.
ALLOWANCE = ("Userinfo.phone_number's pattern '^\\d{15}$' contradicts Vipps' own example '4791234567' "
             "(an MSISDN of 10 to 15 digits): the pattern is dropped")


def patch_spec(spec):
    phone = spec["components"]["schemas"]["Userinfo"]["properties"].get("phone_number", {})
    if phone.get("pattern") == r"^\d{15}$":
        del phone["pattern"]
        print(f"(allowed: {ALLOWANCE})")


class Replay:
    def __init__(self, sim, results, userinfo_schema, error_schema):
        self.sim, self.results = sim, results
        self.userinfo_schema, self.error_schema = userinfo_schema, error_schema
        self.vars = {
            "base_url": sim.base,
            "client_id": os.environ["VIPPS_SIM_CLIENT_ID"],
            "client_secret": os.environ["VIPPS_SIM_CLIENT_SECRET"],
            "Ocp-Apim-Subscription-Key": os.environ["VIPPS_SIM_SUBSCRIPTION_KEY"],
            "merchantSerialNumber": sim.msn,
            "amount": "20000",
            "currency": "NOK",
            "internationalMobileNumber": "4791234567",
            "mobileNumber": "91234567",
            "callbackPrefix": "https://shop.example/vipps",
            "fallBack": "https://shop.example/fallback",
            "transactionTextInitiate": "One pair of socks",
            "vipps_system_name": "postman-replay",
            "vipps_system_version": "1.0",
            "vipps_system_plugin_name": "libvipps-tests",
            "vipps_system_plugin_version": "1.0",
        }
        self.response = None
        # Every scope a sub consented to so far: one user's consents to one merchant add up.
        self.consented = {}

    def fill(self, text):
        def value(match):
            name = match.group(1)
            if name == "$guid":
                return str(uuid.uuid4())
            if name not in self.vars:
                raise KeyError(f"variable {name} is not set")
            return str(self.vars[name])
        return re.sub(r"\{\{([^}]+)\}\}", value, text)

    def run_script(self, lines, item):
        for line in (l.strip() for l in lines):
            if not line or line in ("}", "{"):
                continue
            if m := re.fullmatch(r"""pm\.environment\.set\(["'](\w+)["'],\s*uuid\.v4\(\)\);?""", line):
                self.vars[m.group(1)] = str(uuid.uuid4())
            elif m := re.fullmatch(
                    r"""pm\.environment\.set\(["'](\w+)["'],\s*pm\.environment\.get\(["'](\w+)["']\)\s*\+\s*"""
                    r"""\(new Date\(\)\)\.getTime\(\)\);?""", line):
                self.vars[m.group(1)] = f"{self.vars[m.group(2)]}{int(time.time() * 1000)}"
            elif m := re.fullmatch(r"""pm\.environment\.set\(["'](\w+)["'],\s*pm\.response\.json\(\)\.(\w+)\);?""",
                                   line):
                self.vars[m.group(1)] = self.response[2][m.group(2)]
            elif re.fullmatch(r"var uuid = require\('uuid'\);?", line) or line.startswith("var jsonData = "):
                pass
            elif m := re.fullmatch(r"""postman\.setEnvironmentVariable\("(\w+)",\s*jsonData(\??)\.(.+)\);?""", line):
                value = self.response[2]
                for part in m.group(3).replace("?.", ".").split("."):
                    value = value.get(part) if isinstance(value, dict) else None
                self.vars[m.group(1)] = value
            elif m := re.fullmatch(r"if\(pm\.response\.code === (\d+)\) \{", line):
                if self.response[0] != int(m.group(1)):
                    return
            elif m := re.fullmatch(r"""pm\.environment\.set\('(\w+)', jsonData\.url\);?""", line):
                self.vars[m.group(1)] = self.response[2]["url"]
            elif re.fullmatch(r"var str = jsonData\.url;?", line):
                pass
            elif re.fullmatch(r"var str2 = str\.split\('=', 3\)\[2\];?", line):
                pass
            elif m := re.fullmatch(r"""pm\.environment\.set\('(\w+)', str2\);?""", line):
                pieces = self.response[2]["url"].split("=")
                self.vars[m.group(1)] = pieces[2] if len(pieces) > 2 else None
            else:
                raise ValueError(f"{item}: script line not understood: {line}")

    def send(self, item):
        for event in item.get("event", []):
            if event["listen"] == "prerequest":
                self.run_script(event["script"]["exec"], item["name"])
        request = item["request"]
        url = self.fill(request["url"]["raw"] if isinstance(request["url"], dict) else request["url"])
        headers = {h["key"]: self.fill(h["value"]) for h in request.get("header", []) if not h.get("disabled")}
        body = request.get("body", {}).get("raw")
        data = self.fill(body).encode() if body else b""
        self.response = self.sim.call(request["method"], url, headers, data if request["method"] != "GET" else None)
        for event in item.get("event", []):
            if event["listen"] == "test":
                self.run_script(event["script"]["exec"], item["name"])
        return self.response

    def user_approves(self, reference):
        """The person with the app: here the simulated user, through the control API."""
        status, _, answer = self.sim.call(
            "POST", f"/sim/v1/payments/{reference}/approve?merchantSerialNumber={self.sim.msn}",
            {"Content-Type": "application/json"}, {"phoneNumber": self.vars["mobileNumber"]})
        self.results.check(status == 200, f"the user approves {reference}", f"{status} {answer}")

    def check_userinfo(self, what, scope):
        status, headers, claims = self.response
        if not self.results.check(status == 200, f"{what}: Userinfo 200", f"{status} {claims}"):
            return
        self.results.check(headers.get("Content-Type", "").startswith("application/json"),
                           f"{what}: JSON media type", headers.get("Content-Type"))
        errors = schema_errors(self.userinfo_schema, claims)
        self.results.check(not errors, f"{what}: Userinfo body matches the Userinfo schema", "; ".join(errors))
        scopes = self.consented.setdefault(self.vars["sub"], set())
        scopes.update(scope.split())
        wanted = set().union(ALWAYS, *(SCOPE_CLAIMS[s] for s in scopes))
        self.results.check(set(claims) == wanted, f"{what}: the consented claims ({' '.join(sorted(scopes))})",
                           f"got {sorted(claims)}, expected {sorted(wanted)}")
        self.results.check(claims.get("sub") == self.vars["sub"], f"{what}: sub is the payment's")


def items(collection, names):
    return {item["name"]: item for item in collection if item["name"] in names}


def main():
    shared = shared_dir()
    ecom_file = shared and shared / "vipps-ecom-api" / "vipps-ecom-api-postman-collection.json"
    userinfo_dir = shared and shared / "vipps-userinfo-api"
    if not shared or not ecom_file.is_file() or not (userinfo_dir / "tools").is_dir():
        print("userinfo replay: skipped (Vipps' Postman collections in ../shared not found)")
        return 0
    spec = load_yaml(userinfo_dir / "docs" / "swagger.yaml")
    patch_spec(spec)
    schemas = spec["components"]["schemas"]
    sim = Simulator()
    results = Results("userinfo replay")
    replay = Replay(sim, results, deref(schemas["Userinfo"], spec), deref(schemas["UserinfoError"], spec))

    print("eCom collection: profile flow")
    ecom = items(json.load(open(ecom_file))["item"],
                 {"Get Access Token", "Initiate Payment - Profile flow", "Force Approve Payment",
                  "Get Payment Details", "Get Userinfo"})
    replay.send(ecom["Get Access Token"])
    status, _, answer = replay.send(ecom["Initiate Payment - Profile flow"])
    results.check(status == 200 and replay.vars.get("payment_token"), "initiate with scope", f"{status} {answer}")
    status, _, answer = replay.send(ecom["Force Approve Payment"])
    results.check(status == 200, "force approve", f"{status} {answer}")
    status, _, answer = replay.send(ecom["Get Payment Details"])
    results.check(status == 200 and isinstance(replay.vars.get("sub"), str), "details carry sub", f"{status} {answer}")
    replay.send(ecom["Get Userinfo"])
    replay.check_userinfo("eCom collection", "address name email birthDate phoneNumber")

    userinfo = json.load(open(userinfo_dir / "tools" / "userinfo-api-postman-collection.json"))["item"]
    folders = {folder["name"]: folder["item"] for folder in userinfo}
    for folder, reference_var, scope in (("ePayment API", "reference", "name phoneNumber address birthDate"),
                                         ("eCom API", "orderId", "address name email birthDate phoneNumber")):
        print(f"Userinfo collection: {folder}")
        replay.vars.pop("sub", None)
        steps = {item["name"]: item for item in folders[folder]}
        replay.send(steps["Get access token"])
        status, _, answer = replay.send(steps["Create payment"])
        results.check(status in (200, 201), f"{folder}: create with scope", f"{status} {answer}")
        replay.user_approves(replay.vars[reference_var])
        status, _, answer = replay.send(steps["Get payment details"])
        results.check(status == 200 and isinstance(replay.vars.get("sub"), str), f"{folder}: details carry sub",
                      f"{status} {answer}")
        replay.send(steps["Get userinfo"])
        replay.check_userinfo(f"{folder}", scope)

    print("The 168-hour limit")
    status, _, _ = sim.call("POST", "/sim/v1/clock/advance", {"Content-Type": "application/json"},
                            {"seconds": 168 * 3600 + 1})
    results.check(status == 200, "clock advanced by 168 h")
    replay.send(steps["Get access token"])  # the old token expired with the jump
    status, _, answer = replay.send(steps["Get userinfo"])
    results.check(status == 404 and answer.get("title") == "Userinfo expired", "Userinfo after 168 h: 404 expired",
                  f"{status} {answer}")
    errors = schema_errors(replay.error_schema, answer)
    results.check(not errors, "the error matches UserinfoError", "; ".join(errors))
    return results.finish()


if __name__ == "__main__":
    sys.exit(main())
