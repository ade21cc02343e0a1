#!/usr/bin/env python3
"""The dashboard (/sim/) in headless Chromium against a running vipps-sim: payments of both APIs,
webhook deliveries with a failed attempt and its next retry, the registration without its secret,
the shop's callbacks, then the controls (clock, webhook and request faults) by clicking, and the
page reloading itself. A screenshot per step in build/dashboard-screens/.

Run by `make test-dashboard` under scripts/with-simulator.sh. Skips (exit 0, with a message) when
chromium, chromedriver or selenium is missing."""

import http.server
import os
import shutil
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from common_openapi import REPO_ROOT, Simulator  # noqa: E402

SCREENS = REPO_ROOT / "build" / "dashboard-screens"


class Failed(Exception):
    pass


class Receiver(http.server.BaseHTTPRequestHandler):
    """The shop: fails the first webhook, accepts everything else."""

    answers = [500]

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = Receiver.answers.pop(0) if self.path.startswith("/hooks") and Receiver.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def find(*names):
    for name in names:
        if name and (shutil.which(name) or (os.path.isfile(name) and os.access(name, os.X_OK))):
            return shutil.which(name) or name
    return None


def set_up(sim, shop):
    """A webhook registration, an ePayment payment approved and captured, an eCom one approved."""
    token = sim.token()
    headers = sim.api_headers(token)
    events = [f"epayments.payment.{n}.v1" for n in ("created", "authorized", "captured")]
    status, _, registered = sim.call("POST", "/webhooks/v1/webhooks", headers, {"url": shop + "/hooks", "events": events})
    if status != 201:
        raise Failed(f"register: {status} {registered}")
    reference = "dash-" + uuid.uuid4().hex[:10]
    for method, path, body in (
            ("POST", "/epayment/v1/payments", {
                "amount": {"currency": "NOK", "value": 49900}, "paymentMethod": {"type": "WALLET"},
                "customer": {"phoneNumber": "4791234567"}, "reference": reference, "userFlow": "WEB_REDIRECT",
                "returnUrl": "https://shop.example/return", "paymentDescription": "Dashboard socks"}),
            ("POST", f"/epayment/v1/test/payments/{reference}/approve", {}),
            ("POST", f"/epayment/v1/payments/{reference}/capture",
             {"modificationAmount": {"currency": "NOK", "value": 20000}})):
        status, _, answer = sim.call(method, path, dict(headers, **{"Idempotency-Key": str(uuid.uuid4())}), body)
        if status not in (200, 201):
            raise Failed(f"{method} {path}: {status} {answer}")
    order_id = "dash-ecom-" + uuid.uuid4().hex[:8]
    status, _, answer = sim.call("POST", "/ecomm/v2/payments", headers, {
        "merchantInfo": {"merchantSerialNumber": sim.msn, "callbackPrefix": shop + "/vipps",
                         "fallBack": "https://shop.example/fallback"},
        "customerInfo": {"mobileNumber": "91234567"},
        "transaction": {"orderId": order_id, "amount": 30000, "transactionText": "Dashboard hat"}})
    if status != 200:
        raise Failed(f"eCom initiate: {status} {answer}")
    status, _, answer = sim.call("POST", f"/sim/v1/payments/{order_id}/approve", {}, b"")
    if status != 200:
        raise Failed(f"eCom approve: {status} {answer}")
    return registered["secret"], reference, order_id


