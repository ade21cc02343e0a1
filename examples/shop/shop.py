#!/usr/bin/env python3
"""A small demo web shop paying with Vipps through libvipps (the `vipps` Python binding).

    PYTHONPATH=bindings/python/src VIPPS_LIBRARY=build/stage/lib/libvipps.so.0 \\
        scripts/with-simulator.sh .build/debug/vipps-sim build/sim-shop -- python3 examples/shop/shop.py --port 0

Configuration comes from the VIPPS_SIM_* variables scripts/with-simulator.sh sets (VIPPS_SIM_URL,
VIPPS_SIM_CA, VIPPS_SIM_CLIENT_ID, VIPPS_SIM_CLIENT_SECRET, VIPPS_SIM_SUBSCRIPTION_KEY, VIPPS_SIM_MSN).

Pages: /?api=ecom|epayment (products; eCom: "Pay with Vipps", "Express checkout"; ePayment: "Pay
with Vipps", "Pay with MobilePay (DKK)" with --mobilepay-msn, "QR checkout"), /order/{orderId}
(the fallBack / return URL; the QR code while it waits), /admin (capture, cancel, refund),
/admin/settlement (step 6, from the simulator's ledger and clock).
Vipps calls: eCom POST /vipps/v2/payments/{orderId} (callback), POST
/vipps/v2/payments/{orderId}/shippingDetails (express), DELETE /vipps/v2/consents/{userId};
ePayment POST /webhooks/vipps/{msn} (webhooks, registered at start, signature checked).
Python 3.11 standard library plus `vipps`; orders live in memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import logging
import os
import secrets
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import vipps  # noqa: E402
import webhooks  # noqa: E402
from pages import e, money, nok, page, parse_nok, state_class  # noqa: E402

log = logging.getLogger("shop")

PRODUCTS = {
    "socks": {"name": "Wool socks", "colour": "#5b8def", "price": 49900, "dkk": 32900, "text": "One pair of wool socks"},
    "hat": {"name": "Knitted hat", "colour": "#8e5bd6", "price": 34900, "dkk": 22900, "text": "One knitted hat"},
}
APIS = ("ecom", "epayment")
# ePayment checkouts: the sales unit (Vipps in Norway, or MobilePay in Denmark when the simulator
# has one), its currency and the user flow. eCom has regular and express only.
EPAYMENT_MODES = {
    "regular": ("vipps", "NOK", None, "Pay with Vipps"),
    "mobilepay": ("mobilepay", "DKK", None, "Pay with MobilePay (DKK)"),
    "qr": ("vipps", "NOK", "QR", "QR checkout"),
}
SHIPPING_OPTIONS = [
    vipps.ShippingOption("pickup", "Posten: pick up at a post office", 4900, is_default=True, priority=0),
    vipps.ShippingOption("home", "Home delivery", 9900, is_default=False, priority=1),
]
SETTLEMENT_BUSINESS_DAYS = 2
THREE_DAYS = 3 * 24 * 3600


def state_name(state: vipps.PaymentState) -> str:
    return state.name.lower().replace("_", " ")


@dataclasses.dataclass
class Order:
    order_id: str
    product: str
    amount: int
    express: bool
    auth_token: str
    created: str
    state: str = "initiated"
    reserved: int = 0
    captured: int = 0
    refunded: int = 0
    callbacks: list[str] = dataclasses.field(default_factory=list)
    customer: dict[str, str] = dataclasses.field(default_factory=dict)
    shipping: str = ""
    user_id: str = ""
    capture_seq: int = 1
    refund_seq: int = 1
    events: list[str] = dataclasses.field(default_factory=list)
    api: str = "ecom"
    unit: str = "vipps"  # the sales unit: "vipps" (NOK) or "mobilepay" (DKK)
    currency: str = "NOK"
    mode: str = "regular"  # regular, express (eCom), mobilepay, qr (ePayment)
    qr_url: str = ""
    webhooks: list[str] = dataclasses.field(default_factory=list)


class Shop:
    """The shop's state: the Vipps client, the orders, the simulator's control API."""

    def __init__(self, client: vipps.Client, sim_url: str, sim_ca: str | None, msn: str,
                  epayment: dict[str, tuple[str, vipps.Client]] | None = None, default_api: str = "ecom") -> None:
        self.client = client
        self.sim_url = sim_url.rstrip("/")
        self.msn = msn
        # ePayment clients by sales unit name: (MSN, client)
        self.epayment = epayment or {}
        self.default_api = default_api
        # webhook registrations by MSN: (registered URL, secret)
        self.webhook_secrets: dict[str, tuple[str, str]] = {}
        self.base_url = ""  # set once the server is bound
        self.orders: dict[str, Order] = {}
        self.lock = threading.Lock()
        self.flash: list[tuple[bool, str]] = []
        self._ssl = ssl.create_default_context(cafile=sim_ca) if sim_ca else ssl.create_default_context()
        self._seq = 0

    # -- orders --------------------------------------------------------------------------------

    def new_order_id(self) -> str:
        with self.lock:
            self._seq += 1
            return f"shop-{int(time.time())}-{self._seq}"

    def order(self, order_id: str) -> Order | None:
        with self.lock:
            return self.orders.get(order_id)

    def client_for(self, order: Order) -> vipps.Client:
        return self.epayment[order.unit][1] if order.api == "epayment" else self.client

    def msns(self) -> set[str]:
        return {self.msn} | {msn for msn, _ in self.epayment.values()}

    def register_webhooks(self, env: dict[str, str]) -> None:
        """One registration per ePayment sales unit, to this shop's loopback URL. The secret stays
        in memory; it is never logged."""
        for msn, _ in self.epayment.values():
            if msn in self.webhook_secrets:
                continue
            url = f"{self.base_url}/webhooks/vipps/{msn}"
            reg = webhooks.register(self.sim_url, env.get("VIPPS_SIM_CA") or None,
                                    env.get("VIPPS_SIM_CLIENT_ID", "vipps-sim-client"),
                                    env.get("VIPPS_SIM_CLIENT_SECRET", "vipps-sim-secret"),
                                    env.get("VIPPS_SIM_SUBSCRIPTION_KEY", "vipps-sim-subscription-key"), msn, url)
            self.webhook_secrets[msn] = (url, reg["secret"])
            log.info("webhooks of sales unit %s registered (%s)", msn, reg.get("id", "?"))

    def refresh(self, order: Order, payment: vipps.Payment) -> None:
        with self.lock:
            order.state = state_name(payment.state)
            order.amount = payment.amount or order.amount
            order.captured = payment.captured_amount
            order.refunded = payment.refunded_amount
            if payment.state not in (vipps.PaymentState.INITIATED, vipps.PaymentState.UNKNOWN):
                # express: the reservation includes the shipping cost the customer picked
                reserves = [x.amount for x in payment.log if x.operation == "RESERVE" and x.success]
                order.reserved = max(reserves) if reserves else max(order.reserved, payment.amount)
            if not order.shipping:
                self._express_details_from_json(order, payment.json)

    @staticmethod
    def _express_details_from_json(order: Order, text: str) -> None:
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return
        ship = data.get("shippingDetails") or {}
        addr = ship.get("address") or {}
        if ship.get("shippingMethod"):
            order.shipping = f"{ship.get('shippingMethod')} ({nok(int(round(float(ship.get('shippingCost', 0)) * 100)))})"
        if addr and not order.customer.get("address"):
            order.customer["address"] = ", ".join(
                str(x) for x in (addr.get("addressLine1"), addr.get("postCode"), addr.get("city")) if x
            )
        user = data.get("userDetails") or {}
        if user and not order.customer.get("name"):
            order.customer["name"] = f"{user.get('firstName', '')} {user.get('lastName', '')}".strip()
            order.customer["email"] = user.get("email", "")
            order.customer["phone"] = user.get("mobileNumber", "")
            order.user_id = order.user_id or user.get("userId", "")

    def say(self, good: bool, message: str) -> None:
        with self.lock:
            self.flash.append((good, message))
            del self.flash[:-8]

    def take_flash(self) -> list[tuple[bool, str]]:
        with self.lock:
            items, self.flash = self.flash, []
            return items

    # -- the simulator's control API (step 6) --------------------------------------------------

    def sim(self, method: str, path: str, body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.sim_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        with urllib.request.urlopen(request, context=self._ssl, timeout=10) as response:
            return json.loads(response.read() or b"{}")


def form_amount(form: dict[str, str]) -> int:
    """The admin form's amount: NOK, or 'all' for everything (an empty field is an error)."""
    typed = form.get("amount", "")
    return vipps.REMAINING if typed.strip().lower() == "all" else parse_nok(typed)


