"""Capture, refund, cancel, status, idempotency, and wait."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import vipps
from conftest import AMOUNT, Sim

@pytest.fixture
def fast_client(sim: Sim) -> vipps.Client:
    with vipps.Client(**sim.client_kwargs(poll_intervals=(0, 100))) as c:
        yield c  # type: ignore[misc]


def test_wait_returns_once_the_customer_acted(fast_client: vipps.Client, new_order_id: Callable[[], str]) -> None:
    order_id = new_order_id()
    initiation = fast_client.initiate(order_id, AMOUNT, "wait", "https://shop.example/vipps", "https://shop.example/o")
    with pytest.raises(vipps.Timeout):
        fast_client.wait(order_id, 300)
    fast_client.force_approve(order_id, initiation.token or "")
    payment = fast_client.wait(order_id, 5000)
    assert payment.state is vipps.PaymentState.RESERVED


def test_partial_and_full_capture(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    first = client.capture(order_id, 10000, "Tracking: NO123")
    assert first.order_id == order_id
    assert first.amount == 10000
    assert first.captured_amount == 10000
    assert first.remaining_to_capture == AMOUNT - 10000
    assert first.request_id
    assert client.details(order_id).state is vipps.PaymentState.PARTIALLY_CAPTURED
    rest = client.capture(order_id, vipps.REMAINING, "The rest")
    assert rest.captured_amount == AMOUNT and rest.remaining_to_capture == 0
    payment = client.details(order_id)
    assert payment.state is vipps.PaymentState.CAPTURED
    with pytest.raises(vipps.InvalidArgument, match="amount"):
        client.check_capture(payment, vipps.REMAINING)
    with pytest.raises(vipps.Rejected) as caught:
        client.capture(order_id, 100, "Too much")
    assert caught.value.http_status >= 400 and caught.value.error_group


def test_refund(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    client.capture(order_id, vipps.REMAINING, "All")
    partial = client.refund(order_id, 5000, "Returned one")
    assert partial.refunded_amount == 5000 and partial.remaining_to_refund == AMOUNT - 5000
    assert client.details(order_id).state is vipps.PaymentState.PARTIALLY_REFUNDED
    client.refund(order_id, vipps.REMAINING, "Returned all")
    assert client.details(order_id).state is vipps.PaymentState.REFUNDED


def test_cancel_reserved_and_initiated(
    client: vipps.Client, reserved: Callable[..., str], initiated: Callable[..., vipps.Initiation]
) -> None:
    order_id = reserved()
    transaction = client.cancel(order_id, "Out of stock")
    assert transaction.order_id == order_id
    assert client.details(order_id).state in (vipps.PaymentState.VOIDED, vipps.PaymentState.CANCELLED)
    waiting = initiated()
    client.cancel(waiting.order_id, "Changed my mind")
    assert client.details(waiting.order_id).state is vipps.PaymentState.CANCELLED


def test_cancel_after_partial_capture_releases_remaining(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    client.capture(order_id, 10000, "Part")
    client.cancel(order_id, "Rest out of stock", release_remaining_funds=True)
    assert client.details(order_id).remaining_to_capture == 0


def test_status(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    status = client.status(order_id)
    assert status.order_id == order_id
    assert status.status.upper().startswith("RESERVE")
    assert status.amount == AMOUNT


def test_idempotency_key(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    key = f"{order_id}-capture-1"[:40]
    first = client.capture(order_id, 10000, "Shipment 1", idempotency_key=key)
    again = client.capture(order_id, 10000, "Shipment 1", idempotency_key=key)
    assert first.request_id == again.request_id == key
    assert client.details(order_id).captured_amount == 10000  # applied once
    with pytest.raises(vipps.Rejected) as caught:
        client.capture(order_id, 20000, "Shipment 1", idempotency_key=key)
    assert caught.value.error_code == "93"
    log_keys = [entry.request_id for entry in client.details(order_id).log if entry.operation == "CAPTURE"]
    assert log_keys == [key]