def main():
    chromium = find(os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "/usr/lib/chromium/chromium")
    chromedriver = find(os.environ.get("CHROMEDRIVER", ""), "chromedriver", "/usr/lib/chromium/chromedriver")
    if not chromium or not chromedriver:
        print("dashboard browser test SKIPPED: chromium / chromedriver not installed")
        return 0
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import Select
    except ImportError:
        print("dashboard browser test SKIPPED: selenium is not installed")
        return 0

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sim = Simulator()
    secret, reference, order_id = set_up(sim, f"http://127.0.0.1:{server.server_port}")

    SCREENS.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--ignore-certificate-errors",  # the simulator's local CA (only the browser skips the check)
                 "--window-size=1400,1600", "--disable-extensions", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    step = 0

    def shot(what):
        nonlocal step
        step += 1
        path = SCREENS / f"step{step}-{what}.png"
        driver.save_screenshot(str(path))
        print(f"step {step}: {what.replace('-', ' ')} (screenshot {path.relative_to(REPO_ROOT)})", flush=True)

    def text(selector):
        return driver.find_element(By.CSS_SELECTOR, selector).text

    def wait_for(predicate, what, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if predicate():
                    return
            except Exception:  # the page is being replaced by its own refresh
                pass
            time.sleep(0.2)
        raise Failed(f"timed out waiting for {what}")

    try:
        driver.get(sim.base + "/sim/?refresh=1")
        wait_for(lambda: "delivered" in text("#webhook-deliveries"), "a delivered webhook")
        payments = text("#payments")
        for expected in (reference, order_id, "ePayment", "eCom", "AUTHORIZED", "499.00 NOK", "200.00 NOK"):
            if expected not in payments:
                raise Failed(f"payments table lacks {expected!r}: {payments[:400]}")
        if "CAPTURED" not in payments or "CREATED" not in payments:
            raise Failed("the timeline lacks CREATED / CAPTURED")
        deliveries = text("#webhook-deliveries")
        if "500, 200" not in deliveries:
            raise Failed(f"the failed first attempt is not shown: {deliveries[:400]}")
        if "/hooks" not in text("#webhooks") or secret in driver.page_source:
            raise Failed("the registration is missing, or its secret is on the page")
        wait_for(lambda: "payment-update" in text("#callbacks"), "the eCom callback")
        shot("payments-deliveries-webhooks-callbacks")

        # The controls on a page that holds still (the forms keep ?refresh=0).
        driver.get(sim.base + "/sim/?refresh=0")
        before = text("#clock")
        driver.find_element(By.CSS_SELECTOR, "#clock button[value='600']").click()
        wait_for(lambda: "Clock moved on by 600 s" in text(".message"), "the clock message")
        if text("#clock") == before:
            raise Failed("the simulated time did not change")
        shot("clock-advanced")

        driver.find_element(By.CSS_SELECTOR, "#faults button[value='drop']").click()
        wait_for(lambda: "drop 1" in text(".webhook-faults"), "the drop fault")
        driver.find_element(By.CSS_SELECTOR, "#faults button[value='out-of-order-on']").click()
        wait_for(lambda: "out of order" in text(".webhook-faults"), "the out-of-order switch")
        Select(driver.find_element(By.CSS_SELECTOR, "select[name=endpoint]")).select_by_visible_text("capture")
        Select(driver.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_visible_text("error-before")
        driver.find_element(By.NAME, "addFault").click()
        wait_for(lambda: "capture: error-before" in text("#faults"), "the request fault")
        shot("faults-set")
        status, _, report = sim.call("GET", "/sim/v1/faults")
        if status != 200 or not report["faults"] or report["faults"][0]["endpoint"] != "capture":
            raise Failed(f"the fault did not reach the simulator: {report}")

        # The page reloads itself: a payment created now shows up without a click.
        driver.get(sim.base + "/sim/?refresh=1")
        token = sim.token()
        late = "dash-late-" + uuid.uuid4().hex[:8]
        status, _, _ = sim.call("POST", "/epayment/v1/payments", dict(sim.api_headers(token), **{
            "Idempotency-Key": str(uuid.uuid4())}), {
                "amount": {"currency": "NOK", "value": 10000}, "paymentMethod": {"type": "WALLET"},
                "reference": late, "userFlow": "WEB_REDIRECT", "returnUrl": "https://shop.example/r"})
        if status != 201:
            raise Failed(f"late create: {status}")
        wait_for(lambda: late in text("#payments"), "the page's own refresh to show the new payment")
        wait_for(lambda: "dropped" in text("#webhook-deliveries"), "the dropped CREATED webhook")
        shot("refreshed-with-dropped-webhook")
    except Failed as exc:
        driver.save_screenshot(str(SCREENS / "failure.png"))
        print(f"dashboard browser test FAILED: {exc} (screenshot build/dashboard-screens/failure.png)",
              file=sys.stderr)
        return 1
    finally:
        driver.quit()
        server.shutdown()
    print("dashboard browser test: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
