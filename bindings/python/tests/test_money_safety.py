"""Money safety against vipps-sim: "everything" only when spelled out, outcomes never misreported,
a naive retry loop that cannot capture twice, and one deadline per wait."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import vipps
from conftest import AMOUNT, CALLBACK_PREFIX, FALLBACK_URL, Sim
from test_secret_hygiene import Control, control  # noqa: F401  (the fixture, shared)

HTML = "<html><body>ok</body></html>"


def vipps_error(code: str) -> str:
    return json.dumps([{"errorGroup": "VippsError", "errorCode": code, "errorMessage": f"scripted {code}",
                        "contextId": "ctx-test"}])


def answer_with_html(control: Control, endpoint: str, order_id: str) -> None:
    """The next request to `endpoint` for the order gets 200 with a proxy's HTML page (not applied)."""
    control.fault(endpoint=endpoint, orderId=order_id, kind="respond", status=200, body=HTML, contentType="text/html")


@pytest.fixture
def single_attempt(sim: Sim) -> Iterator[vipps.Client]:
    """No retries inside a call: what a shop's own loop around the call then does is what counts."""
    with vipps.Client(**sim.client_kwargs(retry=vipps.RetryPolicy(max_attempts=1))) as c:
        yield c


def operations(client: vipps.Client, order_id: str, name: str) -> list[vipps.LogEntry]:
    return [e for e in client.details(order_id).log if e.operation == name and e.success]


# --- "everything" only when spelled out ------------------------------------------------------


