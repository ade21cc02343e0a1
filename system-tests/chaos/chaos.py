#!/usr/bin/env python3
"""Chaos run of libvipps against vipps-sim with seeded random faults.

Run under scripts/with-simulator.sh (it sets VIPPS_SIM_*):
    PYTHONPATH=bindings/python/src VIPPS_LIBRARY=build/stage/lib/libvipps.so.0 \
        python3 system-tests/chaos/chaos.py --payments 200 --threads 4 --seed 42
See system-tests/chaos/README.md.
"""
from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import random
import ssl
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Callable

import vipps

P = vipps.PaymentState

# Weighted kinds: the simulator picks uniformly from the list, and repeats are allowed, so the
# number of copies is the weight. latency and rate-limit cost ~1 s each, so they are rare.
FAULT_KINDS = (["error-before"] * 3 + ["error-after"] * 3 + ["drop-before"] * 2 + ["drop-after"] * 3
               + ["latency"] * 1 + ["rate-limit"] * 1)
# initiate is not faulted (see README): the setup phase stays fast and initiate has no idempotency key.
FAULT_ENDPOINTS = ["token", "capture", "refund", "cancel", "details"]
READ_TIMEOUT_MS = 1000
LATENCY_MS = 1300


class Sim:
    """The simulator's control API (no credentials)."""

    def __init__(self, url: str, ca: str) -> None:
        self.url = url.rstrip("/")
        self.ctx = ssl.create_default_context(cafile=ca)

    def call(self, method: str, path: str, body: object | None = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self.ctx, timeout=30) as resp:
            raw = resp.read()
        return json.loads(raw) if raw.strip() else None


class RetryCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.retries = 0
        self._mu = threading.Lock()
        self.samples: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        if "retrying in" in msg:
            with self._mu:
                self.retries += 1
                if len(self.samples) < 3:
                    self.samples.append(msg)


class Order:
    def __init__(self, order_id: str, amount: int, scenario: str) -> None:
        self.order_id = order_id
        self.amount = amount
        self.scenario = scenario
        self.captured = 0   # what the shop knows was captured
        self.refunded = 0   # what the shop knows was refunded
        self.cancelled = False
        self.keys: list[str] = []   # idempotency keys the shop used for captures/refunds
        self.errors: list[str] = []  # definitive failures of money operations (the shop counts nothing)


class Stats:
    def __init__(self) -> None:
        self._mu = threading.Lock()
        self.c: collections.Counter[str] = collections.Counter()

    def add(self, key: str, n: int = 1) -> None:
        with self._mu:
            self.c[key] += n


class UnknownOutcome:
    """One operation's brush with outcome-unknown: `outcome_unknown_seen` counts operations that
    raised OutcomeUnknown at least once (`outcome_unknown_raised` every raise), and
    `outcome_unknown_resolved` those of them whose outcome the shop then learned. A run is sound
    when the two are equal (unknown_outcome_violations)."""

    def __init__(self, stats: Stats, op: str):
        self.stats, self.op, self.seen = stats, op, False

    def raised(self) -> None:
        self.stats.add("outcome_unknown_raised")
        if not self.seen:
            self.seen = True
            self.stats.add("outcome_unknown_seen")
            self.stats.add(f"outcome_unknown_{self.op}")

    def resolved(self) -> None:
        if self.seen:
            self.stats.add("outcome_unknown_resolved")
            self.seen = False


def unknown_outcome_violations(stats: Stats) -> list[str]:
    seen, resolved = stats.c["outcome_unknown_seen"], stats.c["outcome_unknown_resolved"]
    return [] if seen == resolved else [f"{seen} operations of unknown outcome, {resolved} resolved"]


def money_op(client: vipps.Client, stats: Stats, order: Order, op: str, seq: int, amount: int) -> int | None:
    """capture/refund with a derived idempotency key; on OutcomeUnknown repeat with the same key.
    Returns the amount the shop now knows was moved, or None if the operation definitively failed.
    The outcome-unknown counters count operations (see UnknownOutcome), not exceptions."""
    key = f"{order.order_id}-{op}-{seq}"
    order.keys.append(key)
    fn = client.capture if op == "capture" else client.refund
    unknown = UnknownOutcome(stats, op)
    for _ in range(30):
        try:
            t = fn(order.order_id, amount, f"chaos {op} {seq}", idempotency_key=key)
            unknown.resolved()
            return (t.amount or 0) if amount == vipps.REMAINING else amount
        except vipps.OutcomeUnknown as e:
            unknown.raised()
            if e.request_id is not None and e.request_id != key:
                stats.add("request_id_mismatch")
                order.errors.append(f"{op} {seq}: OutcomeUnknown.request_id {e.request_id!r} != key {key!r}")
            time.sleep(0.02)
        except (vipps.NetworkError, vipps.Timeout, vipps.ServerError, vipps.RateLimited) as e:
            # retries exhausted on a request the library knows did not apply (or is safe to repeat)
            stats.add(f"transient_exhausted_{type(e).__name__}")
            time.sleep(0.05)
        except vipps.VippsError as e:
            unknown.resolved()  # a definite answer: it did not apply
            stats.add(f"{op}_failed_{type(e).__name__}")
            order.errors.append(f"{op} {seq} amount {amount}: {type(e).__name__}: {e}")
            return None
    order.errors.append(f"{op} {seq}: still unknown after 30 repeats")
    return None