def error_text(exc: BaseException) -> str:
    if isinstance(exc, vipps.VippsError):
        parts = [f"{type(exc).__name__}: {exc.message}"]
        if exc.http_status:
            parts.append(f"HTTP {exc.http_status}")
        if exc.error_group or exc.error_code:
            parts.append(f"error {exc.error_group or ''} {exc.error_code or ''}".strip())
        if exc.context_id:
            parts.append(f"contextId {exc.context_id}")
        if exc.outcome_unknown:
            parts.append("outcome unknown: repeat the same action (same idempotency key)")
        return " · ".join(parts)
    return f"{type(exc).__name__}: {exc}"


# -- settlement (step 6) -----------------------------------------------------------------------

def parse_ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def add_business_days(day: dt.date, count: int) -> dt.date:
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def settlement_rows(ledger: dict, currencies: dict[str, str]) -> list[dict]:
    """Per captured payment of the shop's sales units (MSN -> currency)."""
    rows = []
    for p in ledger.get("payments", []):
        currency = currencies.get(str(p.get("merchantSerialNumber")))
        if currency is None:
            continue
        log_entries = [x for x in p.get("transactionLogHistory", []) if x.get("operationSuccess")]
        captures = [x for x in log_entries if x.get("operation") == "CAPTURE"]
        refunds = [x for x in log_entries if x.get("operation") == "REFUND"]
        if not captures:
            continue
        captured = sum(int(x.get("amount", 0)) for x in captures)
        refunded = sum(int(x.get("amount", 0)) for x in refunds)
        last_capture = max(parse_ts(x["timeStamp"]) for x in captures)
        rows.append({
            "orderId": p.get("orderId", ""),
            "currency": currency,
            "captured": captured,
            "refunded": refunded,
            "net": captured - refunded,
            "capturedOn": last_capture.date(),
            "settlesOn": add_business_days(last_capture.date(), SETTLEMENT_BUSINESS_DAYS),
        })
    rows.sort(key=lambda r: (r["capturedOn"], r["orderId"]))
    return rows


