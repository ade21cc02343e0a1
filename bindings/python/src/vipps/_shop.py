"""Shop-side helpers for requests from Vipps (no network)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

from . import _library
from ._convert import cstr, i32, i64, take_string, text
from ._errors import check
from ._types import Callback, PaymentState, ShippingOption, ShippingRequest

__all__ = [
    "verify_callback",
    "parse_callback",
    "parse_shipping_request",
    "shipping_response_json",
    "consent_removal_user_id",
]


def verify_callback(expected_auth_token: str, authorization_header: str | None) -> None:
    """Checks a callback's Authorization header against the authToken given at initiate, in
    constant time. Raises AuthenticationError if it is missing or differs."""
    lib = _library.load()
    check(
        lib.vipps_callback_verify(
            cstr("expected_auth_token", expected_auth_token), cstr("authorization_header", authorization_header)
        )
    )


def parse_callback(body: str | bytes) -> Callback:
    """Reads a payment-update callback body (POST {callback_prefix}/v2/payments/{orderId})."""
    lib = _library.load()
    out = ctypes.c_void_p()
    check(lib.vipps_callback_parse(cstr("body", body), ctypes.byref(out)))
    c = out.value
    try:
        return Callback(
            order_id=text(lib.vipps_callback_order_id(c)),
            merchant_serial_number=text(lib.vipps_callback_merchant_serial_number(c)),
            status=text(lib.vipps_callback_status(c)),
            state=PaymentState(int(lib.vipps_callback_state(c))),
            amount=int(lib.vipps_callback_amount(c)),
            transaction_id=text(lib.vipps_callback_transaction_id(c)),
            timestamp=text(lib.vipps_callback_timestamp(c)),
            is_express=bool(lib.vipps_callback_is_express(c)),
            shipping_method_id=text(lib.vipps_callback_shipping_method_id(c)),
            shipping_method=text(lib.vipps_callback_shipping_method(c)),
            shipping_cost=int(lib.vipps_callback_shipping_cost(c)),
            address_line1=text(lib.vipps_callback_address_line1(c)),
            address_line2=text(lib.vipps_callback_address_line2(c)),
            city=text(lib.vipps_callback_city(c)),
            post_code=text(lib.vipps_callback_post_code(c)),
            country=text(lib.vipps_callback_country(c)),
            first_name=text(lib.vipps_callback_first_name(c)),
            last_name=text(lib.vipps_callback_last_name(c)),
            email=text(lib.vipps_callback_email(c)),
            phone_number=text(lib.vipps_callback_phone_number(c)),
            user_id=text(lib.vipps_callback_user_id(c)),
            error_group=text(lib.vipps_callback_error_group(c)),
            error_code=text(lib.vipps_callback_error_code(c)),
            error_message=text(lib.vipps_callback_error_message(c)),
            json=text(lib.vipps_callback_json(c)) or "",
        )
    finally:
        lib.vipps_callback_free(c)


def parse_shipping_request(body: str | bytes) -> ShippingRequest:
    """Reads an express shipping-details request body."""
    lib = _library.load()
    out = ctypes.c_void_p()
    check(lib.vipps_shipping_request_parse(cstr("body", body), ctypes.byref(out)))
    r = out.value
    try:
        return ShippingRequest(
            address_id=int(lib.vipps_shipping_request_address_id(r)),
            address_line1=text(lib.vipps_shipping_request_address_line1(r)),
            address_line2=text(lib.vipps_shipping_request_address_line2(r)),
            city=text(lib.vipps_shipping_request_city(r)),
            post_code=text(lib.vipps_shipping_request_post_code(r)),
            country=text(lib.vipps_shipping_request_country(r)),
            address_type=text(lib.vipps_shipping_request_address_type(r)),
        )
    finally:
        lib.vipps_shipping_request_free(r)


def shipping_response_json(address_id: int, order_id: str, options: Iterable[ShippingOption]) -> str:
    """The JSON body answering a shipping-details request (send it with HTTP 200)."""
    lib = _library.load()
    out = ctypes.c_void_p()
    check(lib.vipps_shipping_response_new(i64("address_id", address_id), cstr("order_id", order_id), ctypes.byref(out)))
    try:
        for option in options:
            check(
                lib.vipps_shipping_response_add_option(
                    out,
                    cstr("method_id", option.method_id),
                    cstr("method", option.method),
                    i64("cost", option.cost),
                    1 if option.is_default else 0,
                    i32("priority", option.priority),
                )
            )
        json_out = ctypes.c_void_p()
        check(lib.vipps_shipping_response_encode(out, ctypes.byref(json_out)))
        return take_string(lib, json_out)
    finally:
        lib.vipps_shipping_response_free(out)


def consent_removal_user_id(path: str) -> str:
    """The user id of DELETE {consent_removal_prefix}/v2/consents/{userId}, percent-decoded."""
    lib = _library.load()
    out = ctypes.c_void_p()
    check(lib.vipps_consent_removal_user_id(cstr("path", path), ctypes.byref(out)))
    return take_string(lib, out)
