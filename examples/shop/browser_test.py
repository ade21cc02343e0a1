#!/usr/bin/env python3
"""Walks the six steps of a regular and an express eCom payment, then of Vipps, MobilePay and QR
payments on ePayment (switching on the product page), through the demo shop in headless Chromium
(selenium), saving a screenshot per step into build/demo-screens/, and checks the final
state of the orders. Skips (exit 0, with a message) when chromium, chromedriver or selenium is missing.

    python3 examples/shop/browser_test.py --shop http://127.0.0.1:PORT   (scripts/demo.sh STAGE SIM --browser)

Needs: Debian `chromium` and `chromium-driver`, `selenium` from PyPI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def skip(reason: str) -> int:
    print(f"browser test SKIPPED: {reason}", flush=True)
    return 0


def find(*names: str) -> str | None:
    for name in names:
        path = shutil.which(name) or (name if os.path.isfile(name) and os.access(name, os.X_OK) else None)
        if path:
            return path
    return None


class Failed(Exception):
    pass


class Walk:
    def __init__(self, driver, shop: str, screens: str) -> None:
        self.d, self.shop, self.screens = driver, shop.rstrip("/"), screens
        from selenium.webdriver.common.by import By
        self.By = By

    def shot(self, label: str, step: int, what: str) -> str:
        path = os.path.join(self.screens, f"{label}-step{step}-{what}.png")
        self.d.save_screenshot(path)
        print(f"[{label}] step {step}: {what.replace('-', ' ')} (screenshot {os.path.relpath(path, ROOT)})", flush=True)
        return path

    @staticmethod
    def scan(screenshot: str, image_url: str) -> str:
        """What a phone's camera reads from the QR code on the screen: zbarimg on the screenshot.
        Without zbarimg, the landing page of the image's token (what the code holds)."""
        zbarimg = shutil.which("zbarimg")
        if zbarimg:
            found = subprocess.run([zbarimg, "-q", "--raw", screenshot], capture_output=True, text=True, timeout=30)
            if found.returncode != 0 or "/dwo-api-application/" not in found.stdout:
                raise Failed(f"the QR code on the shop's page does not scan: {found.stdout.strip() or found.returncode}")
            return found.stdout.strip().splitlines()[0]
        url = urllib.parse.urlsplit(image_url)
        token = urllib.parse.parse_qs(url.query)["token"][0]
        return f"{url.scheme}://{url.netloc}/dwo-api-application/v1/deeplink/vippsgateway?v=2&token={token}"

    def css(self, selector: str):
        return self.d.find_element(self.By.CSS_SELECTOR, selector)

    @staticmethod
    def is_stale(element) -> bool:
        """True once `element` belongs to a page that has been replaced."""
        try:
            element.is_enabled()
            return False
        except Exception:  # StaleElementReferenceException
            return True

    def wait_for(self, predicate, what: str, timeout: float = 15.0):
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = predicate()
                if value:
                    return value
            except Exception:  # element not there yet (page loading or refreshing)
                pass
            if time.monotonic() > deadline:
                raise Failed(f"timed out waiting for {what} (at {self.d.current_url})")
            time.sleep(0.2)

    def pay(self, label: str, product: str, express: bool, phone: str, api: str = "ecom", button: str = "") -> str:
        d = self.d
        d.get(self.shop + "/")
        if self.css("#api-switch").get_attribute("data-api") != api:  # the switch on the page
            self.css(f"#api-{api}").click()
            self.wait_for(lambda: self.css("#api-switch").get_attribute("data-api") == api, f"the {api} product page")
        self.shot(label, 1, "product-page")
        button = button or ("express" if express else "pay")
        self.css(f"#product-{product} button[name={button}]").click()
        if button == "qr":
            # The code is on the shop's page; the phone that scans it opens the landing page it holds.
            image = self.wait_for(lambda: self.css("img#qr"), "the QR code on the shop's page")
            self.wait_for(lambda: d.execute_script("return arguments[0].naturalWidth", image), "the QR image to load")
            path = self.shot(label, 1, "qr-code-on-the-shop-page")
            d.get(self.scan(path, image.get_attribute("src")))
        self.wait_for(lambda: "/dwo-api-application/" in d.current_url, "the Vipps landing page")
        landing = d.current_url
        field = self.css("input[name=phoneNumber]")
        field.clear()
        field.send_keys(phone)
        self.shot(label, 2, "landing-page-asks-for-the-phone")
        submit = self.css("button[type=submit]")
        submit.click()
        self.wait_for(lambda: self.is_stale(submit), "the landing page after the phone number")
        link = self.wait_for(lambda: self.css("#phone-link"), "the waiting landing page")
        link.click()
        self.wait_for(lambda: "/sim/v1/phone/" in d.current_url, "the phone page")
        if express:
            choose = self.css("button[name=chooseAddress]")
            choose.click()
            self.wait_for(lambda: self.is_stale(choose), "the phone page after the address")
            home = self.wait_for(lambda: self.css("input[name=shippingMethodId][value=home]"), "the shipping options")
            home.click()
            self.shot(label, 3, "app-address-and-shipping")
        else:
            self.shot(label, 3, "app-asks-to-approve")
        self.css("button[name=approve]").click()
        self.wait_for(lambda: "Paid" in d.page_source, "the app's confirmation")
        self.shot(label, 3, "approved-in-the-app")
        # the landing page (on the customer's computer) sends her back to the shop
        d.get(landing)
        self.wait_for(lambda: "/order/" in d.current_url, "the shop's order page")
        order = self.wait_for(lambda: self.css("#order[data-state=reserved]"), "the confirmed order")
        if api == "epayment":  # the webhook travels on its own; the order page shows it once here
            self.wait_for(lambda: "AUTHORIZED" in self.css("#webhooks").text or d.refresh(), "the AUTHORIZED webhook")
        self.shot(label, 4, "order-confirmed-at-the-shop")
        return d.current_url.rsplit("/", 1)[-1] if order else ""

    def admin(self, order_id: str, action: str, amount: str | None = None) -> None:
        self.d.get(self.shop + "/admin")
        form = self.css(f"#order-{order_id} form[action='/admin/{action}']")
        if amount is not None:
            field = form.find_element(self.By.NAME, "amount")
            field.clear()
            field.send_keys(amount)
        button = form.find_element(self.By.CSS_SELECTOR, "button")
        button.click()
        # The admin page reloads at the same URL: read the result only from the new page.
        self.wait_for(lambda: self.is_stale(button), f"the page after {action}")
        self.wait_for(lambda: self.css("#flash .flash"), f"the result of {action}")
        if "good" not in self.css("#flash .flash").get_attribute("class"):
            raise Failed(f"{action} of {order_id}: {self.css('#flash .flash').text}")

    def ship(self, label: str, order_id: str, partial: str | None) -> None:
        if partial:
            self.admin(order_id, "capture", partial)
            self.shot(label, 5, "partial-capture")
        self.admin(order_id, "capture", "all")
        self.shot(label, 5, "captured")
        state = self.css(f"#order-{order_id}").get_attribute("data-state")
        if state != "captured":
            raise Failed(f"order {order_id} is {state} after capture")

    def settle(self, orders: dict[str, str], label: str = "settle") -> None:
        d = self.d
        d.get(self.shop + "/admin/settlement")
        self.shot(label, 6, "settlement-pending")

        def statuses() -> list[str]:
            return [self.css(f"#settle-{o}").get_attribute("data-status") for o in orders.values()]

        for _ in range(4):
            if all(status == "paid out" for status in self.wait_for(statuses, "the settlement rows")):
                break
            button = self.css("button[name=advance]")
            button.click()
            # The URL stays the same, so wait for the old page to go away before reading the new one.
            self.wait_for(lambda: self.is_stale(button), "the settlement page to reload")
        for order_id in orders.values():
            status = self.wait_for(lambda: self.css(f"#settle-{order_id}").get_attribute("data-status"),
                                   f"the settlement row of {order_id}")
            if status != "paid out":
                raise Failed(f"order {order_id}: settlement {status}")
        self.shot(label, 6, "settlement-paid-out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shop", required=True)
    parser.add_argument("--screens", default=os.path.join(ROOT, "build", "demo-screens"))
    args = parser.parse_args(argv)

    chromium = find(os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "/usr/lib/chromium/chromium")
    chromedriver = find(os.environ.get("CHROMEDRIVER", ""), "chromedriver", "/usr/lib/chromium/chromedriver")
    if not chromium or not chromedriver:
        return skip("chromium / chromedriver not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return skip("selenium is not installed (pip install selenium)")

    os.makedirs(args.screens, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--ignore-certificate-errors",  # the simulator's local CA (only the browser skips the check)
                 "--window-size=1100,900", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    try:
        walk = Walk(driver, args.shop, args.screens)
        regular = walk.pay("regular", "socks", False, "91234567")
        express = walk.pay("express", "hat", True, "98765432")
        walk.ship("regular", regular, "200.00")
        walk.ship("express", express, None)
        walk.settle({"regular": regular, "express": express})
        vipps_nok = walk.pay("epayment-vipps", "socks", False, "91234567", api="epayment")
        mobilepay = walk.pay("epayment-mobilepay", "hat", False, "92345678", api="epayment", button="mobilepay")
        qr = walk.pay("epayment-qr", "socks", False, "98765432", api="epayment", button="qr")
        walk.ship("epayment-vipps", vipps_nok, "200.00")
        walk.ship("epayment-mobilepay", mobilepay, None)
        walk.ship("epayment-qr", qr, None)
        walk.settle({"vipps": vipps_nok, "mobilepay": mobilepay, "qr": qr}, "epayment-settle")
        driver.get(args.shop + "/admin")
        for order_id in (regular, express, vipps_nok, mobilepay, qr):
            state = walk.css(f"#order-{order_id}").get_attribute("data-state")
            if state != "captured":
                raise Failed(f"final state of {order_id}: {state}")
    except Failed as exc:
        driver.save_screenshot(os.path.join(args.screens, "failure.png"))
        print(f"browser test FAILED: {exc} (screenshot build/demo-screens/failure.png)", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    print(f"browser test OK: eCom regular {regular} and express {express}, ePayment Vipps {vipps_nok}, "
          f"MobilePay {mobilepay} and QR {qr} captured and settled; "
          f"screenshots in {os.path.relpath(args.screens, ROOT)}/", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