def test_refund_without_amount_refunds_nothing(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    client.capture(order_id, 10000, "Shipped")
    with pytest.raises(TypeError, match="amount"):
        client.refund(order_id, transaction_text="one item back")  # type: ignore[call-arg]
    assert client.details(order_id).refunded_amount == 0


@pytest.mark.parametrize("amount", [None, True, False, 0.99, 100.0, "100"])
def test_amount_must_be_an_int(client: vipps.Client, reserved: Callable[..., str], amount: Any) -> None:
    order_id = reserved()
    with pytest.raises(TypeError, match="amount"):
        client.capture(order_id, amount, "Shipped")
    assert client.details(order_id).captured_amount == 0


def test_amount_zero_names_the_explicit_spelling(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    client.capture(order_id, 10000, "Shipped")
    for call in (client.capture, client.refund):
        with pytest.raises(vipps.InvalidArgument, match="vipps.REMAINING") as caught:
            call(order_id, 0, "zero")
        assert caught.value.status == vipps.Status.INVALID_ARGUMENT
    payment = client.details(order_id)
    assert (payment.captured_amount, payment.refunded_amount) == (10000, 0)
    with pytest.raises(vipps.InvalidArgument, match="REMAINING"):
        vipps.check_capture(payment, 0)


def test_remaining_captures_and_refunds_everything(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved()
    client.capture(order_id, 10000, "First parcel")
    vipps.check_capture(client.details(order_id), vipps.REMAINING)
    rest = client.capture(order_id, vipps.REMAINING, "The rest")
    assert rest.captured_amount == AMOUNT and rest.remaining_to_capture == 0
    refund = client.refund(order_id, vipps.REMAINING, "All back")
    assert refund.refunded_amount == AMOUNT


def test_amounts_below_one_krone_are_refused(client: vipps.Client, reserved: Callable[..., str]) -> None:
    order_id = reserved(10050)
    with pytest.raises(vipps.InvalidArgument, match="100"):
        client.capture(order_id, 99, "Too small")
    client.capture(order_id, 10000, "Most of it")
    # The 50 øre left are captured with the explicit "everything".
    assert client.capture(order_id, vipps.REMAINING, "The rest").captured_amount == 10050
    with pytest.raises(vipps.InvalidArgument, match="100"):
        client.refund(order_id, 50, "Too small")


# --- outcomes never misreported --------------------------------------------------------------


def test_capture_2xx_with_an_unreadable_body_is_outcome_unknown(
    client: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    answer_with_html(control, "capture", order_id)
    with pytest.raises(vipps.OutcomeUnknown) as caught:
        client.capture(order_id, 5000, "Shipped")
    key = caught.value.request_id
    assert key and caught.value.outcome_unknown
    again = client.capture(order_id, 5000, "Shipped", idempotency_key=key)
    assert again.captured_amount == 5000
    assert [e.request_id for e in operations(client, order_id, "CAPTURE")] == [key]


def test_refund_2xx_with_an_empty_body_is_outcome_unknown(
    client: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    client.capture(order_id, vipps.REMAINING, "All")
    control.fault(endpoint="refund", orderId=order_id, kind="respond", status=200, body="")
    with pytest.raises(vipps.OutcomeUnknown) as caught:
        client.refund(order_id, 1000, "One back")
    assert caught.value.request_id


def test_cancel_2xx_with_an_unreadable_body_is_resolved_not_protocol(
    client: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    answer_with_html(control, "cancel", order_id)
    # Not applied by the simulator, so the details cannot show it done: unknown, never PROTOCOL.
    with pytest.raises(vipps.OutcomeUnknown):
        client.cancel(order_id, "Out of stock")


def test_initiate_2xx_without_url_is_landing_url_lost(
    client: vipps.Client, new_order_id: Callable[[], str], control: Control
) -> None:
    order_id = new_order_id()
    control.fault(endpoint="initiate", orderId=order_id, kind="respond", status=200, body="{}")
    with pytest.raises(vipps.VippsError, match="landing page URL is unknown") as caught:
        client.initiate(order_id, AMOUNT, "x", CALLBACK_PREFIX, FALLBACK_URL)
    assert not isinstance(caught.value, vipps.ProtocolError)


def test_cancel_resend_meeting_order_locked_is_not_rejected(
    client: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    control.fault(endpoint="cancel", orderId=order_id, kind="drop-before")
    control.fault(endpoint="cancel", orderId=order_id, kind="respond", status=400, body=vipps_error("94"))
    with pytest.raises(vipps.OutcomeUnknown):
        client.cancel(order_id, "Out of stock")


def test_cancel_resend_meeting_already_cancelled_is_resolved(
    client: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    reserve_body = client.details(order_id).json
    # The first cancel is applied but its answer lost; the first look at the details is stale.
    control.fault(endpoint="cancel", orderId=order_id, kind="drop-after")
    control.fault(endpoint="details", orderId=order_id, kind="respond", status=200, body=reserve_body)
    control.fault(endpoint="cancel", orderId=order_id, kind="respond", status=400, body=vipps_error("91"))
    result = client.cancel(order_id, "Out of stock")
    assert result.status == "Cancelled"
    assert client.details(order_id).state is vipps.PaymentState.VOIDED


def test_initiate_resend_meeting_order_locked_is_not_rejected(
    client: vipps.Client, new_order_id: Callable[[], str], control: Control
) -> None:
    order_id = new_order_id()
    control.fault(endpoint="initiate", orderId=order_id, kind="drop-before")
    control.fault(endpoint="initiate", orderId=order_id, kind="respond", status=400, body=vipps_error("94"))
    with pytest.raises(vipps.OutcomeUnknown):
        client.initiate(order_id, AMOUNT, "x", CALLBACK_PREFIX, FALLBACK_URL)


# --- a naive retry loop is safe --------------------------------------------------------------


def naive_capture(client: vipps.Client, order_id: str, amount: int, text: str) -> vipps.Transaction:
    for _ in range(3):
        try:
            return client.capture(order_id, amount, text)
        except (vipps.OutcomeUnknown, vipps.Timeout, vipps.ProtocolError, vipps.NetworkError):
            continue
    raise AssertionError("the capture never got an answer")


def test_naive_retry_loop_captures_once(
    single_attempt: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    control.fault(endpoint="capture", orderId=order_id, kind="drop-after")
    result = naive_capture(single_attempt, order_id, 5000, "Shipment 1")
    assert result.captured_amount == 5000
    # The simulator's own books: two capture requests arrived, one capture was made.
    ledger = json.loads(control.call("GET", f"/sim/v1/payments/{order_id}"))
    assert ledger["requests"]["capture"] == 2
    assert [e["amount"] for e in ledger["log"] if e["operation"] == "CAPTURE"] == [5000]
    assert ledger["captured"] == 5000
    # Once the outcome is known, a deliberate second capture of the same amount captures.
    second = single_attempt.capture(order_id, 5000, "Shipment 2")
    assert second.captured_amount == 10000
    assert len(operations(single_attempt, order_id, "CAPTURE")) == 2


def test_remembered_key_is_per_amount_and_operation(
    single_attempt: vipps.Client, reserved: Callable[..., str], control: Control
) -> None:
    order_id = reserved()
    control.fault(endpoint="capture", orderId=order_id, kind="drop-after")
    with pytest.raises(vipps.OutcomeUnknown) as caught:
        single_attempt.capture(order_id, 5000, "Shipment 1")
    # A different amount is a different capture: it gets its own key.
    other = single_attempt.capture(order_id, 3000, "Shipment 2")
    assert other.request_id != caught.value.request_id
    same = single_attempt.capture(order_id, 5000, "Shipment 1")
    assert same.request_id == caught.value.request_id
    assert sorted(e.amount for e in operations(single_attempt, order_id, "CAPTURE")) == [3000, 5000]


# --- one deadline per wait -------------------------------------------------------------------


def test_short_waits_in_a_loop_see_the_approval(client: vipps.Client, initiated: Callable[..., vipps.Initiation]) -> None:
    initiation = initiated()
    client.force_approve(initiation.order_id, initiation.token or "", phone_number="91234567")
    started = time.monotonic()
    for _ in range(2):
        slice_started = time.monotonic()
        try:
            payment = client.wait(initiation.order_id, 2000)
            break
        except vipps.Timeout:
            assert time.monotonic() - slice_started >= 1.9
    else:
        raise AssertionError("two 2-second waits never saw the approved payment")
    assert payment.state is vipps.PaymentState.RESERVED
    assert time.monotonic() - started < 5.0


def test_wait_keeps_its_timeout_when_details_are_slow(
    sim: Sim, initiated: Callable[..., vipps.Initiation], control: Control
) -> None:
    initiation = initiated()
    control.fault(endpoint="details", orderId=initiation.order_id, kind="latency", delayMs=20000, count=10)
    with vipps.Client(**sim.client_kwargs(poll_intervals=(0, 100))) as client:
        started = time.monotonic()
        with pytest.raises(vipps.Timeout):
            client.wait(initiation.order_id, 2000)
        assert time.monotonic() - started < 2.5