def cancelled_ecom(p: vipps.Payment) -> bool:
    return p.state in (P.CANCELLED, P.VOIDED)


def do_cancel(client: vipps.Client, stats: Stats, order: Order, release: bool, depth: int = 0,
              applied: Callable[[vipps.Payment], bool] = cancelled_ecom) -> None:
    """Cancel; on OutcomeUnknown (or any error) read details to learn what happened. `applied`
    tells from the details whether the cancel took effect (the APIs show it differently)."""
    outcome = UnknownOutcome(stats, "cancel")
    try:
        client.cancel(order.order_id, "chaos cancel", release_remaining_funds=release)
        order.cancelled = True
        return
    except vipps.OutcomeUnknown:
        outcome.raised()
    except vipps.VippsError as e:
        stats.add(f"cancel_error_{type(e).__name__}")
        err = e
    else:
        err = None
    for _ in range(30):
        try:
            p = client.details(order.order_id)
            break
        except vipps.VippsError:
            time.sleep(0.05)
    else:
        order.errors.append("cancel: details unreadable")
        return
    if applied(p):
        order.cancelled = True
        if outcome.seen:
            outcome.resolved()
        else:
            stats.add("cancel_error_but_applied")
    elif outcome.seen or isinstance(err, (vipps.ServerError, vipps.NetworkError, vipps.Timeout, vipps.RateLimited)):
        # not applied: cancel again (the payment is unchanged, so a new cancel is safe)
        if outcome.seen:
            outcome.resolved()
        else:
            stats.add("cancel_transient_not_applied_repeated")
        if depth < 20:
            do_cancel(client, stats, order, release, depth + 1, applied)
        else:
            order.errors.append("cancel: still not applied after 20 repeats")
    else:
        order.errors.append(f"cancel failed: {type(err).__name__}: {err}")


# Vipps' smallest capture or refund (1 NOK).
MIN_AMOUNT = 100


def split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`parts` amounts of at least MIN_AMOUNT that add up to `total`."""
    spare = total - parts * MIN_AMOUNT
    cuts = sorted(rng.randint(0, spare) for _ in range(parts - 1))
    return [MIN_AMOUNT + b - a for a, b in zip([0] + cuts, cuts + [spare])]


SCENARIOS = ["full-capture", "partial-captures", "capture-refund-partial", "capture-refund-full",
             "partial-capture-refunds", "cancel", "partial-capture-cancel"]


def drive(client: vipps.Client, sim: Sim, stats: Stats, order: Order, rng: random.Random,
          applied: Callable[[vipps.Payment], bool] = cancelled_ecom) -> None:
    A = order.amount
    s = order.scenario
    seq = 0

    def op(kind: str, amount: int) -> None:
        nonlocal seq
        seq += 1
        moved = money_op(client, stats, order, kind, seq, amount)
        if moved is not None:
            if kind == "capture":
                order.captured += moved
            else:
                order.refunded += moved

    if s == "full-capture":
        op("capture", vipps.REMAINING if rng.random() < 0.5 else A)
    elif s == "partial-captures":
        for part in split(rng, A, rng.randint(2, 3))[: rng.choice([2, 3])]:
            op("capture", part)
    elif s == "capture-refund-partial":
        op("capture", A)
        op("refund", rng.randint(MIN_AMOUNT, A - MIN_AMOUNT))
    elif s == "capture-refund-full":
        op("capture", A)
        op("refund", A)
    elif s == "partial-capture-refunds":
        c = rng.randint(A // 2, A - MIN_AMOUNT)
        op("capture", c)
        r1, r2 = split(rng, c, 2)
        op("refund", r1)
        op("refund", r2 if rng.random() < 0.5 else max(MIN_AMOUNT, r2 // 2))
    elif s == "cancel":
        do_cancel(client, stats, order, release=False, applied=applied)
    elif s == "partial-capture-cancel":
        op("capture", rng.randint(MIN_AMOUNT, A - MIN_AMOUNT))
        do_cancel(client, stats, order, release=True, applied=applied)


def expected_state(o: Order) -> set[P]:
    if o.cancelled:
        return {P.CANCELLED, P.VOIDED}
    if o.refunded > 0:
        return {P.REFUNDED} if o.refunded == o.captured else {P.PARTIALLY_REFUNDED}
    if o.captured == 0:
        return {P.RESERVED}
    return {P.CAPTURED} if o.captured == o.amount else {P.PARTIALLY_CAPTURED}


def start(description: str, run_prefix: str) -> tuple[argparse.Namespace, Sim, random.Random, str, RetryCounter] | None:
    """The run's arguments, the simulator from the environment, the seeded random source, the run's
    order-id prefix and the counter of the library's retries; None when the environment is not set."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--payments", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--probability", type=float, default=0.25)
    args = ap.parse_args()
    try:
        sim = Sim(os.environ["VIPPS_SIM_URL"], os.environ["VIPPS_SIM_CA"])
    except KeyError as e:
        print(f"chaos: {e.args[0]} is not set; run under scripts/with-simulator.sh", file=sys.stderr)
        return None
    counter = RetryCounter()
    log = logging.getLogger("vipps")
    log.setLevel(logging.WARNING)
    log.addHandler(counter)
    log.propagate = False
    return args, sim, random.Random(args.seed), f"{run_prefix}{args.seed}-{int(time.time())}", counter