# -- HTTP ----------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    server_version = "Sokkeshoppen/0.1"
    shop: Shop  # set on the class by main()

    def log_message(self, fmt: str, *args: object) -> None:  # one line per request on stderr
        sys.stderr.write("shop: %s %s\n" % (self.address_string(), fmt % args))

    # plumbing

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _form(self) -> dict[str, str]:
        fields = urllib.parse.parse_qs(self._body().decode("utf-8", "replace"), keep_blank_values=True)
        return {k: v[-1] for k, v in fields.items()}

    def _send(self, status: int, body: str | bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self._send(HTTPStatus.SEE_OTHER, page("Redirect", f'<p><a href="{e(location)}">Continue</a></p>'),
                   headers={"Location": location})

    def _json(self, status: int, value: object) -> None:
        self._send(status, json.dumps(value), "application/json")

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, page("Not found", "<h2>Not found</h2><p><a href=\"/\">Back to the shop</a></p>"))

    def _parts(self) -> tuple[list[str], dict[str, str]]:
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
        return parts, query

    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except Exception as exc:  # a demo shop: show what went wrong instead of dropping the connection
            log.exception("error handling %s %s", self.command, self.path)
            try:
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                           page("Error", f'<div class="flash bad">{e(error_text(exc))}</div>'))
            except OSError:
                pass

    # routing

    def do_GET(self) -> None:
        self._guard(self._get)

    def do_HEAD(self) -> None:
        self._guard(self._get)

    def do_POST(self) -> None:
        self._guard(self._post)

    def do_DELETE(self) -> None:
        self._guard(self._delete)

    def _get(self) -> None:
        parts, query = self._parts()
        if parts == []:
            return self.products(query.get("api", self.shop.default_api))
        if len(parts) == 2 and parts[0] == "order":
            return self.order_page(parts[1])
        if parts == ["admin"]:
            return self.admin()
        if parts == ["admin", "settlement"]:
            return self.settlement()
        if parts == ["health"]:
            return self._json(200, {"status": "ok"})
        self._not_found()

    def _post(self) -> None:
        parts, _ = self._parts()
        if parts == ["checkout"]:
            return self.checkout(self._form())
        if len(parts) == 3 and parts[:2] == ["webhooks", "vipps"]:
            return self.webhook(parts[2])
        if len(parts) == 4 and parts[:3] == ["vipps", "v2", "payments"]:
            return self.callback(parts[3])
        if len(parts) == 5 and parts[:3] == ["vipps", "v2", "payments"] and parts[4] == "shippingDetails":
            return self.shipping_details(parts[3])
        if len(parts) == 2 and parts[0] == "admin" and parts[1] in ("capture", "cancel", "refund"):
            return self.admin_action(parts[1], self._form())
        if parts == ["admin", "settlement", "advance"]:
            return self.advance_clock()
        self._not_found()

    def _delete(self) -> None:
        parts, _ = self._parts()
        if len(parts) == 4 and parts[:3] == ["vipps", "v2", "consents"]:
            return self.consent_removal()
        self._not_found()

    # step 1: the product page and checkout

    def products(self, api: str) -> None:
        api = api if api in APIS else "ecom"
        if api == "epayment" and not self.shop.epayment:
            api = "ecom"
        switch = " · ".join(
            f'<strong id="api-{a}">{label}</strong>' if a == api else f'<a id="api-{a}" href="/?api={a}">{label}</a>'
            for a, label in (("ecom", "eCom API (callbacks)"), ("epayment", "ePayment API (webhooks)"))
            if a == "ecom" or self.shop.epayment)
        cards = []
        for pid, p in PRODUCTS.items():
            def button(mode: str, cls: str, label: str) -> str:
                return (f'<form method="post" action="/checkout"><input type="hidden" name="product" value="{e(pid)}">'
                        f'<input type="hidden" name="api" value="{api}"><input type="hidden" name="mode" value="{mode}">'
                        f'<button class="{cls}" type="submit" name="{"pay" if mode == "regular" else mode}">{e(label)}</button></form>')
            if api == "ecom":
                buttons = (button("regular", "vipps", "Pay with Vipps") + button("express", "express", "Express checkout")
                           + f'<p class="muted">Express: Vipps asks for your address and shipping '
                             f'(from {e(nok(SHIPPING_OPTIONS[0].cost))}).</p>')
                price = nok(p["price"])
            else:
                buttons = "".join(button(mode, "express" if mode == "qr" else "vipps", label)
                                  for mode, (unit, _, _, label) in EPAYMENT_MODES.items() if unit in self.shop.epayment)
                price = nok(p["price"]) + (f" · {money(p['dkk'], 'DKK')}" if "mobilepay" in self.shop.epayment else "")
            cards.append(f"""
<div class="product" id="product-{e(pid)}"><div class="tile" style="background:{p['colour']}">{e(p['name'][:1])}</div><h2>{e(p['name'])}</h2>
<p class="price">{e(price)}</p>{buttons}</div>""")
        self._send(200, page("Shop", f'<p id="api-switch" data-api="{api}">Pay through: {switch}</p>'
                                     f'<div class="products">{"".join(cards)}</div>'))

    def checkout(self, form: dict[str, str]) -> None:
        shop = self.shop
        product = PRODUCTS.get(form.get("product", ""))
        if product is None:
            return self._send(400, page("Checkout", '<div class="flash bad">Unknown product.</div>'))
        if form.get("api") == "epayment":
            return self.checkout_epayment(form, product)
        express = form.get("mode") == "express"
        order_id = shop.new_order_id()
        token = secrets.token_urlsafe(24)
        order = Order(order_id, form["product"], product["price"], express, token,
                      dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), mode="express" if express else "regular")
        prefix = shop.base_url + "/vipps"
        try:
            initiation = shop.client.initiate(
                order_id, product["price"], product["text"], prefix, f"{shop.base_url}/order/{order_id}",
                auth_token=token, express=express,
                shipping_details_prefix=prefix if express else None,
                consent_removal_prefix=prefix if express else None,
            )
        except vipps.VippsError as exc:
            return self._send(502, page("Checkout", f'<div class="flash bad">Vipps could not start the payment: '
                                                   f'{e(error_text(exc))}</div><p><a href="/">Back</a></p>'))
        order.events.append(f"initiated ({'express' if express else 'regular'}), {nok(product['price'])}")
        with shop.lock:
            shop.orders[order_id] = order
        log.info("order %s initiated, customer sent to Vipps", order_id)
        self._redirect(initiation.url)

    def checkout_epayment(self, form: dict[str, str], product: dict) -> None:
        """ePayment: Vipps (NOK) or MobilePay (DKK) on the web, or a QR code on the shop's screen.
        Vipps reports by webhooks; the return URL only brings the customer back."""
        shop = self.shop
        mode = form.get("mode", "")
        if mode not in EPAYMENT_MODES or EPAYMENT_MODES[mode][0] not in shop.epayment:
            return self._send(400, page("Checkout", '<div class="flash bad">Unknown checkout.</div>'))
        unit, currency, flow, label = EPAYMENT_MODES[mode]
        amount = product["dkk"] if currency == "DKK" else product["price"]
        order_id = shop.new_order_id()
        order = Order(order_id, form["product"], amount, False, "",
                      dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
                      api="epayment", unit=unit, currency=currency, mode=mode)
        with shop.lock:  # before the create: a webhook may arrive before its answer
            shop.orders[order_id] = order
        try:
            initiation = shop.epayment[unit][1].initiate(
                order_id, amount, product["text"], shop.base_url, f"{shop.base_url}/order/{order_id}",
                currency=currency, user_flow=flow, idempotency_key=f"{order_id}-create")
        except vipps.VippsError as exc:
            with shop.lock:
                shop.orders.pop(order_id, None)
            return self._send(502, page("Checkout", f'<div class="flash bad">Vipps could not start the payment: '
                                                   f'{e(error_text(exc))}</div><p><a href="/?api=epayment">Back</a></p>'))
        with shop.lock:
            order.events.append(f"created on ePayment ({label}), {money(amount, currency)}")
            order.qr_url = initiation.url if flow == "QR" else ""
        log.info("order %s created on ePayment (%s)", order_id, mode)
        # QR: the code is shown on the shop's own order page; otherwise the customer goes to Vipps.
        self._redirect(f"/order/{order_id}" if flow == "QR" else initiation.url)

    def webhook(self, msn: str) -> None:
        """ePayment's notifications: verified against the URL this shop registered (not the Host
        header), then recorded. The payment itself is read from Vipps before money moves."""
        body = self._body()
        registered = self.shop.webhook_secrets.get(msn)
        if registered is None:
            return self._json(404, {"error": "no webhook registration for this sales unit"})
        headers = {k.lower(): v for k, v in self.headers.items()}
        # The freshness window is measured on the simulator's clock, which the settlement page
        # moves forward by days: the dates Vipps signs are on it.
        try:
            now = parse_ts(self.shop.sim("GET", "/sim/v1/clock")["now"]).timestamp()
        except (OSError, ValueError, KeyError):
            now = None
        reason = webhooks.verify_webhook(body, headers, registered[0], registered[1], now=now)
        if reason is not None:
            log.warning("webhook for sales unit %s refused: %s", msn, reason)
            return self._json(401, {"error": reason})
        try:
            event = json.loads(body)
            name, reference = str(event["name"]), str(event["reference"])
            amount = int(event["amount"]["value"])
            currency = str(event["amount"]["currency"])
        except (ValueError, KeyError, TypeError):
            return self._json(400, {"error": "not a webhook event"})
        order = self.shop.order(reference)
        if order is None:
            return self._json(200, {"status": "ignored"})  # not ours: a 2xx stops the retries
        line = f"{name} {money(amount, currency)}"
        with self.shop.lock:
            if line not in order.webhooks:  # delivered at least once: a repeat changes nothing
                order.webhooks.append(line)
                order.events.append(f"webhook: {name}")
            if name == "AUTHORIZED" and event.get("success") and order.state == "initiated":
                order.state = "reserved"
                order.reserved = amount
        self._json(200, {"status": "ok"})

    # steps 3-4: calls from Vipps

    def callback(self, order_id: str) -> None:
        body = self._body()
        order = self.shop.order(order_id)
        if order is None:
            return self._json(404, {"error": "unknown order"})
        try:
            vipps.verify_callback(order.auth_token, self.headers.get("Authorization"))
        except vipps.AuthenticationError:
            log.warning("callback for %s with a wrong Authorization header", order_id)
            return self._json(401, {"error": "unauthorized"})
        try:
            cb = vipps.parse_callback(body)
        except vipps.VippsError as exc:
            return self._json(400, {"error": str(exc)})
        with self.shop.lock:
            order.callbacks.append(f"{cb.status} {nok(cb.amount)} at {cb.timestamp}")
            order.events.append(f"callback: {cb.status}")
            if cb.state is not vipps.PaymentState.UNKNOWN and order.state == "initiated":
                order.state = state_name(cb.state)
            if cb.state is vipps.PaymentState.RESERVED:
                order.reserved = cb.amount
            if cb.is_express:
                if cb.shipping_method:
                    order.shipping = f"{cb.shipping_method} ({nok(cb.shipping_cost)})"
                name = " ".join(x for x in (cb.first_name, cb.last_name) if x)
                address = ", ".join(x for x in (cb.address_line1, cb.address_line2, cb.post_code, cb.city) if x)
                order.customer.update({k: v for k, v in (("name", name), ("address", address),
                                                          ("email", cb.email or ""), ("phone", cb.phone_number or ""))
                                       if v})
                order.user_id = cb.user_id or order.user_id
        self._json(200, {"status": "ok"})

    def shipping_details(self, order_id: str) -> None:
        body = self._body()
        order = self.shop.order(order_id)
        if order is None:
            return self._json(404, {"error": "unknown order"})
        try:  # Vipps sends the authToken here too
            vipps.verify_callback(order.auth_token, self.headers.get("Authorization"))
        except vipps.AuthenticationError:
            return self._json(401, {"error": "unauthorized"})
        try:
            request = vipps.parse_shipping_request(body)
        except vipps.VippsError as exc:
            return self._json(400, {"error": str(exc)})
        with self.shop.lock:
            order.events.append(f"shipping options asked for {request.post_code or ''} {request.city or ''}".rstrip())
        self._send(200, vipps.shipping_response_json(request.address_id, order_id, SHIPPING_OPTIONS),
                   "application/json")

    def consent_removal(self) -> None:
        self._body()
        user_id = vipps.consent_removal_user_id(urllib.parse.urlsplit(self.path).path)
        removed = 0
        with self.shop.lock:
            for order in self.shop.orders.values():
                if order.user_id and order.user_id == user_id:
                    order.customer = {"name": "(removed at the customer's request)"}
                    order.events.append("consent removed: personal data deleted")
                    removed += 1
        log.info("consent removal for a user: %d orders cleaned", removed)
        self._json(200, {"status": "ok"})

    # step 4: the fallBack

    def order_page(self, order_id: str) -> None:
        shop = self.shop
        order = shop.order(order_id)
        if order is None:
            return self._not_found()
        waiting = False
        try:
            # The QR page stays on the shop's screen: it looks quickly and refreshes.
            payment = shop.client_for(order).wait(order_id, 500 if order.qr_url else 2500)
            shop.refresh(order, payment)
        except vipps.Timeout:
            waiting = True
        except vipps.VippsError as exc:
            return self._send(502, page("Order", f'<div class="flash bad">{e(error_text(exc))}</div>', refresh=3))
        product = PRODUCTS[order.product]
        amount = money(order.amount, order.currency)
        if (waiting or order.state == "initiated") and order.qr_url:
            body = (f'<div class="box" id="order" data-state="initiated"><h2>Scan to pay</h2>'
                    f"<p>Scan the code with your phone's camera to pay {e(amount)} for {e(product['name'])}."
                    f' This page updates by itself.</p><p><img id="qr" src="{e(order.qr_url)}" width="240" height="240" '
                    f'alt="QR code of the payment"></p><p class="muted">Order {e(order.order_id)}</p></div>')
            return self._send(200, page("Scan to pay", body, refresh=2))
        if waiting or order.state == "initiated":
            app = "MobilePay" if order.unit == "mobilepay" else "Vipps"
            body = (f'<div class="box" id="order" data-state="initiated"><h2>Waiting for {app}…</h2>'
                    f"<p>Confirm the payment of {e(amount)} for {e(product['name'])} in the {app} app."
                    f' This page updates by itself.</p><p class="muted">Order {e(order.order_id)}</p></div>')
            return self._send(200, page("Waiting", body, refresh=2))
        ok = order.state in ("reserved", "captured", "partially captured", "partially refunded", "refunded")
        if ok:
            headline = "Thank you! Your order is confirmed."
            detail = (f"<p>{e(money(order.reserved, order.currency))} is reserved in Vipps and will be charged when "
                      f"{e(product['name'])} ships.</p>")
        else:
            headline = "The payment was not completed."
            detail = '<p>Nothing was charged. <a href="/">Back to the shop</a></p>'
        extra = ""
        if order.express:
            extra = (f"<p>Delivery: {e(order.shipping or '—')}<br>To: {e(order.customer.get('name', ''))}, "
                     f"{e(order.customer.get('address', '—'))}</p>")
        if order.api == "epayment":
            told = f'Webhooks from Vipps: <span id="webhooks">{e("; ".join(order.webhooks) or "none yet")}</span>'
        else:
            told = f'Callback from Vipps: <span id="callback">{e("; ".join(order.callbacks) or "none yet")}</span>'
        body = (f'<div class="box" id="order" data-state="{e(order.state)}" data-reserved="{order.reserved}" '
                f'data-api="{e(order.api)}" data-currency="{e(order.currency)}">'
                f"<h2>{e(headline)}</h2>{detail}{extra}"
                f'<p>Order <strong>{e(order.order_id)}</strong> · state <span class="state {e(state_class(order.state))}">'
                f'{e(order.state)}</span></p><p class="muted">{told}</p>'
                "</div>")
        self._send(200, page("Order " + order.order_id, body))

    # step 5: admin

    def admin(self) -> None:
        shop = self.shop
        with shop.lock:
            orders = list(shop.orders.values())
        rows = []
        for order in reversed(orders):
            error = ""
            try:
                shop.refresh(order, shop.client_for(order).details(order.order_id))
            except vipps.VippsError as exc:
                error = f'<div class="flash bad">{e(error_text(exc))}</div>'
            oid = e(order.order_id)

            def cur(minor: int, currency: str = order.currency) -> str:
                return money(minor, currency)
            remaining = max(order.reserved - order.captured, 0) if order.state not in ("cancelled", "voided") else 0
            actions = []
            if order.state in ("reserved", "partially captured"):
                actions.append(
                    f'<form class="inline" method="post" action="/admin/capture"><input type="hidden" name="orderId" value="{oid}">'
                    f'<input type="text" name="amount" value="all" title="NOK, or all for everything left">'
                    f'<button class="ok" type="submit" name="capture">Capture</button></form>')
            if order.state in ("initiated", "reserved", "partially captured"):
                actions.append(
                    f'<form class="inline" method="post" action="/admin/cancel"><input type="hidden" name="orderId" value="{oid}">'
                    f'<button class="warn" type="submit" name="cancel">Cancel</button></form>')
            if order.captured > order.refunded:
                actions.append(
                    f'<form class="inline" method="post" action="/admin/refund"><input type="hidden" name="orderId" value="{oid}">'
                    f'<input type="text" name="amount" value="all" title="NOK, or all for everything captured">'
                    f'<button class="danger" type="submit" name="refund">Refund</button></form>')
            customer = ""
            if order.express and (order.customer or order.shipping):
                customer = (f'<div class="muted">{e(order.customer.get("name", ""))} · {e(order.customer.get("address", ""))}'
                            f'<br>{e(order.shipping)}</div>')
            rows.append(
                f'<tr id="order-{oid}" data-state="{e(order.state)}" data-captured="{order.captured}" '
                f'data-refunded="{order.refunded}" data-reserved="{order.reserved}">'
                f'<td><strong>{oid}</strong><div class="muted">{e(order.created)} UTC · '
                f'{e(order.api)} · {e(order.mode)}</div>{customer}</td>'
                f'<td>{e(PRODUCTS[order.product]["name"])}</td>'
                f'<td><span class="state {e(state_class(order.state))}">{e(order.state)}</span></td>'
                f'<td class="num">{e(cur(order.reserved))}</td><td class="num">{e(cur(order.captured))}</td>'
                f'<td class="num">{e(cur(order.refunded))}</td><td class="num">{e(cur(remaining))}</td>'
                f'<td>{"".join(actions) or "—"}{error}</td></tr>')
        flash = "".join(f'<div class="flash {"good" if good else "bad"}">{e(msg)}</div>' for good, msg in shop.take_flash())
        table = ("<p>No orders yet. <a href=\"/\">Buy something</a>.</p>" if not rows else
                 '<table><tr><th>Order</th><th>Product</th><th>State</th><th class="num">Reserved</th>'
                 '<th class="num">Captured</th><th class="num">Refunded</th><th class="num">Left to capture</th>'
                 f'<th>Actions (amounts in the order\'s currency, or all)</th></tr>{"".join(rows)}</table>')
        self._send(200, page("Orders", f'<h2>Orders</h2><div id="flash">{flash}</div>{table}'))

    def admin_action(self, action: str, form: dict[str, str]) -> None:
        shop = self.shop
        order = shop.order(form.get("orderId", ""))
        if order is None:
            shop.say(False, f"Unknown order {form.get('orderId', '')!r}.")
            return self._redirect("/admin")
        oid = order.order_id
        client = shop.client_for(order)

        def cur(minor: int) -> str:
            return money(minor, order.currency)
        try:
            if action == "capture":
                key = f"{oid}-capture-{order.capture_seq}"
                t = client.capture(oid, form_amount(form), "Shipped from Sokkeshoppen", idempotency_key=key)
                what = f"captured {cur(t.amount)} of order {oid}; {cur(t.remaining_to_capture)} left to capture"
            elif action == "refund":
                key = f"{oid}-refund-{order.refund_seq}"
                t = client.refund(oid, form_amount(form), "Refund from Sokkeshoppen", idempotency_key=key)
                what = f"refunded {cur(t.amount)} of order {oid}; {cur(t.remaining_to_refund)} left to refund"
            else:
                t = client.cancel(oid, "Cancelled by Sokkeshoppen", release_remaining_funds=True)
                what = f"cancelled order {oid} ({t.status})"
        except ValueError as exc:
            if isinstance(exc, vipps.VippsError):
                shop.say(False, f"{action} of order {oid} failed: {error_text(exc)}")
            else:
                shop.say(False, f"{action} of order {oid}: {exc}")
            return self._redirect("/admin")
        except vipps.OutcomeUnknown as exc:  # keep the idempotency key: the next click repeats the same request
            shop.say(False, f"{action} of order {oid}: {error_text(exc)}")
            return self._redirect("/admin")
        except vipps.VippsError as exc:
            self._bump(order, action)
            shop.say(False, f"{action} of order {oid} failed: {error_text(exc)}")
            return self._redirect("/admin")
        self._bump(order, action)
        with shop.lock:
            order.events.append(what)
        shop.say(True, what[0].upper() + what[1:] + ".")
        self._redirect("/admin")

    def _bump(self, order: Order, action: str) -> None:
        with self.shop.lock:
            if action == "capture":
                order.capture_seq += 1
            elif action == "refund":
                order.refund_seq += 1

    # step 6: settlement

    def settlement(self) -> None:
        shop = self.shop
        try:
            ledger = shop.sim("GET", "/sim/v1/payments")
            clock = shop.sim("GET", "/sim/v1/clock")
        except (OSError, ValueError) as exc:
            return self._send(502, page("Settlement", f'<div class="flash bad">The simulator did not answer: {e(exc)}</div>'))
        now = parse_ts(clock["now"])
        today = now.date()
        rows: list[str] = []
        paid: dict[str, int] = {}
        pending: dict[str, int] = {}
        currencies = {shop.msn: "NOK"} | {msn: ("DKK" if unit == "mobilepay" else "NOK")
                                          for unit, (msn, _) in shop.epayment.items()}
        for r in settlement_rows(ledger, currencies):
            done = today >= r["settlesOn"]
            book = paid if done else pending
            book[r["currency"]] = book.get(r["currency"], 0) + r["net"]
            c = r["currency"]
            status = "paid out" if done else "pending"
            rows.append(
                f'<tr id="settle-{e(r["orderId"])}" data-status="{e(status)}" data-net="{r["net"]}" data-currency="{c}" '
                f'data-settles-on="{r["settlesOn"].isoformat()}"><td>{e(r["orderId"])}</td>'
                f'<td class="num">{e(money(r["captured"], c))}</td><td class="num">{e(money(r["refunded"], c))}</td>'
                f'<td class="num"><strong>{e(money(r["net"], c))}</strong></td><td>{r["capturedOn"].isoformat()}</td>'
                f'<td>{r["settlesOn"].strftime("%a %Y-%m-%d")}</td>'
                f'<td><span class="state {e(state_class(status))}">{e(status)}</span></td></tr>')
        table = ("<p>Nothing captured yet: money is settled only for captured payments.</p>" if not rows else
                 '<table><tr><th>Order</th><th class="num">Captured</th><th class="num">Refunded</th>'
                 '<th class="num">Net</th><th>Captured on</th><th>Settled on</th><th>Status</th></tr>'
                 + "".join(rows) + "</table>")
        adjustable = clock.get("adjustable", True)

        def total(book: dict[str, int]) -> str:
            return " + ".join(money(v, c) for c, v in sorted(book.items(), key=lambda x: x[0] != "NOK")) or money(0)
        body = f"""<h2>Settlement</h2>
<p>Vipps pays captured amounts, minus refunds, into the merchant's account {SETTLEMENT_BUSINESS_DAYS} business days
after the capture (weekends skipped; public holidays are not modelled here). Computed from the simulator's ledger.</p>
<div class="box"><p>Simulated clock: <strong id="clock" data-now="{e(clock['now'])}">{e(now.strftime('%a %Y-%m-%d %H:%M'))} UTC</strong></p>
<form method="post" action="/admin/settlement/advance"><button class="vipps" type="submit" name="advance"{'' if adjustable else ' disabled'}>
Advance 3 days</button></form>
<p>Paid out: <strong id="paid-out">{e(total(paid))}</strong> · pending: <strong id="pending">{e(total(pending))}</strong></p></div>
{table}"""
        self._send(200, page("Settlement", body))

    def advance_clock(self) -> None:
        self._body()
        try:
            self.shop.sim("POST", "/sim/v1/clock/advance", {"seconds": THREE_DAYS})
        except (OSError, ValueError) as exc:
            return self._send(502, page("Settlement", f'<div class="flash bad">The simulator did not answer: {e(exc)}</div>'))
        self._redirect("/admin/settlement")


