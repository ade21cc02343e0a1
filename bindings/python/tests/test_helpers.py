"""Shop-side helpers and client-side checks that make no request."""

from __future__ import annotations

import json
import pickle

import pytest

import vipps

RESERVED = (
    '{"merchantSerialNumber":123456,"orderId":"order-7","transactionInfo":'
    '{"amount":20000,"status":"RESERVED","timeStamp":"2018-12-12T11:18:38.246Z","transactionId":"5001420062"}}'
)
EXPRESS = (
    '{"merchantSerialNumber":123456,"orderId":"order-8","shippingDetails":{"address":{"addressLine1":'
    '"Dronning Eufemias gate 42","addressLine2":"Att: Rune","city":"OSLO","country":"NO","zipCode":"0191"},'
    '"shippingCost":99.5,"shippingMethod":"By cannon","shippingMethodId":"cannon-1"},"transactionInfo":'
    '{"amount":20000,"status":"RESERVE","timeStamp":"2018-12-12T11:18:38.246Z","transactionId":"5001420062"},'
    '"userDetails":{"firstName":"Ada","lastName":"Lovelace","email":"user@example.com",'
    '"mobileNumber":"12345678","userId":"uiJ=="}}'
)


def test_verify_callback() -> None:
    vipps.verify_callback("shop-secret", "shop-secret")
    for header in ("shop-secreT", "shop-secret-longer", "", None):
        with pytest.raises(vipps.AuthenticationError) as caught:
            vipps.verify_callback("shop-secret", header)
        assert "shop-secret" not in str(caught.value)
        assert "shop-secret" not in repr(caught.value)
        assert caught.value.status == vipps.Status.AUTHENTICATION


def test_parse_callback_regular() -> None:
    callback = vipps.parse_callback(RESERVED)
    assert callback.order_id == "order-7"
    assert callback.merchant_serial_number == "123456"
    assert callback.state is vipps.PaymentState.RESERVED
    assert callback.amount == 20000
    assert callback.transaction_id == "5001420062"
    assert not callback.is_express
    assert callback.first_name is None
    assert json.loads(callback.json)["orderId"] == "order-7"


def test_parse_callback_express_from_bytes() -> None:
    callback = vipps.parse_callback(EXPRESS.encode())
    assert callback.is_express
    assert callback.state == vipps.PaymentState.RESERVED
    assert callback.shipping_cost == 9950
    assert callback.shipping_method_id == "cannon-1"
    assert (callback.post_code, callback.city) == ("0191", "OSLO")
    assert (callback.first_name, callback.user_id) == ("Ada", "uiJ==")


def test_parse_callback_failures() -> None:
    rejected = vipps.parse_callback('{"orderId":"o","transactionInfo":{"amount":100,"status":"REJECTED"}}')
    assert rejected.state is vipps.PaymentState.EXPIRED
    failed = vipps.parse_callback(
        '{"orderId":"o","transactionInfo":{"amount":151,"status":"RESERVE_FAILED"},'
        '"errorInfo":{"errorGroup":"Payment","errorCode":"42","errorMessage":"Refused"}}'
    )
    assert failed.state is vipps.PaymentState.FAILED
    assert (failed.error_group, failed.error_code, failed.error_message) == ("Payment", "42", "Refused")
    for body in ("not json", '{"orderId":"o"}', "{\"orderId\":\"o\0\"}"):
        with pytest.raises(vipps.InvalidArgument):
            vipps.parse_callback(body)


def test_shipping_request_and_response() -> None:
    request = vipps.parse_shipping_request(
        '{"addressId":3960,"addressLine1":"Dronning Eufemias gate 42","addressLine2":null,'
        '"country":"Norway","city":"OSLO","postCode":"0191","addressType":"H"}'
    )
    assert request.address_id == 3960
    assert (request.post_code, request.address_type, request.city) == ("0191", "H", "OSLO")
    body = vipps.shipping_response_json(
        request.address_id,
        "order-8",
        [vipps.ShippingOption("walk", "Walking", 9950, priority=1), vipps.ShippingOption("run", "Running", 19900, True, 2)],
    )
    parsed = json.loads(body)
    assert parsed["addressId"] == 3960 and parsed["orderId"] == "order-8"
    assert {o["shippingMethodId"]: (o["shippingCost"], o["isDefault"]) for o in parsed["shippingDetails"]} == {
        "walk": (99.5, "N"),
        "run": (199.0, "Y"),
    }
    with pytest.raises(vipps.InvalidArgument):
        vipps.parse_shipping_request("[]")


def test_consent_removal_user_id() -> None:
    assert vipps.consent_removal_user_id("/vipps/v2/consents/uiJskNQ6qNN1iwN891uuob%3D%3D") == "uiJskNQ6qNN1iwN891uuob=="
    with pytest.raises(vipps.InvalidArgument):
        vipps.consent_removal_user_id("/vipps/v2/payments/x")


