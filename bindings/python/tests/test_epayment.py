"""The same Python shop code on eCom and ePayment: only Client(api=...) differs (vipps-sim)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import vipps

from conftest import CALLBACK_PREFIX, FALLBACK_URL, Sim


@pytest.mark.parametrize("api", ["ecom", "epayment"])
@pytest.mark.parametrize("is_app", [False, True])
def test_the_same_shop_flow_on_both_apis(sim: Sim, new_order_id: Callable[[], str], api: str, is_app: bool) -> None:
    with vipps.Client(**sim.client_kwargs(api=api, poll_intervals=(0, 100))) as client:
        order_id = new_order_id()
        initiation = client.initiate(
            order_id, 1000, "Two pairs of socks", CALLBACK_PREFIX, FALLBACK_URL, phone_number="91234567",
            is_app=is_app,
        )
        assert initiation.token
        client.force_approve(order_id, initiation.token, phone_number="91234567")
        payment = client.wait(order_id, timeout_ms=5000)
        assert payment.state == vipps.PaymentState.RESERVED and payment.remaining_to_capture == 1000
        part = client.capture(order_id, 400, "Part")
        assert part.captured_amount == 400 and part.remaining_to_capture == 600 and part.request_id
        client.capture(order_id, vipps.REMAINING, "Rest")
        refund = client.refund(order_id, 300, "Back", idempotency_key="py-refund-1")
        assert refund.refunded_amount == 300 and refund.request_id == "py-refund-1"
        payment = client.details(order_id)
        assert payment.state == vipps.PaymentState.PARTIALLY_REFUNDED
        assert (payment.captured_amount, payment.refunded_amount, payment.remaining_to_refund) == (1000, 300, 700)
        assert [entry.operation for entry in payment.log][:1] == ["REFUND"]
        names = [event.name for event in payment.events]
        assert names == (["CREATED", "AUTHORIZED", "CAPTURED", "CAPTURED", "REFUNDED"] if api == "epayment" else [])


def test_an_ecom_order_is_captured_and_refunded_by_an_epayment_client(
    sim: Sim, client: vipps.Client, new_order_id: Callable[[], str]
) -> None:
    order_id = new_order_id()
    initiation = client.initiate(order_id, 2000, "Migrating", CALLBACK_PREFIX, FALLBACK_URL)
    assert initiation.token
    client.force_approve(order_id, initiation.token)
    with vipps.Client(**sim.client_kwargs(api="epayment")) as epayment:
        assert epayment.capture(order_id, vipps.REMAINING, "").captured_amount == 2000
        assert epayment.refund(order_id, 500, "").refunded_amount == 500
    assert client.details(order_id).state == vipps.PaymentState.PARTIALLY_REFUNDED


def test_epayment_only_settings(sim: Sim, new_order_id: Callable[[], str]) -> None:
    with vipps.Client(**sim.client_kwargs(api="epayment")) as client:
        order_id = new_order_id()
        initiation = client.initiate(
            order_id, 1000, "At the counter", CALLBACK_PREFIX, FALLBACK_URL, user_flow="QR",
            customer_phone_number="4791234567", currency="NOK",
        )
        assert initiation.token
        client.force_approve(order_id, initiation.token)
        client.capture(order_id, 250, "")
        client.cancel(order_id, "")
        payment = client.details(order_id)
        assert (payment.currency, payment.cancelled_amount) == ("NOK", 750)
        assert [event.name for event in payment.events] == ["CREATED", "AUTHORIZED", "CAPTURED", "CANCELLED"]
    with vipps.Client(**sim.client_kwargs()) as ecom:
        with pytest.raises(vipps.InvalidArgument) as refused:
            ecom.initiate(new_order_id(), 1000, "x", CALLBACK_PREFIX, FALLBACK_URL, user_flow="QR")
        assert refused.value.field == "user_flow"
    with pytest.raises(vipps.InvalidArgument):
        vipps.Client(**sim.client_kwargs(api="ecom2"))  # type: ignore[arg-type]


def _sim_get(sim: Sim, url: str) -> tuple[str, bytes]:
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=sim.ca)
    with urllib.request.urlopen(url, context=context, timeout=10) as response:
        return response.headers.get("Content-Type", ""), response.read()


def _sim_post(sim: Sim, path: str, body: dict[str, object]) -> dict[str, str]:
    import json
    import ssl
    import urllib.request

    request = urllib.request.Request(
        sim.url + path, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, context=ssl.create_default_context(cafile=sim.ca), timeout=10) as response:
        result: dict[str, str] = json.loads(response.read() or b"{}")
        return result


def test_epayment_new_inputs(sim: Sim, new_order_id: Callable[[], str]) -> None:
    import datetime

    expires = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [
        vipps.ReceiptLine("kaffe-1", "Kaffe ☕", 2000, 1600, 400, 2500),
        vipps.ReceiptLine("frakt", "Frakt", 500, 400, 100, 2500, is_shipping=True),
    ]
    with vipps.Client(**sim.client_kwargs(api="epayment")) as client:
        order_id = new_order_id()
        initiation = client.initiate(
            order_id, 2500, "Coffee", CALLBACK_PREFIX, FALLBACK_URL, user_flow="QR", expires_at=expires,
            receipt_lines=lines, receipt_bottom_line=vipps.ReceiptBottomLine(pos_id="till-3", receipt_number="R-7"),
            qr_format="IMAGE/PNG", qr_size=300, idempotency_key=f"{order_id}-create",
        )
        assert initiation.idempotency_key == f"{order_id}-create"
        content_type, image = _sim_get(sim, initiation.url)
        assert content_type.startswith("image/png") and image[:4] == b"\x89PNG"
        assert initiation.token
        client.force_approve(order_id, initiation.token)
        assert client.details(order_id).state == vipps.PaymentState.RESERVED

        # The sales unit may push straight to the phone (PUSH_MESSAGE).
        _sim_post(sim, "/sim/v1/settings", {"merchants": {sim.msn: {"maySkipLandingPage": True}}})
        token = _sim_post(sim, "/sim/v1/customer-tokens", {"phoneNumber": "4791234560"})["customerToken"]
        order_id = new_order_id()
        pushed = client.initiate(
            order_id, 1000, "Pushed", CALLBACK_PREFIX, FALLBACK_URL, user_flow="PUSH_MESSAGE", customer_token=token
        )
        assert pushed.url == "" and pushed.token is None
        # The simulated app of that number shows the payment.
        assert order_id in _sim_get(sim, f"{sim.url}/sim/v1/phone/91234560")[1].decode()

        with pytest.raises(vipps.InvalidArgument) as refused:
            client.initiate(new_order_id(), 1000, "Coffee", CALLBACK_PREFIX, FALLBACK_URL, expires_at="tomorrow")
        assert refused.value.field == "expires_at"
        with pytest.raises(vipps.InvalidArgument) as refused:
            client.initiate(
                new_order_id(), 1000, "Coffee", CALLBACK_PREFIX, FALLBACK_URL, user_flow="WEB_REDIRECT",
                qr_format="TEXT/TARGETURL",
            )
        assert refused.value.field == "qr_format"
    with vipps.Client(**sim.client_kwargs()) as ecom:
        for kwargs, field in [
            ({"expires_at": expires}, "expires_at"),
            ({"receipt_lines": lines}, "receipt_line"),
            ({"customer_personal_qr": "https://qr.vipps.no/28/2/01/031/4791234567?v=1"}, "customer_personal_qr"),
            ({"customer_token": "abc"}, "customer_token"),
            ({"qr_format": "IMAGE/SVG+XML"}, "qr_format"),
            ({"idempotency_key": "k-1"}, "idempotency_key"),
        ]:
            with pytest.raises(vipps.InvalidArgument) as refused:
                ecom.initiate(new_order_id(), 1000, "x", CALLBACK_PREFIX, FALLBACK_URL, **kwargs)  # type: ignore[arg-type]
            assert refused.value.field == field


def test_wait_on_epayment_polls_the_payment_alone(
    sim: Sim, new_order_id: Callable[[], str], caplog: pytest.LogCaptureFixture
) -> None:
    """A poll is one GET of the payment; the event log is read once, when the customer has acted."""
    import logging

    def requests() -> list[str]:
        lines = [r.getMessage().split(" -> ")[0] for r in caplog.records if r.name == "vipps" and " -> " in r.getMessage()]
        caplog.clear()
        return [line for line in lines if "/accesstoken/" not in line]

    caplog.set_level(logging.INFO, logger="vipps")
    with vipps.Client(**sim.client_kwargs(api="epayment", poll_intervals=(0, 100))) as client:
        order_id = new_order_id()
        initiation = client.initiate(order_id, 1000, "Waiting", CALLBACK_PREFIX, FALLBACK_URL)
        assert initiation.token
        caplog.clear()
        with pytest.raises(vipps.Timeout):
            client.wait(order_id, timeout_ms=800)
        unfinished = requests()
        assert len(unfinished) >= 3
        assert set(unfinished) == {f"GET /epayment/v1/payments/{order_id}"}
        client.force_approve(order_id, initiation.token)
        caplog.clear()
        payment = client.wait(order_id, timeout_ms=5000)
        assert requests() == [f"GET /epayment/v1/payments/{order_id}", f"GET /epayment/v1/payments/{order_id}/events"]
        assert payment.state == vipps.PaymentState.RESERVED
        assert [event.name for event in payment.events] == ["CREATED", "AUTHORIZED"]


def test_a_repeated_create_with_the_same_idempotency_key_is_one_payment(
    sim: Sim, new_order_id: Callable[[], str]
) -> None:
    with vipps.Client(**sim.client_kwargs(api="epayment")) as client:
        order_id = new_order_id()
        first = client.initiate(order_id, 1000, "Once only", CALLBACK_PREFIX, FALLBACK_URL, idempotency_key="py-create-1")
        again = client.initiate(order_id, 1000, "Once only", CALLBACK_PREFIX, FALLBACK_URL, idempotency_key="py-create-1")
        assert again.url == first.url
        events = client.details(order_id).events
        assert [(event.name, event.idempotency_key) for event in events] == [("CREATED", "py-create-1")]
    with vipps.Client(**sim.client_kwargs()) as ecom, pytest.raises(vipps.InvalidArgument):
        ecom.initiate(new_order_id(), 1000, "eCom has no key", CALLBACK_PREFIX, FALLBACK_URL, idempotency_key="k")