def make_client(api: str = "ecom", msn: str | None = None) -> tuple[vipps.Client, str, str | None, str]:
    env = os.environ
    missing = [n for n in ("VIPPS_SIM_URL",) if not env.get(n)]
    if missing:
        sys.exit("shop: set " + ", ".join(missing) + " (scripts/with-simulator.sh does)")
    url = env["VIPPS_SIM_URL"]
    ca = env.get("VIPPS_SIM_CA") or None
    msn = msn or env.get("VIPPS_SIM_MSN", "123456")
    client = vipps.Client(
        api=api,  # type: ignore[arg-type]
        base_url=url, ca_file=ca,
        client_id=env.get("VIPPS_SIM_CLIENT_ID", "vipps-sim-client"),
        client_secret=env.get("VIPPS_SIM_CLIENT_SECRET", "vipps-sim-secret"),
        subscription_key=env.get("VIPPS_SIM_SUBSCRIPTION_KEY", "vipps-sim-subscription-key"),
        merchant_serial_number=msn,
        system_info=vipps.SystemInfo("sokkeshoppen", "0.1", "libvipps-demo", "0.1"),
        poll_intervals=(200, 300),
    )
    return client, url, ca, msn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A demo web shop paying with Vipps through libvipps.")
    parser.add_argument("--port", type=int, default=8080, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--verbose", action="store_true", help="log libvipps requests (INFO)")
    parser.add_argument("--api", choices=APIS, default="ecom", help="the API the product page starts on")
    parser.add_argument("--mobilepay-msn", default=os.environ.get("VIPPS_SIM_MSN_DK"),
                        help="a MobilePay Denmark sales unit (DKK) of the simulator; default $VIPPS_SIM_MSN_DK")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(name)s: %(message)s")
    logging.getLogger("shop").setLevel(logging.INFO)

    client, url, ca, msn = make_client()
    units = {"vipps": (msn, make_client("epayment", msn)[0])}
    if args.mobilepay_msn:
        units["mobilepay"] = (args.mobilepay_msn, make_client("epayment", args.mobilepay_msn)[0])
    shop = Shop(client, url, ca, msn, units, args.api)
    Handler.shop = shop
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    shop.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    shop.register_webhooks(dict(os.environ))
    print(f"shop listening on {shop.base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        client.close()
        for _, other in units.values():
            other.close()
    return 0


if __name__ == "__main__":
    import signal

    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    sys.exit(main())