def _payment(remaining: int, state: vipps.PaymentState = vipps.PaymentState.RESERVED) -> vipps.Payment:
    return vipps.Payment("o", state, 1000, 1000 - remaining, 0, remaining, 1000 - remaining)


def test_check_capture() -> None:
    vipps.check_capture(_payment(1000), vipps.REMAINING)
    vipps.check_capture(_payment(50), vipps.REMAINING)
    with pytest.raises(vipps.InvalidArgument, match="REMAINING"):
        vipps.check_capture(_payment(1000), 0)
    with pytest.raises(vipps.InvalidArgument, match="100"):
        vipps.check_capture(_payment(1000), 99)
    with pytest.raises(TypeError, match="amount"):
        vipps.check_capture(_payment(1000), None)  # type: ignore[arg-type]
    vipps.check_capture(_payment(1000), 1000)
    vipps.Client.check_capture(_payment(1000), 400)
    with pytest.raises(vipps.InvalidArgument, match="amount"):
        vipps.check_capture(_payment(1000), 1001)
    with pytest.raises(vipps.InvalidArgument, match="amount"):
        vipps.check_capture(_payment(1000), -1)
    with pytest.raises(vipps.InvalidArgument, match="nothing remains.*captured"):
        vipps.check_capture(_payment(0, vipps.PaymentState.CAPTURED), vipps.REMAINING)


def test_client_configuration_errors_name_the_field() -> None:
    base = dict(client_id="id", client_secret="s3cret-value", subscription_key="k3y-value", merchant_serial_number="123456")
    with pytest.raises(vipps.InvalidArgument, match="merchant_serial_number|msn") as caught:
        vipps.Client(**{**base, "merchant_serial_number": "12"})
    assert "s3cret-value" not in repr(caught.value)
    with pytest.raises(vipps.InvalidArgument, match="environment"):
        vipps.Client(**base, environment="staging")  # type: ignore[arg-type]
    with pytest.raises(vipps.InvalidArgument, match="connect|timeout"):
        vipps.Client(**base, timeouts=(0, 1000, 1000))
    with pytest.raises(vipps.InvalidArgument, match="attempts"):
        vipps.Client(**base, retry=vipps.RetryPolicy(max_attempts=99))
    with pytest.raises(vipps.InvalidArgument, match="client_id"):
        vipps.Client(**{**base, "client_id": "a\0b"})
    with vipps.Client(**{**base, "merchant_serial_number": 123456}) as client:
        assert "s3cret-value" not in repr(client)
        assert "k3y-value" not in repr(client)


def test_errors_carry_the_refused_field_and_unset_settings_keep_the_library_default() -> None:
    base = dict(client_id="id", client_secret="secret", subscription_key="key", merchant_serial_number="123456")
    with pytest.raises(vipps.InvalidArgument) as caught:
        vipps.Client(**base, timeouts=(1000, 0, 1000))
    assert caught.value.field == "read_timeout_ms"
    assert "field='read_timeout_ms'" in repr(caught.value)
    # Only the initial backoff is given: the library's own maximum (lower) stays, and the
    # client refuses the pair naming the maximum. The binding restates no default.
    with pytest.raises(vipps.InvalidArgument) as caught:
        vipps.Client(**base, retry=vipps.RetryPolicy(initial_backoff_ms=10000))
    assert caught.value.field == "max_backoff_ms"
    with vipps.Client(**base, retry=vipps.RetryPolicy(initial_backoff_ms=10000, max_backoff_ms=20000)):
        pass
    with pytest.raises(vipps.InvalidArgument) as caught:
        vipps.Client(**base, retry=vipps.RetryPolicy(call_deadline_ms=0))
    assert caught.value.field == "call_deadline_ms"
    # Raised by the binding itself, before the library: the same attribute.
    with pytest.raises(vipps.InvalidArgument) as caught:
        vipps.Client(**{**base, "client_id": "a\0b"})
    assert caught.value.field == "client_id"
    assert pickle.loads(pickle.dumps(caught.value)).field == "client_id"


def test_production_refuses_force_approve() -> None:
    with vipps.Client(
        environment="production", client_id="id", client_secret="secret", subscription_key="key", merchant_serial_number="123456"
    ) as client:
        with pytest.raises(vipps.NotAllowed) as caught:
            client.force_approve("order-1", "token")
        assert caught.value.http_status == 0


def test_closed_client_refuses_calls() -> None:
    client = vipps.Client(client_id="id", client_secret="secret", subscription_key="key", merchant_serial_number="123456")
    client.close()
    client.close()
    assert client.closed
    with pytest.raises(vipps.NotAllowed, match="closed"):
        client.details("order-1")


def test_error_repr_and_pickle() -> None:
    error = vipps.NotFound(21, "no such order", http_status=404, error_group="Merchant", error_code="35", context_id="ctx")
    assert "NotFound(" in repr(error) and "404" in repr(error) and "ctx" in repr(error)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is vipps.NotFound and copy.error_code == "35" and str(copy) == "no such order"
    assert issubclass(vipps.InvalidArgument, ValueError)
