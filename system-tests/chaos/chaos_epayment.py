#!/usr/bin/env python3
"""Chaos run of libvipps on ePayment against vipps-sim: faults on the API and on webhook delivery.

Run under scripts/with-simulator.sh (it sets VIPPS_SIM_*):
    PYTHONPATH=bindings/python/src VIPPS_LIBRARY=build/stage/lib/libvipps.so.0 \
        python3 system-tests/chaos/chaos_epayment.py --payments 200 --threads 4 --seed 42
See system-tests/chaos/README.md. The payment scenarios, the money operations and the ledger
checks are chaos.py's; what is ePayment's own is here: create under faults (with its idempotency
key), cancel as ePayment reports it, and the webhooks the shop receives, verified and reconciled.
"""
from __future__ import annotations

import collections
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
# The receiver's signature check and registration are the demo shop's, so that both are one piece of code.
sys.path.insert(0, os.path.join(HERE, "..", "..", "examples", "shop"))

import vipps  # noqa: E402
import chaos  # noqa: E402
from chaos import LATENCY_MS, READ_TIMEOUT_MS, SCENARIOS, Order, Stats  # noqa: E402
from webhooks import check_verifier, register, verify_webhook  # noqa: E402

P = vipps.PaymentState

# Create is faulted here (unlike on eCom): ePayment's create has an idempotency key, so a lost
# answer is resolved by creating again with the same key.
FAULT_ENDPOINTS = ["token", "epayment-create", "epayment-capture", "epayment-refund", "epayment-cancel",
                   "epayment-get", "epayment-events"]
# Webhook retries come after 2 s, 60 s and 120 s at Vipps; a hundred times sooner keeps the run short
# while the order and retry rules stay the simulator's.
TIME_COMPRESSION = 100
# Faults on delivery, each armed for the next event with this probability per tick of the fault
# thread: drop (never delivered), duplicate (delivered twice), delay (the attempt waits first).
WEBHOOK_FAULTS = {"drop": 0.15, "duplicate": 0.25, "delay": 0.15}
WEBHOOK_FAULT_TICK_S = 0.05
DELAY_S = 0.2
# The receiver answers 503 to the first attempt of this share of deliveries: the simulator retries.
RECEIVER_REFUSES = 0.05


class Receiver:
    """The shop's webhook endpoint on loopback: verifies every delivery, keeps the verified events
    (by reference), refuses a seeded share of first attempts with 503."""

    def __init__(self, seed: int, refuse: float) -> None:
        self.secret = ""
        self.url = ""
        self.mu = threading.Lock()
        self.events: dict[str, list[dict]] = collections.defaultdict(list)
        self.refused_reasons: collections.Counter[str] = collections.Counter()
        self.answered_503 = 0
        self.seen_bodies: set[bytes] = set()
        self.rng = random.Random(seed)
        self.refuse = refuse
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status = receiver.receive(body, {k.lower(): v for k, v in self.headers.items()})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="webhooks", daemon=True)
        self.thread.start()

    def receive(self, body: bytes, headers: dict[str, str]) -> int:
        reason = verify_webhook(body, headers, self.url, self.secret)
        if reason is not None:
            with self.mu:
                self.refused_reasons[reason] += 1
            return 401
        try:
            event = json.loads(body)
        except ValueError:
            with self.mu:
                self.refused_reasons["malformed-body"] += 1
            return 400
        with self.mu:
            if body not in self.seen_bodies:
                self.seen_bodies.add(body)
                if self.rng.random() < self.refuse:
                    self.answered_503 += 1
                    return 503
            self.events[str(event.get("reference"))].append(event)
        return 200

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def create(client: vipps.Client, stats: Stats, order: Order) -> None:
    """ePayment create with the order's own key: a repeat after OutcomeUnknown gives Vipps' first
    answer, never a second payment."""
    key = f"{order.order_id}-create"
    unknown = chaos.UnknownOutcome(stats, "create")
    for _ in range(30):
        try:
            client.initiate(order.order_id, order.amount, "chaos", "https://shop.example/cb",
                            "https://shop.example/back", idempotency_key=key)
            unknown.resolved()
            return
        except vipps.OutcomeUnknown:
            unknown.raised()
            time.sleep(0.02)
        except (vipps.NetworkError, vipps.Timeout, vipps.ServerError, vipps.RateLimited) as e:
            stats.add(f"transient_exhausted_{type(e).__name__}")
            time.sleep(0.05)
    raise RuntimeError("create still unknown after 30 repeats")


def cancelled(p: vipps.Payment) -> bool:
    """ePayment releases what is not captured: the cancel applied when something was released."""
    return p.cancelled_amount > 0 or p.state in (P.CANCELLED, P.VOIDED)


def expected_state(o: Order) -> set[P]:
    if o.cancelled:
        # a cancel after a partial capture releases the rest: nothing is left to capture
        return {P.VOIDED} if o.captured == 0 else {P.CAPTURED}
    return chaos.expected_state(o)


