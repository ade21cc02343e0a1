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
