#!/usr/bin/env python3
"""Runs the shared libvipps corpus (cases.json) through the Python binding against vipps-sim.

    PYTHONPATH=bindings/python/src VIPPS_LIBRARY=build/stage/lib/libvipps.so.0 \
        scripts/with-simulator.sh SIM STATE -- python3 bindings/corpus/run_corpus.py [cases.json]

Prints one line per case and a final "N passed, M failed"; exits 1 on any failure, 2 on a setup error.
The semantics are those of README.md; run_corpus.c and run_corpus.php implement the same.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

try:
    import vipps
except ImportError as e:  # not on PYTHONPATH, or libvipps not found: a setup error, not a failure
    print(f"run_corpus.py: cannot import vipps: {e} (set PYTHONPATH=bindings/python/src and VIPPS_LIBRARY)",
          file=sys.stderr)
    sys.exit(2)

DEFAULT_TEXT = "libvipps corpus"
DEFAULT_CALLBACK = "https://shop.example/vipps"
DEFAULT_FALLBACK = "https://shop.example/order"

ERROR_NAMES = {
    1: "invalid_argument", 2: "not_allowed", 10: "network", 11: "timeout", 12: "tls", 13: "protocol",
    14: "outcome_unknown", 20: "authentication", 21: "not_found", 22: "rejected", 23: "rate_limited",
    24: "server", 99: "internal",
}

# The expect keys each op's result can be checked against (besides ok / error keys).
RESULT_KEYS = {
    "initiate": {"order_id", "url_contains", "has_token"},
    "approve": set(),
    "details": {"order_id", "state", "amount", "captured", "refunded", "remaining_to_capture",
                "remaining_to_refund", "log_count", "currency", "cancelled", "events"},
    "capture": {"order_id", "status", "amount", "captured", "refunded", "remaining_to_capture",
                "remaining_to_refund", "request_id"},
}
RESULT_KEYS["refund"] = RESULT_KEYS["cancel"] = RESULT_KEYS["status"] = RESULT_KEYS["capture"]
ERROR_KEYS = {"error", "code", "group", "http", "message_contains"}


class StepFailed(Exception):
    pass


APIS = ("ecom", "epayment")
# The sales unit a case runs on: the simulator's default one (Norway, NOK), or a MobilePay one.
MARKETS = {"norway": "VIPPS_SIM_MSN", "denmark": "VIPPS_SIM_MSN_DENMARK", "finland": "VIPPS_SIM_MSN_FINLAND"}


def for_api(value: Any, api: str) -> Any:
    """args / expect as they apply to `api`: its per-API object merged over the rest (null removes a key)."""
    if not isinstance(value, dict):
        return value
    merged = {k: v for k, v in value.items() if k not in APIS}
    for k, v in value.get(api, {}).items():
        if v is None:
            merged.pop(k, None)
        else:
            merged[k] = v
    return merged


def substitute(value: Any, orders: dict[str, str]) -> Any:
    if isinstance(value, str):
        value = value.replace("$expires", orders["$expires"])
        return value.replace("$order2", orders["$order2"]).replace("$order", orders["$order"])
    if isinstance(value, dict):
        return {k: substitute(v, orders) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, orders) for v in value]
    return value


def result_fields(op: str, result: Any) -> dict[str, Any]:
    if op == "initiate":
        return {"order_id": result.order_id, "url": result.url, "has_token": result.token is not None}
    if op == "details":
        counts: dict[str, int] = {}
        for entry in result.log:
            counts[entry.operation] = counts.get(entry.operation, 0) + 1
        return {"order_id": result.order_id, "state": result.state.name.lower(), "amount": result.amount,
                "captured": result.captured_amount, "refunded": result.refunded_amount,
                "remaining_to_capture": result.remaining_to_capture,
                "remaining_to_refund": result.remaining_to_refund, "log_count": counts,
                "currency": result.currency, "cancelled": result.cancelled_amount,
                "events": [event.name for event in result.events]}
    if op in ("capture", "refund", "cancel", "status"):
        return {"order_id": result.order_id, "status": result.status, "amount": result.amount,
                "captured": result.captured_amount, "refunded": result.refunded_amount,
                "remaining_to_capture": result.remaining_to_capture,
                "remaining_to_refund": result.remaining_to_refund, "request_id": result.request_id}
    return {}


def amount(args: dict[str, Any]) -> Any:
    """A capture or refund amount: øre, or "remaining" for vipps.REMAINING."""
    value = args.get("amount")
    return vipps.REMAINING if value == "remaining" else value


def run_step(clients: dict[str, vipps.Client], api: str, step: dict[str, Any], tokens: dict[str, str]) -> None:
    """clients: this case's sales unit's client of each API."""
    op = step["op"]
    args = for_api(step.get("args", {}), api)
    expect = for_api(step.get("expect", {}), api)
    via = step.get("via", api)
    if via not in clients:
        raise StepFailed(f"unknown via {via!r}")
    client = clients[via]
    if op not in RESULT_KEYS:
        raise StepFailed(f"unknown op {op!r}")
    for key in expect:
        if key not in RESULT_KEYS[op] and key not in ERROR_KEYS and key != "ok":
            raise StepFailed(f"expect key {key!r} is not supported for {op}")
    order = args.get("order", "")
    text = args.get("text", DEFAULT_TEXT)
    try:
        if op == "initiate":
            lines = [vipps.ReceiptLine(line["id"], line["name"], line["total_amount"],
                                       line["total_amount_excluding_tax"], line["total_tax_amount"],
                                       line["tax_rate"], bool(line.get("is_shipping", False)))
                     for line in args.get("receipt_lines", [])]
            result: Any = client.initiate(order, args.get("amount", 0), text,
                                          args.get("callback_prefix", DEFAULT_CALLBACK),
                                          args.get("fallback_url", DEFAULT_FALLBACK),
                                          phone_number=args.get("phone"),
                                          is_app=bool(args.get("is_app", False)),
                                          skip_landing_page=bool(args.get("skip_landing_page", False)),
                                          currency=args.get("currency"), user_flow=args.get("user_flow"),
                                          customer_phone_number=args.get("customer_phone"),
                                          customer_personal_qr=args.get("customer_personal_qr"),
                                          expires_at=args.get("expires_at"), receipt_lines=lines,
                                          qr_format=args.get("qr_format"), qr_size=args.get("qr_size", 0))
            tokens[order] = result.token or ""
        elif op == "approve":
            if order not in tokens:
                raise StepFailed(f"approve: no landing token for {order} (initiate it first)")
            result = client.force_approve(order, tokens[order], args.get("phone"))
        elif op == "details":
            result = client.details(order)
        elif op == "capture":
            result = client.capture(order, amount(args), text, args.get("key"))
        elif op == "refund":
            result = client.refund(order, amount(args), text, args.get("key"))
        elif op == "cancel":
            result = client.cancel(order, text, bool(args.get("release", False)))
        else:
            result = client.status(order)
    except vipps.VippsError as e:
        name = ERROR_NAMES.get(e.status, str(e.status))
        if "error" not in expect:
            raise StepFailed(f"expected success, got {name}: {e.message}") from None
        problems = []
        if name != expect["error"]:
            problems.append(f"error {name} != {expect['error']}")
        if "code" in expect and e.error_code != expect["code"]:
            problems.append(f"code {e.error_code!r} != {expect['code']!r}")
        if "group" in expect and (e.error_group or "").lower() != expect["group"].lower():
            problems.append(f"group {e.error_group!r} != {expect['group']!r}")
        if "http" in expect and e.http_status != expect["http"]:
            problems.append(f"http {e.http_status} != {expect['http']}")
        if "message_contains" in expect and expect["message_contains"] not in e.message:
            problems.append(f"message {e.message!r} lacks {expect['message_contains']!r}")
        if problems:
            raise StepFailed("; ".join(problems) + f" ({e.message})") from None
        return
    if "error" in expect:
        raise StepFailed(f"expected error {expect['error']}, got success")
    fields = result_fields(op, result)
    problems = []
    for key, want in expect.items():
        if key == "ok":
            continue
        if key == "log_count":
            for operation, n in want.items():
                got = fields["log_count"].get(operation, 0)
                if got != n:
                    problems.append(f"log_count[{operation}] {got} != {n}")
        elif key == "url_contains":
            if want not in fields["url"]:
                problems.append(f"url {fields['url']!r} lacks {want!r}")
        elif fields[key] != want:
            problems.append(f"{key} {fields[key]!r} != {want!r}")
    if problems:
        raise StepFailed("; ".join(problems))


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")
    env = {name: os.environ.get("VIPPS_SIM_" + name) for name in
           ("URL", "CA", "CLIENT_ID", "CLIENT_SECRET", "SUBSCRIPTION_KEY", "MSN")}
    missing = [f"VIPPS_SIM_{k}" for k, v in env.items() if not v]
    if missing:
        print(f"run_corpus.py: {', '.join(missing)} not set (run under scripts/with-simulator.sh)", file=sys.stderr)
        return 2
    with open(path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    needed = {case.get("market", "norway") for case in cases}
    unknown = needed - MARKETS.keys()
    unset = [MARKETS[m] for m in needed & MARKETS.keys() if not os.environ.get(MARKETS[m])]
    if unknown or unset:
        print(f"run_corpus.py: unknown markets {sorted(unknown)} or {', '.join(unset)} not set", file=sys.stderr)
        return 2
    clients: dict[tuple[str, str], vipps.Client] = {}
    try:
        for market in needed:
            for api in APIS:
                clients[market, api] = vipps.Client(
                    base_url=env["URL"], ca_file=env["CA"], client_id=env["CLIENT_ID"],
                    client_secret=env["CLIENT_SECRET"], subscription_key=env["SUBSCRIPTION_KEY"],
                    merchant_serial_number=os.environ[MARKETS[market]], api=api)
    except (ImportError, vipps.VippsError) as e:  # library not found, or a bad configuration
        print(f"run_corpus.py: cannot create the client: {e}", file=sys.stderr)
        return 2
    run_id = f"py-{int(time.time())}-{os.getpid()}"
    expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
    only = os.environ.get("VIPPS_CORPUS_API")
    passed = failed = 0
    try:
        for api in APIS:
            if only and api != only:
                continue
            for index, case in enumerate(cases, 1):
                if api not in case.get("apis", APIS):
                    continue
                base = f"{run_id}-{api[:2]}{index}"
                orders = {"$order": base, "$order2": base + "-b", "$expires": expires}
                tokens: dict[str, str] = {}
                failure = None
                for number, step in enumerate(case["steps"], 1):
                    try:
                        market = case.get("market", "norway")
                        run_step({a: clients[market, a] for a in APIS}, api, substitute(step, orders), tokens)
                    except StepFailed as e:
                        failure = f"step {number} ({step.get('op')}): {e}"
                        break
                if failure is None:
                    passed += 1
                    print(f"PASS {api} {case['name']}")
                else:
                    failed += 1
                    print(f"FAIL {api} {case['name']}: {failure}")
    finally:
        for client in clients.values():
            client.close()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