def chaos_client(**settings: object) -> vipps.Client:
    """A client on the simulator of the environment, with the run's timeouts and retry policy."""
    env = os.environ
    return vipps.Client(
        base_url=env["VIPPS_SIM_URL"], ca_file=env["VIPPS_SIM_CA"],
        client_id=env["VIPPS_SIM_CLIENT_ID"], client_secret=env["VIPPS_SIM_CLIENT_SECRET"],
        subscription_key=env["VIPPS_SIM_SUBSCRIPTION_KEY"], merchant_serial_number=env["VIPPS_SIM_MSN"],
        timeouts=(1000, READ_TIMEOUT_MS, 20000),
        retry=vipps.RetryPolicy(max_attempts=5, initial_backoff_ms=20, max_backoff_ms=200, call_deadline_ms=20000),
        **settings,  # type: ignore[arg-type]
    )


def make_orders(args: argparse.Namespace, rng: random.Random, run: str) -> tuple[list[Order], list[int]]:
    """The run's orders and a seed for each, so that a thread's choices do not depend on the others'."""
    orders = [Order(f"{run}-{i:05d}", rng.randint(1000, 100000), rng.choice(SCENARIOS))
              for i in range(args.payments)]
    return orders, [rng.getrandbits(32) for _ in orders]


def arm_random_faults(sim: Sim, args: argparse.Namespace, endpoints: list[str]) -> None:
    sim.call("DELETE", "/sim/v1/faults")
    sim.call("POST", "/sim/v1/faults/random", {
        "seed": args.seed, "probability": args.probability, "kinds": FAULT_KINDS,
        "endpoints": endpoints, "delayMs": LATENCY_MS, "retryAfter": 1,
    })


