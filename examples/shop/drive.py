#!/usr/bin/env python3
"""Drives the demo shop through the six steps of a Vipps payment, headless, with plain HTTP requests
against the real pages (the shop's forms, the simulator's landing page and "phone"), for a regular
and an express payment, and checks the outcome. Standard library only.

    python3 examples/shop/drive.py --shop http://127.0.0.1:PORT     (VIPPS_SIM_URL, VIPPS_SIM_CA from the env)

Exit status 0 only if every step of every payment succeeded.
"""

from __future__ import annotations

import argparse
import html.parser
import os
import re
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


class DemoFailed(Exception):
    pass


# -- a tiny browser ------------------------------------------------------------------------------

class Form:
    def __init__(self, action: str, method: str, attrs: dict[str, str]) -> None:
        self.action, self.method, self.attrs = action, method.lower() or "get", attrs
        self.fields: list[tuple[str, str, str, bool]] = []  # name, value, type, checked
        self.buttons: list[tuple[str, str]] = []  # name, label

    def values(self, **overrides: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, value, kind, checked in self.fields:
            if kind in ("radio", "checkbox") and not checked:
                continue
            out[name] = value
        out.update(overrides)
        return out

    def options(self, name: str) -> list[str]:
        return [v for n, v, kind, _ in self.fields if n == name and kind == "radio"]

    def field(self, name: str) -> str | None:
        return next((v for n, v, *_ in self.fields if n == name), None)


class FormParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.elements: dict[str, dict[str, str]] = {}  # id -> attributes
        self._form: Form | None = None
        self._button: str | None = None
        self._label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.elements[a["id"]] = a
        if tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get"), a)
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and a.get("name"):
            self._form.fields.append((a["name"], a.get("value", ""), a.get("type", "text").lower(), "checked" in a))
        elif tag == "button" and self._form is not None:
            self._button, self._label = a.get("name", ""), []

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._form is not None and self._button is not None:
            self._form.buttons.append((self._button, "".join(self._label).strip()))
            self._button = None
        elif tag == "form":
            self._form = None


class Page:
    def __init__(self, url: str, status: int, headers: dict[str, str], body: str) -> None:
        self.url, self.status, self.headers, self.body = url, status, headers, body
        parser = FormParser()
        parser.feed(body)
        self.forms, self.elements = parser.forms, parser.elements

    @property
    def location(self) -> str:
        return urllib.parse.urljoin(self.url, self.headers.get("location", ""))

    def form(self, predicate, what: str) -> Form:
        for f in self.forms:
            if predicate(f):
                return f
        raise DemoFailed(f"{self.url}: no form for {what}")

    def element(self, element_id: str) -> dict[str, str]:
        if element_id not in self.elements:
            raise DemoFailed(f"{self.url}: no element #{element_id}")
        return self.elements[element_id]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # we follow redirects ourselves, to see each step
        return None


class Browser:
    def __init__(self, ca_file: str | None) -> None:
        context = ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
        self.opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect)

    def request(self, method: str, url: str, fields: dict[str, str] | None = None) -> Page:
        data = None
        if fields is not None and method == "POST":
            data = urllib.parse.urlencode(fields).encode()
        elif fields is not None:
            url = url.split("?")[0] + "?" + urllib.parse.urlencode(fields)
        request = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(request, timeout=30) as response:
                return Page(url, response.status, {k.lower(): v for k, v in response.headers.items()},
                            response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as exc:
            return Page(url, exc.code, {k.lower(): v for k, v in exc.headers.items()},
                        exc.read().decode("utf-8", "replace"))

    def get(self, url: str, fields: dict[str, str] | None = None) -> Page:
        return self.request("GET", url, fields)

    def submit(self, page: Page, form: Form, **overrides: str) -> Page:
        url = urllib.parse.urljoin(page.url, form.action or page.url)
        return self.request("POST" if form.method == "post" else "GET", url, form.values(**overrides))


def expect(page: Page, status: int, what: str) -> Page:
    if page.status != status:
        text = re.sub(r"<[^>]+>", " ", page.body)
        raise DemoFailed(f"{what}: expected HTTP {status}, got {page.status} from {page.url}: {' '.join(text.split())[:300]}")
    return page


def nok(ore: int, currency: str = "NOK") -> str:
    return f"{ore // 100}.{ore % 100:02d} {currency}"


def flash(page: Page) -> str:
    m = re.search(r'<div class="flash (good|bad)">(.*?)</div>', page.body, re.S)
    return f"{m.group(1)}: {html.unescape(m.group(2))}" if m else ""


# -- the flow ------------------------------------------------------------------------------------

class Driver:
    def __init__(self, shop: str, ca_file: str | None, sim_url: str) -> None:
        self.shop = shop.rstrip("/")
        self.sim_url = sim_url.rstrip("/")
        self.b = Browser(ca_file)

    def say(self, label: str, text: str) -> None:
        print(f"[{label}] {text}", flush=True)

    def checkout(self, label: str, product: str, mode: str, phone: str, api: str = "ecom") -> tuple[str, int]:
        b = self.b
        # step 1
        home = expect(b.get(self.shop + "/?api=" + api), 200, "product page")
        if home.element("api-switch").get("data-api") != api:
            raise DemoFailed(f"the product page did not switch to the {api} API")
        form = home.form(lambda f: f.action == "/checkout" and f.field("product") == product and f.field("mode") == mode
                         and f.field("api") == api, f"{mode} checkout of {product} on {api}")
        button = form.buttons[0][1] if form.buttons else mode
        landing = expect(b.submit(home, form), 303, "checkout")
        landing_url = landing.location
        if mode == "qr":
            # The shop shows the QR code on its own page; a phone that scans it opens the landing page
            # the code holds. This driver is that phone: it reads the code's token from the image URL.
            shown = expect(b.get(landing_url), 200, "the QR page")
            image = urllib.parse.urljoin(shown.url, shown.element("qr")["src"])
            qr = expect(b.get(image), 200, "the QR image")
            if "<svg" not in qr.body:
                raise DemoFailed(f"the QR image at {image} is not an SVG image")
            token = urllib.parse.parse_qs(urllib.parse.urlsplit(image).query).get("token", [""])[0]
            landing_url = f"{self.sim_url}/dwo-api-application/v1/deeplink/vippsgateway?v=2&token={token}"
            self.say(label, f"step 1: the customer chose \"{button}\" for {product}; the shop shows the QR code, "
                            f"the phone scans it and opens the Vipps landing page")
        else:
            if "/dwo-api-application/" not in landing_url:
                raise DemoFailed(f"checkout did not send the customer to the Vipps landing page but to {landing_url}")
            self.say(label, f"step 1: the customer chose \"{button}\" for {product} ({api}); sent to the landing page")

        # step 2
        page = expect(b.get(landing_url), 200, "landing page")
        form = page.form(lambda f: any(n == "phoneNumber" for n, *_ in f.fields), "the phone number")
        after = expect(b.submit(page, form, phoneNumber=phone), 303, "posting the phone number")
        waiting = expect(b.get(after.location), 200, "landing page after the phone number")
        if "phone-link" not in waiting.elements:
            raise DemoFailed("the landing page does not wait for the app after the phone number")
        self.say(label, f"step 2: the Vipps landing page asked for the phone number; {phone} entered, push sent")

        # step 3
        phone_url = urllib.parse.urljoin(waiting.url, waiting.element("phone-link")["href"])
        app = expect(b.get(phone_url), 200, "phone page")
        if mode == "express":
            choose = app.form(lambda f: f.method == "get" and f.options("addressId"), "the address")
            order_id = choose.field("orderId") or ""
            address_id = choose.options("addressId")[0]
            app = expect(b.submit(app, choose, addressId=address_id), 200, "choosing the address")
            approve = app.form(lambda f: f.action.endswith("/approve") and f.field("orderId") == order_id, "approve")
            methods = approve.options("shippingMethodId")
            if set(methods) != {"pickup", "home"}:
                raise DemoFailed(f"the app did not show the shop's two shipping options, but {methods}")
            done = expect(b.submit(app, approve, shippingMethodId="home"), 303, "approving")
            extra = f"; picked address {address_id} and shipping 'home' (the shop's options: {', '.join(methods)})"
        else:
            approve = app.form(lambda f: f.action.endswith("/approve"), "approve")
            order_id = approve.field("orderId") or ""
            done = expect(b.submit(app, approve), 303, "approving")
            extra = ""
        message = urllib.parse.parse_qs(urllib.parse.urlsplit(done.location).query).get("message", [""])[0]
        m = re.search(r"Paid kr ([\d\s.]+),(\d\d)", message)
        if not m:
            raise DemoFailed(f"the app did not confirm the payment: {message!r}")
        reserved = int(re.sub(r"\D", "", m.group(1))) * 100 + int(m.group(2))
        self.say(label, f"step 3: the customer approved order {order_id} in the app{extra}; "
                        f"{nok(reserved, 'DKK' if mode == 'mobilepay' else 'NOK')} reserved")

        # step 4: the landing page sends the customer back to the shop's fallBack
        back = expect(b.get(landing_url), 303, "landing page after approval")
        if not back.location.startswith(self.shop + "/order/"):
            raise DemoFailed(f"the landing page sent the customer to {back.location}, not to the shop")
        order = expect(b.get(back.location), 200, "order page")
        # eCom tells the shop by a callback, ePayment by a webhook; each travels on its own.
        told, word = ("webhooks", "AUTHORIZED") if api == "epayment" else ("callback", "RESERVE")
        for _ in range(20):
            if word in order.body.split(f'id="{told}"', 1)[-1][:200]:
                break
            time.sleep(0.2)
            order = expect(b.get(back.location), 200, "order page")
        state = order.element("order").get("data-state")
        currency = order.element("order").get("data-currency", "NOK")
        if state != "reserved" or int(order.element("order").get("data-reserved", "0")) != reserved:
            raise DemoFailed(f"order {order_id}: the order page shows state {state!r}, expected reserved {nok(reserved)}")
        found = re.search(rf'id="{told}">(.*?)</span>', order.body)
        cb = found.group(1) if found else "?"
        if word not in cb:
            raise DemoFailed(f"order {order_id}: no {word} {told} reached the shop ({cb})")
        self.say(label, f"step 4: the customer is back at the shop: order {order_id} confirmed "
                        f"(state reserved, {nok(reserved, currency)}; {told} {cb.split(' at ')[0]})")
        return order_id, reserved

    def admin(self, label: str, order_id: str, action: str, amount: str | None = None, ok: bool = True) -> Page:
        b = self.b
        page = expect(b.get(self.shop + "/admin"), 200, "admin page")
        form = page.form(lambda f: f.action == f"/admin/{action}" and f.field("orderId") == order_id,
                         f"{action} of {order_id}")
        overrides = {} if amount is None else {"amount": amount}
        after = expect(b.submit(page, form, **overrides), 303, action)
        page = expect(b.get(urllib.parse.urljoin(page.url, after.location)), 200, "admin page")
        result = flash(page)
        if ok != result.startswith("good"):
            raise DemoFailed(f"{action} of {order_id}: {result or 'no result shown'}")
        return page

    def row(self, page: Page, order_id: str) -> dict[str, str]:
        return page.element(f"order-{order_id}")

    def ship(self, label: str, order_id: str, reserved: int, partial: str | None) -> None:
        if partial:
            page = self.admin(label, order_id, "capture", partial)
            self.say(label, f"step 5: the merchant shipped part of the order: {flash(page)[6:]}")
            # an error on purpose: refunding more than was captured shows Vipps' error on the admin page
            page = self.admin(label, order_id, "refund", "100000", ok=False)
            self.say(label, f"step 5: (a refund of 100000 NOK is refused, as it should be: {flash(page)[5:]})")
        page = self.admin(label, order_id, "capture", "all")
        self.say(label, f"step 5: the merchant shipped {'the rest' if partial else 'the order'}: {flash(page)[6:]}")
        row = self.row(page, order_id)
        if row.get("data-state") != "captured" or int(row.get("data-captured", "0")) != reserved:
            raise DemoFailed(f"order {order_id}: admin shows {row.get('data-state')} / captured "
                             f"{row.get('data-captured')} øre, expected captured {reserved}")

    def settle(self, orders: dict[str, tuple[str, int]]) -> None:
        b = self.b
        url = self.shop + "/admin/settlement"
        page = expect(b.get(url), 200, "settlement page")
        for label, (order_id, amount) in orders.items():
            row = page.element(f"settle-{order_id}")
            if int(row["data-net"]) != amount:
                raise DemoFailed(f"settlement of {order_id}: net {row['data-net']} øre, expected {amount}")
            self.say(label, f"step 6: {nok(amount, row.get('data-currency', 'NOK'))} of order {order_id} will be settled on {row['data-settles-on']} "
                            f"({row['data-status']}; simulated clock {page.element('clock')['data-now'][:10]})")
        for _ in range(4):
            if all(page.element(f"settle-{o}")["data-status"] == "paid out" for o, _ in orders.values()):
                break
            form = page.form(lambda f: f.action == "/admin/settlement/advance", "advance 3 days")
            after = expect(b.submit(page, form), 303, "advance 3 days")
            page = expect(b.get(urllib.parse.urljoin(url, after.location)), 200, "settlement page")
            print(f"[settle] the merchant waits: simulated clock advanced 3 days to {page.element('clock')['data-now'][:10]}",
                  flush=True)
        for label, (order_id, amount) in orders.items():
            row = page.element(f"settle-{order_id}")
            if row["data-status"] != "paid out":
                raise DemoFailed(f"settlement of {order_id}: still {row['data-status']} (settles on {row['data-settles-on']})")
            self.say(label, f"step 6: settled: {nok(amount, row.get('data-currency', 'NOK'))} of order {order_id} reached the merchant's account "
                            f"on {row['data-settles-on']}")

    def remove_consent(self, label: str, order_id: str, phone: str) -> None:
        """The express customer withdraws the consent to keep her details: the shop forgets them."""
        b = self.b
        app = expect(b.get(self.sim_url + f"/sim/v1/phone/{phone}"), 200, "phone page")
        form = app.form(lambda f: f.action.endswith("/consent-removal") and f.field("orderId") == order_id,
                        "consent removal")
        expect(b.submit(app, form), 303, "consent removal")
        for _ in range(25):
            page = expect(b.get(self.shop + "/admin"), 200, "admin page")
            if "removed at the customer" in page.body.split(f'id="order-{order_id}"', 1)[-1].split("</tr>", 1)[0]:
                self.say(label, f"extra: the customer removed her consent in the app; the shop deleted her "
                                f"details from order {order_id}")
                return
            time.sleep(0.2)
        raise DemoFailed(f"order {order_id}: the shop still shows the customer's details after consent removal")

    def final_check(self, orders: dict[str, tuple[str, int]]) -> None:
        page = expect(self.b.get(self.shop + "/admin"), 200, "admin page")
        for label, (order_id, amount) in orders.items():
            row = self.row(page, order_id)
            if row.get("data-state") != "captured" or int(row.get("data-captured", "0")) != amount:
                raise DemoFailed(f"final state of {order_id}: {row.get('data-state')}, captured {row.get('data-captured')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shop", required=True, help="the shop's base URL")
    parser.add_argument("--ca", default=os.environ.get("VIPPS_SIM_CA"), help="the simulator's CA (default $VIPPS_SIM_CA)")
    parser.add_argument("--sim", default=os.environ.get("VIPPS_SIM_URL", ""), help="the simulator (default $VIPPS_SIM_URL)")
    parser.add_argument("--api", choices=("ecom", "epayment"), default="ecom", help="the API to pay through")
    args = parser.parse_args(argv)
    d = Driver(args.shop, args.ca, args.sim)
    try:
        if args.api == "epayment":
            return epayment(d)
        regular = d.checkout("regular", "socks", "regular", "91234567")
        express = d.checkout("express", "hat", "express", "98765432")
        d.ship("regular", regular[0], regular[1], partial="200.00")
        d.ship("express", express[0], express[1], partial=None)
        # a third customer changes her mind: the merchant cancels the reservation
        cancelled_id, _ = d.checkout("cancel ", "hat", "regular", "41234567")
        cancel(d, cancelled_id)
        orders = {"regular": regular, "express": express}
        d.settle(orders)
        d.final_check(orders)
        d.remove_consent("express", express[0], "98765432")
    except DemoFailed as exc:
        print(f"demo FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    except OSError as exc:
        print(f"demo FAILED: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    print(f"demo OK (eCom): all six steps for a regular and an express payment "
          f"({nok(regular[1])} + {nok(express[1])} captured and settled)", flush=True)
    return 0


def cancel(d: Driver, order_id: str) -> None:
    page = d.admin("cancel ", order_id, "cancel")
    state = d.row(page, order_id).get("data-state")
    if state not in ("cancelled", "voided"):  # Vipps voids a reservation that is cancelled
        raise DemoFailed(f"order {order_id}: state {state} after cancel")
    d.say("cancel ", f"step 5: the merchant cancelled order {order_id}: {flash(page)[6:]}")


def epayment(d: Driver) -> int:
    """The same six steps on ePayment: Vipps in NOK, MobilePay in DKK (a second sales unit), and a
    QR checkout; the shop hears of them by webhooks."""
    try:
        regular = d.checkout("vipps  ", "socks", "regular", "91234567", api="epayment")
        mobilepay = d.checkout("mobilepay", "hat", "mobilepay", "92345678", api="epayment")
        qr = d.checkout("qr     ", "socks", "qr", "98765432", api="epayment")
        d.ship("vipps  ", regular[0], regular[1], partial="200.00")
        d.ship("mobilepay", mobilepay[0], mobilepay[1], partial=None)
        d.ship("qr     ", qr[0], qr[1], partial=None)
        cancelled_id, _ = d.checkout("cancel ", "hat", "regular", "41234567", api="epayment")
        cancel(d, cancelled_id)
        orders = {"vipps  ": regular, "mobilepay": mobilepay, "qr     ": qr}
        d.settle(orders)
        d.final_check(orders)
    except DemoFailed as exc:
        print(f"demo FAILED (ePayment): {exc}", file=sys.stderr, flush=True)
        return 1
    except OSError as exc:
        print(f"demo FAILED (ePayment): {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return 1
    print(f"demo OK (ePayment): all six steps for Vipps, MobilePay and QR payments ({nok(regular[1])} + "
          f"{nok(mobilepay[1], 'DKK')} + {nok(qr[1])} captured and settled)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
