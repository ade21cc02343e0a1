"""Against a vipps-sim: initiate, force approve, details, errors, logging."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import vipps
from conftest import AMOUNT, CALLBACK_PREFIX, FALLBACK_URL, Sim


def test_initiate_approve_details(client: vipps.Client, new_order_id: Callable[[], str]) -> None:
    order_id = new_order_id()
    initiation = client.initiate(
        order_id, AMOUNT, "One pair of socks", CALLBACK_PREFIX, FALLBACK_URL, auth_token="shop-callback-secret"
    )
    assert initiation.order_id == order_id
    assert "token=" in initiation.url and initiation.token
    assert json.loads(initiation.json)["orderId"] == order_id

    before = client.details(order_id)
    assert before.state is vipps.PaymentState.INITIATED
    assert before.remaining_to_capture == 0

    client.force_approve(order_id, initiation.token, phone_number="91234567")
    payment = client.details(order_id)
    assert payment.order_id == order_id
    assert payment.state is vipps.PaymentState.RESERVED
    assert payment.amount == AMOUNT
    assert payment.captured_amount == 0 and payment.refunded_amount == 0
    assert payment.remaining_to_capture == AMOUNT
    assert [entry.operation for entry in payment.log] == ["RESERVE", "INITIATE"]
    assert all(entry.success and entry.amount == AMOUNT for entry in payment.log)
    assert json.loads(payment.json)["orderId"] == order_id
    vipps.check_capture(payment, vipps.REMAINING)
    with pytest.raises(vipps.InvalidArgument, match="amount"):
        client.check_capture(payment, AMOUNT + 1)


def _approve_express_on_the_phone(sim: Any, landing_url: str, order_id: str, phone: str, method_id: str) -> None:
    """What the customer does in the simulator: gives the phone number on the landing page, picks
    an address and a shipping method on the phone page, approves."""
    import ssl
    import urllib.parse
    import urllib.request

    context = ssl.create_default_context(cafile=sim.ca)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), NoRedirect)

    def call(url: str, fields: dict[str, str] | None = None) -> str:
        data = urllib.parse.urlencode(fields).encode() if fields is not None else None
        try:
            with opener.open(urllib.request.Request(url, data=data), timeout=10) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:  # the 303s of the form posts
            assert error.code == 303, f"{url}: HTTP {error.code}"
            return ""

    call(landing_url, {"phoneNumber": phone})
    phone_page = f"{sim.url}/sim/v1/phone/{phone}"
    # 3960: the first of the simulator's canned addresses (Dronning Eufemias gate 42).
    query = {"orderId": order_id, "merchantSerialNumber": sim.msn, "addressId": "3960"}
    call(phone_page + "?" + urllib.parse.urlencode(query))  # the shipping options for that address
    call(phone_page + "/approve", {**query, "shippingMethodId": method_id})


def test_express_initiate(client: vipps.Client, sim: Any, new_order_id: Callable[[], str]) -> None:
    order_id = new_order_id()
    initiation = client.initiate(
        order_id,
        AMOUNT,
        "Express socks",
        CALLBACK_PREFIX,
        FALLBACK_URL,
        express=True,
        consent_removal_prefix=CALLBACK_PREFIX,
        static_shipping=[
            vipps.ShippingOption("walk", "Walking", 9950, priority=1),
            vipps.ShippingOption("run", "Running", 19900, is_default=True, priority=2),
        ],
    )
    assert initiation.token
    before = client.details(order_id)
    assert not before.is_express and before.shipping_method_id is None and before.first_name is None
    _approve_express_on_the_phone(sim, initiation.url, order_id, "91234567", "walk")
    payment = client.details(order_id)
    # What shops used to dig out of payment.json, read by the library in one call.
    body = json.loads(payment.json)
    assert payment.is_express
    assert payment.shipping_method_id == body["shippingDetails"]["shippingMethodId"]
    assert payment.shipping_method == body["shippingDetails"]["shippingMethod"]
    assert payment.shipping_cost == round(body["shippingDetails"]["shippingCost"] * 100)
    assert (payment.shipping_method_id, payment.shipping_cost) == ("walk", 9950)
    assert payment.amount == AMOUNT + payment.shipping_cost
    assert payment.address_line1 == body["shippingDetails"]["address"]["addressLine1"]
    assert payment.city == body["shippingDetails"]["address"]["city"]
    assert (payment.first_name, payment.last_name) == ("Ada", "Lovelace")
    assert payment.phone_number == "91234567" and payment.user_id == body["userDetails"]["userId"]
    assert payment.email == body["userDetails"]["email"]
    # The capture rule applies to the copied values: the snapshot's handle is long freed.
    vipps.check_capture(payment, payment.amount)
    vipps.check_capture(payment, vipps.REMAINING)
    with pytest.raises(vipps.InvalidArgument, match="exceeds") as caught:
        vipps.check_capture(payment, payment.amount + 1)
    assert caught.value.field == "amount"


def test_unknown_order_is_not_found(client: vipps.Client, new_order_id: Callable[[], str]) -> None:
    with pytest.raises(vipps.NotFound) as caught:
        client.details(new_order_id())
    error = caught.value
    assert error.status == vipps.Status.NOT_FOUND
    assert error.http_status == 404
    assert (error.error_group or "").lower() == "merchant"
    assert error.error_code == "35"
    assert error.context_id
    assert not error.retryable and not error.outcome_unknown
    assert "404" in repr(error) and error.context_id in repr(error)
    last = client.last_error()
    assert isinstance(last, vipps.NotFound) and last.error_code == "35"


def test_wrong_secret_is_authentication_error(sim: Sim, new_order_id: Callable[[], str]) -> None:
    secret = "wrong-secret-8d1f2a"
    with vipps.Client(**sim.client_kwargs(client_secret=secret)) as client:
        with pytest.raises(vipps.AuthenticationError) as caught:
            client.details(new_order_id())
    error = caught.value
    assert error.http_status in (401, 403)
    for text in (str(error), repr(error), error.message):
        assert secret not in text
        assert sim.subscription_key not in text


def test_invalid_arguments_name_the_field(client: vipps.Client, new_order_id: Callable[[], str]) -> None:
    cases: list[tuple[str, Callable[[], object]]] = [
        ("order_id", lambda: client.initiate("bad id!", AMOUNT, "t", CALLBACK_PREFIX, FALLBACK_URL)),
        ("amount", lambda: client.initiate(new_order_id(), 50, "t", CALLBACK_PREFIX, FALLBACK_URL)),
        ("transaction_text", lambda: client.initiate(new_order_id(), AMOUNT, "", CALLBACK_PREFIX, FALLBACK_URL)),
        ("callback_prefix", lambda: client.initiate(new_order_id(), AMOUNT, "t", "not a url", FALLBACK_URL)),
        ("phone", lambda: client.initiate(new_order_id(), AMOUNT, "t", CALLBACK_PREFIX, FALLBACK_URL, phone_number="12")),
        ("amount", lambda: client.initiate(new_order_id(), 2**70, "t", CALLBACK_PREFIX, FALLBACK_URL)),
        ("order_id", lambda: client.details("")),
        ("order_id", lambda: client.details("a\0b")),
        ("timeout", lambda: client.wait(new_order_id(), 0)),
        ("amount", lambda: client.capture(new_order_id(), -5, "t")),
        ("idempotency_key", lambda: client.capture(new_order_id(), 100, "t", idempotency_key="has space")),
    ]
    for field, call in cases:
        with pytest.raises(vipps.InvalidArgument) as caught:
            call()
        assert field in str(caught.value), (field, str(caught.value))
        assert caught.value.http_status == 0
    with pytest.raises(TypeError):
        client.details(42)  # type: ignore[arg-type]


def test_force_approve_with_wrong_token_is_rejected(client: vipps.Client, initiated: Callable[..., vipps.Initiation]) -> None:
    initiation = initiated()
    with pytest.raises(vipps.VippsError) as caught:
        client.force_approve(initiation.order_id, "not-the-token")
    assert caught.value.http_status >= 400


def test_logging_through_logging_module(
    sim: Sim, new_order_id: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="vipps")
    order_id = new_order_id()
    with vipps.Client(**sim.client_kwargs()) as client:
        initiation = client.initiate(order_id, AMOUNT, "Logged", CALLBACK_PREFIX, FALLBACK_URL, auth_token="cb-token-7781")
        client.force_approve(order_id, initiation.token or "", phone_number="91234567")
        client.details(order_id)
        with pytest.raises(vipps.NotFound):
            client.details(new_order_id())
    records = [r for r in caplog.records if r.name == "vipps"]
    assert records
    text = "\n".join(r.getMessage() for r in records)
    assert "/ecomm/v2/payments" in text
    assert any(r.levelno == logging.INFO for r in records)
    assert any(r.levelno == logging.DEBUG for r in records)
    for secret in (sim.client_secret, sim.subscription_key, "cb-token-7781"):
        assert secret not in text
    assert "91234567" not in text  # personal data masked by default


# A shop's logging handler that calls the same client (to enrich a record, say) when it sees
# the token fetch. Run in a child interpreter: if the library aborts, the test fails instead of
# taking pytest down with it.
REENTRANT_HANDLER = """
import logging, os, sys
import vipps