def run_workers(orders: list[Order], seeds: list[int], threads: int,
                pay: Callable[[Order, random.Random], None]) -> None:
    """Pays every order on `threads` threads; an exception from `pay` is the order's violation."""
    lock = threading.Lock()
    next_index = [0]

    def worker() -> None:
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(orders):
                return
            try:
                pay(orders[i], random.Random(seeds[i]))
            except Exception as e:  # noqa: BLE001 - reported as a violation
                orders[i].errors.append(f"driver: {type(e).__name__}: {e}")

    workers = [threading.Thread(target=worker, name=f"chaos-{t}") for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def ledger_violations(o: Order, ledger: dict, details: vipps.Payment, expected: set[P]) -> list[str]:
    """What the simulator's ledger and the library's details say against what the shop believes:
    no key applied twice or unknown to the shop, no more captured than reserved or refunded than
    captured, the same sums, a state the shop expects."""
    bad: list[str] = []
    succ = [e for e in ledger.get("log", []) if e.get("operationSuccess")]
    money = [e for e in succ if str(e.get("operation", "")).upper() in ("CAPTURE", "REFUND")]
    ids = collections.Counter(e.get("requestId") for e in money)
    dup = [k for k, n in ids.items() if n > 1]
    if dup:
        bad.append(f"idempotency key applied twice: {dup}")
    unknown_keys = [k for k in ids if k not in o.keys]
    if unknown_keys:
        bad.append(f"ledger has captures/refunds with keys the shop never used: {unknown_keys}")
    if ledger["captured"] > ledger["reserved"]:
        bad.append(f"captured {ledger['captured']} > reserved {ledger['reserved']}")
    if ledger["refunded"] > ledger["captured"]:
        bad.append(f"refunded {ledger['refunded']} > captured {ledger['captured']}")
    if ledger["captured"] != o.captured or details.captured_amount != o.captured:
        bad.append(f"captured: shop {o.captured}, ledger {ledger['captured']}, details {details.captured_amount}")
    if ledger["refunded"] != o.refunded or details.refunded_amount != o.refunded:
        bad.append(f"refunded: shop {o.refunded}, ledger {ledger['refunded']}, details {details.refunded_amount}")
    if details.state not in expected:
        bad.append(f"state: shop expects {'/'.join(s.name for s in expected)}, details say {details.state.name}")
    return bad


def main() -> int:
    started_run = start(__doc__.splitlines()[0], "chaos")
    if started_run is None:
        return 2
    args, sim, rng, run, counter = started_run
    started = time.monotonic()
    client = chaos_client()
    stats = Stats()
    orders, seeds = make_orders(args, rng, run)
    arm_random_faults(sim, args, FAULT_ENDPOINTS)

    control_approve = [True]

    def approve(order_id: str, token: str | None) -> None:
        # The control API's approve; a vipps-sim built before it existed answers 404, then the
        # test environment's force approve (through the library; not faulted) does the same.
        if control_approve[0]:
            try:
                sim.call("POST", f"/sim/v1/payments/{order_id}/approve")
                return
            except urllib.error.HTTPError as e:
                if e.code != 404:
                    raise
                control_approve[0] = False
                stats.add("approve_via_force_approve_fallback")
        client.force_approve(order_id, token or "")

    def pay(o: Order, r: random.Random) -> None:
        init = client.initiate(o.order_id, o.amount, "chaos", "https://shop.example/cb", "https://shop.example/back")
        approve(o.order_id, init.token)
        drive(client, sim, stats, o, r)

    run_workers(orders, seeds, args.threads, pay)
    drive_s = time.monotonic() - started

    report = sim.call("GET", "/sim/v1/faults")
    injected = report.get("injected", {}) if isinstance(report, dict) else {}
    sim.call("DELETE", "/sim/v1/faults")

    # Reconcile every order against the ledger and the library's details.
    violations: list[str] = unknown_outcome_violations(stats)
    requests: collections.Counter[str] = collections.Counter()
    ok = 0
    shop_cap = shop_ref = sim_cap = sim_ref = 0
    for o in orders:
        ledger = sim.call("GET", f"/sim/v1/payments/{o.order_id}")
        assert isinstance(ledger, dict)
        for k, v in (ledger.get("requests") or {}).items():
            if isinstance(v, int):
                requests[k] += v
        details = client.details(o.order_id)
        bad = ledger_violations(o, ledger, details, expected_state(o))
        bad.extend(o.errors)
        shop_cap += o.captured
        shop_ref += o.refunded
        sim_cap += ledger["captured"]
        sim_ref += ledger["refunded"]
        if bad:
            violations.extend(f"{o.order_id} ({o.scenario}): {b}" for b in bad)
        else:
            ok += 1
    client.close()
    total_s = time.monotonic() - started

    c = stats.c
    print(f"chaos: seed {args.seed}, {args.threads} threads, fault probability {args.probability} "
          f"on {','.join(FAULT_ENDPOINTS)}, read timeout {READ_TIMEOUT_MS} ms, latency {LATENCY_MS} ms")
    print(f"payments:            {len(orders)}  ({', '.join(f'{s} {sum(o.scenario == s for o in orders)}' for s in SCENARIOS)})")
    print(f"requests (ledger):   {dict(sorted(requests.items()))}, total {sum(requests.values())}")
    print(f"faults injected:     {dict(sorted((k, v) for k, v in injected.items() if v))}, total {sum(injected.values())}")
    print(f"retries (library):   {counter.retries}")
    print(f"outcome-unknown:     {c['outcome_unknown_seen']} operations (capture {c['outcome_unknown_capture']}, "
          f"refund {c['outcome_unknown_refund']}, cancel {c['outcome_unknown_cancel']}; raised "
          f"{c['outcome_unknown_raised']} times), resolved {c['outcome_unknown_resolved']}")
    other = {k: v for k, v in c.items() if not k.startswith("outcome_unknown")}
    if other:
        print(f"other:               {dict(sorted(other.items()))}")
    print(f"sums:                captured shop {shop_cap} / sim {sim_cap}; refunded shop {shop_ref} / sim {sim_ref}")
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