def details_retrying(client: vipps.Client, order_id: str) -> vipps.Payment:
    for _ in range(30):
        try:
            return client.details(order_id)
        except vipps.VippsError:
            time.sleep(0.05)
    return client.details(order_id)


def main() -> int:
    started_run = chaos.start(__doc__.splitlines()[0], "epay")
    if started_run is None:
        return 2
    args, sim, rng, run, counter = started_run
    env = os.environ
    started = time.monotonic()

    broken = check_verifier()
    if broken:
        print("\n".join(broken), file=sys.stderr)
        return 1
    receiver = Receiver(args.seed, RECEIVER_REFUSES)
    receiver.url = f"http://127.0.0.1:{receiver.port}/shop/webhooks?from=vipps"
    sim.call("POST", "/sim/v1/webhooks/settings", {"timeCompression": TIME_COMPRESSION, "attemptTimeoutSeconds": 5})
    sim.call("DELETE", "/sim/v1/webhooks/faults")
    receiver.secret = register(env["VIPPS_SIM_URL"], env["VIPPS_SIM_CA"], env["VIPPS_SIM_CLIENT_ID"],
                               env["VIPPS_SIM_CLIENT_SECRET"], env["VIPPS_SIM_SUBSCRIPTION_KEY"],
                               env["VIPPS_SIM_MSN"], receiver.url)["secret"]

    client = chaos.chaos_client(api="epayment")
    stats = Stats()
    orders, seeds = chaos.make_orders(args, rng, run)
    chaos.arm_random_faults(sim, args, FAULT_ENDPOINTS)

    # Delivery faults are counts ("the next n events"), so a thread arms them one at a time while
    # the payments run, spreading them over the whole run.
    armed: collections.Counter[str] = collections.Counter()
    driving = threading.Event()
    driving.set()

    def arm_webhook_faults() -> None:
        r = random.Random(args.seed + 1)
        while driving.is_set():
            for kind, p in WEBHOOK_FAULTS.items():
                if r.random() < p:
                    body: dict[str, object] = {kind: 1}
                    if kind == "delay":
                        body["delaySeconds"] = DELAY_S
                    sim.call("POST", "/sim/v1/webhooks/faults", body)
                    armed[kind] += 1
            time.sleep(WEBHOOK_FAULT_TICK_S)

    faulter = threading.Thread(target=arm_webhook_faults, name="webhook-faults")
    faulter.start()

    def pay(o: Order, r: random.Random) -> None:
        create(client, stats, o)
        sim.call("POST", f"/sim/v1/payments/{o.order_id}/approve")
        chaos.drive(client, sim, stats, o, r, applied=cancelled)

    chaos.run_workers(orders, seeds, args.threads, pay)
    driving.clear()
    faulter.join()
    drive_s = time.monotonic() - started

    report = sim.call("GET", "/sim/v1/faults")
    injected = report.get("injected", {}) if isinstance(report, dict) else {}
    sim.call("DELETE", "/sim/v1/faults")

    # Every event must come to rest (delivered or dropped) before it is reconciled.
    settle_deadline = time.monotonic() + 60
    while True:
        hooks = sim.call("GET", "/sim/v1/webhooks")
        assert isinstance(hooks, dict)
        if hooks["pending"] == 0 or time.monotonic() > settle_deadline:
            break
        time.sleep(0.5)
    left = hooks["faults"]
    applied_faults = {k: armed[k] - int(left.get(k, 0)) for k in WEBHOOK_FAULTS}
    sim.call("DELETE", "/sim/v1/webhooks/faults")
    time.sleep(0.2)  # a delivery answered just now may still be on its way into the receiver's book
    deliveries: dict[str, list[dict]] = collections.defaultdict(list)
    for d in hooks["deliveries"]:
        deliveries[d["reference"]].append(d)
    outcomes = collections.Counter(d["outcome"] for d in hooks["deliveries"])
    retried = sum(1 for d in hooks["deliveries"] if len(d.get("attempts") or []) > 1)

    violations: list[str] = chaos.unknown_outcome_violations(stats)
    ok = 0
    shop_cap = shop_ref = sim_cap = sim_ref = hook_cap = hook_ref = 0
    events_total = received_total = received_unique = dropped_events = duplicated_deliveries = 0
    for o in orders:
        ledger = sim.call("GET", f"/sim/v1/payments/{o.order_id}")
        assert isinstance(ledger, dict)
        details = details_retrying(client, o.order_id)
        bad = chaos.ledger_violations(o, ledger, details, expected_state(o))
        creates = [e for e in details.events if e.name == "CREATED"]
        if len(creates) != 1:
            bad.append(f"{len(creates)} CREATED events")

        # The webhooks: one delivery per event; every delivered one reached the shop, verified;
        # nothing reached it that the simulator did not send.
        # A duplicate fault makes a second delivery of the same event: deliveries are grouped by
        # event, (name, pspReference), and an event counts as delivered when any copy was.
        mine = deliveries.get(o.order_id, [])
        outcomes_of: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
        bodies: dict[tuple[str, str], dict] = {}
        for d in mine:
            k = (d["name"], d["pspReference"])
            outcomes_of[k].add(d["outcome"])
            bodies[k] = json.loads(d["body"])
        sent = collections.Counter(name for name, _ in outcomes_of)
        happened = collections.Counter(e.name for e in details.events)
        if sent != happened:
            bad.append(f"events sent {dict(sent)} != events in the log {dict(happened)}")
        got = receiver.events.get(o.order_id, [])
        got_keys = collections.Counter((e.get("name"), e.get("pspReference")) for e in got)
        lost_keys = set()
        for k, outs in outcomes_of.items():
            if "delivered" in outs:
                if got_keys[k] == 0:
                    bad.append(f"{k[0]} {k[1]} delivered but not received")
            elif outs == {"dropped"}:
                lost_keys.add(k)
                if got_keys[k]:
                    bad.append(f"{k[0]} {k[1]} dropped but received")
            else:
                bad.append(f"{k[0]} {k[1]} {sorted(outs)} after the run")
        strangers = set(got_keys) - set(outcomes_of)
        if strangers:
            bad.append(f"received events the simulator never sent: {sorted(map(str, strangers))}")
        # The shop's book from its webhooks (each event once) plus what was dropped equals the ledger.
        unique = {(e.get("name"), e.get("pspReference")): e for e in got}
        dropped = [bodies[k] for k in lost_keys]
        dropped_events += len(dropped)
        duplicated_deliveries += len(mine) - len(outcomes_of)
        for name, field in (("CAPTURED", "captured"), ("REFUNDED", "refunded")):
            heard = sum(int(e["amount"]["value"]) for e in unique.values() if e.get("name") == name and e.get("success"))
            lost = sum(int(e["amount"]["value"]) for e in dropped if e.get("name") == name and e.get("success"))
            if heard + lost != ledger[field]:
                bad.append(f"{field}: webhooks {heard} + dropped {lost} != ledger {ledger[field]}")
            if field == "captured":
                hook_cap += heard
            else:
                hook_ref += heard
        events_total += len(details.events)
        received_total += len(got)
        received_unique += len(unique)
        bad.extend(o.errors)
        shop_cap += o.captured
        shop_ref += o.refunded
        sim_cap += ledger["captured"]
        sim_ref += ledger["refunded"]
        if bad:
            violations.extend(f"{o.order_id} ({o.scenario}): {b}" for b in bad)
        else:
            ok += 1
    if received_unique != events_total - dropped_events:
        violations.append(f"received {received_unique} distinct events, expected {events_total} - {dropped_events} dropped")
    if receiver.refused_reasons:
        violations.append(f"webhooks refused by the receiver: {dict(receiver.refused_reasons)}")
    client.close()
    receiver.close()
    total_s = time.monotonic() - started

    c = stats.c
    print(f"chaos (ePayment): seed {args.seed}, {args.threads} threads, fault probability {args.probability} "
          f"on {','.join(FAULT_ENDPOINTS)}, read timeout {READ_TIMEOUT_MS} ms, latency {LATENCY_MS} ms")
    print(f"payments:            {len(orders)}  ({', '.join(f'{s} {sum(o.scenario == s for o in orders)}' for s in SCENARIOS)})")
    print(f"faults injected:     {dict(sorted((k, v) for k, v in injected.items() if v))}, total {sum(injected.values())}")
    print(f"webhook faults:      {applied_faults} (delay {DELAY_S} s); receiver answered 503 to {receiver.answered_503} "
          f"first attempts; {retried} deliveries took more than one attempt")
    print(f"retries (library):   {counter.retries}")
    print(f"outcome-unknown:     {c['outcome_unknown_seen']} operations (create {c['outcome_unknown_create']}, "
          f"capture {c['outcome_unknown_capture']}, refund {c['outcome_unknown_refund']}, "
          f"cancel {c['outcome_unknown_cancel']}; raised {c['outcome_unknown_raised']} times), "
          f"resolved {c['outcome_unknown_resolved']}")
    other = {k: v for k, v in c.items() if not k.startswith("outcome_unknown")}
    if other:
        print(f"other:               {dict(sorted(other.items()))}")
    print(f"webhooks:            events {events_total}, deliveries {dict(sorted(outcomes.items()))} "
          f"({duplicated_deliveries} duplicates); received {received_total} ({received_unique} distinct events, "
          f"{received_total - received_unique} repeats) = events - {dropped_events} dropped: "
          f"{'yes' if received_unique == events_total - dropped_events else 'NO'}; "
          f"refused by the receiver {sum(receiver.refused_reasons.values())}")
    print(f"sums:                captured shop {shop_cap} / sim {sim_cap} / webhooks {hook_cap}; "
          f"refunded shop {shop_ref} / sim {sim_ref} / webhooks {hook_ref} (webhooks: without the dropped)")
    print(f"duration:            drive {drive_s:.1f} s, total {total_s:.1f} s")
    print(f"invariant violations: {len(violations)}")
    for v in violations[:50]:
        print(f"  VIOLATION {v}")
    if len(violations) > 50:
        print(f"  ... and {len(violations) - 50} more")
    print(f"chaos: {ok} passed, {len(violations)} failed")
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