class Reentrant(logging.Handler):
    def __init__(self, client_box):
        super().__init__()
        self.client_box = client_box
        self.inner = None
    def emit(self, record):
        if self.inner is None and record.getMessage().startswith("POST /accesstoken/get"):
            self.inner = "pending"
            try:
                self.client_box[0].details("py-reentrant-no-such-order")
            except vipps.NotFound:
                self.inner = "not found"

box = []
logger = logging.getLogger("vipps.reentrant")
logger.setLevel(logging.INFO)
handler = Reentrant(box)
logger.addHandler(handler)
env = os.environ
with vipps.Client(base_url=env["VIPPS_SIM_URL"], ca_file=env["VIPPS_SIM_CA"], client_id=env["VIPPS_SIM_CLIENT_ID"],
                  client_secret=env["VIPPS_SIM_CLIENT_SECRET"], subscription_key=env["VIPPS_SIM_SUBSCRIPTION_KEY"],
                  merchant_serial_number=env["VIPPS_SIM_MSN"], logger=logger) as client:
    box.append(client)
    try:
        client.details("py-reentrant-outer-order")
    except vipps.NotFound:
        pass
print("inner call:", handler.inner)
"""


def test_logging_handler_may_call_the_same_client(sim: Sim) -> None:
    result = subprocess.run([sys.executable, "-c", REENTRANT_HANDLER], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ))
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "inner call: not found" in result.stdout


def test_logging_level_follows_logger(sim: Sim, new_order_id: Callable[[], str], caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("vipps.test.quiet")
    caplog.set_level(logging.WARNING, logger="vipps.test.quiet")
    with vipps.Client(**sim.client_kwargs(), logger=logger) as client:
        with pytest.raises(vipps.NotFound):
            client.details(new_order_id())
    assert not [r for r in caplog.records if r.name == "vipps.test.quiet" and r.levelno < logging.WARNING]


def test_threads_get_their_own_errors(client: vipps.Client, reserved: Callable[..., str], new_order_id: Callable[[], str]) -> None:
    order_id = reserved()
    failures: list[BaseException] = []

    def good() -> None:
        try:
            for _ in range(20):
                assert client.details(order_id).state is vipps.PaymentState.RESERVED
        except BaseException as error:  # noqa: BLE001
            failures.append(error)

    def bad() -> None:
        try:
            for _ in range(20):
                with pytest.raises(vipps.NotFound):
                    client.details(new_order_id())
        except BaseException as error:  # noqa: BLE001
            failures.append(error)

    threads = [threading.Thread(target=f) for f in (good, bad, good, bad)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures


def test_context_manager_closes(sim: Sim) -> None:
    with vipps.Client(**sim.client_kwargs()) as client:
        assert not client.closed
    assert client.closed
    with pytest.raises(vipps.NotAllowed):
        client.details("order-1")
