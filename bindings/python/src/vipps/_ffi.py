"""ctypes declarations for every function in vipps.h, in one place.

Conventions (see include/vipps.h and docs/architecture.md, "C ABI conventions"):

* handles are opaque pointers: ``c_void_p``;
* ``vipps_status`` / ``vipps_state`` / ``vipps_environment`` are ``int32_t``: ``c_int32``;
* amounts and durations are ``int64_t``: ``c_int64``;
* ``const char *`` owned by an object (or static) is read as ``c_char_p`` (ctypes copies it into
  ``bytes`` at once, before the owner can be freed);
* ``char **`` out-parameters receive library-allocated strings: declared as ``POINTER(c_void_p)`` so
  the pointer can be handed back to ``vipps_string_free``.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_char_p, c_int, c_int32, c_int64, c_size_t, c_void_p
from typing import Any

VOID_PP = POINTER(c_void_p)

#: ``typedef void (*vipps_log_fn)(void *user_data, int32_t level, const char *message);``
LOG_FN = ctypes.CFUNCTYPE(None, c_void_p, c_int32, c_char_p)

# The version of vipps.h this binding was written against.
HEADER_VERSION = "0.2.0"
HEADER_VERSION_NUMBER = 2000  # major * 1000000 + minor * 1000 + patch

_S = c_int32  # vipps_status
_STR = c_char_p
_P = c_void_p

# name: (restype, argtypes)
SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    # Version
    "vipps_version": (_STR, []),
    "vipps_version_number": (c_int32, []),
    # Status codes
    "vipps_status_string": (_STR, [c_int32]),
    # Errors
    "vipps_error_last": (_P, []),
    "vipps_error_status": (_S, [_P]),
    "vipps_error_message": (_STR, [_P]),
    "vipps_error_http_status": (c_int32, [_P]),
    "vipps_error_group": (_STR, [_P]),
    "vipps_error_code": (_STR, [_P]),
    "vipps_error_context_id": (_STR, [_P]),
    "vipps_error_is_retryable": (c_int, [_P]),
    "vipps_error_outcome_unknown": (c_int, [_P]),
    "vipps_error_request_id": (_STR, [_P]),
    "vipps_error_free": (None, [_P]),
    # Configuration
    "vipps_config_new": (_S, [VOID_PP]),
    "vipps_config_free": (None, [_P]),
    "vipps_config_set_environment": (_S, [_P, c_int32]),
    "vipps_config_set_base_url": (_S, [_P, _STR]),
    "vipps_config_set_client_id": (_S, [_P, _STR]),
    "vipps_config_set_client_secret": (_S, [_P, _STR]),
    "vipps_config_set_subscription_key": (_S, [_P, _STR]),
    "vipps_config_set_merchant_serial_number": (_S, [_P, _STR]),
    "vipps_config_set_system_info": (_S, [_P, _STR, _STR, _STR, _STR]),
    "vipps_config_set_timeouts": (_S, [_P, c_int64, c_int64, c_int64]),
    "vipps_config_set_ca_file": (_S, [_P, _STR]),
    "vipps_config_set_retry_policy": (_S, [_P, c_int32, c_int64, c_int64, c_int64]),
    "vipps_config_set_poll_intervals": (_S, [_P, c_int64, c_int64]),
    "vipps_config_set_log_callback": (_S, [_P, LOG_FN, _P, c_int32, c_int]),
    # Client
    "vipps_client_new": (_S, [_P, VOID_PP]),
    "vipps_client_free": (None, [_P]),
    "vipps_client_last_error": (_S, [_P, VOID_PP]),
    # Initiate
    "vipps_initiate_params_new": (_S, [VOID_PP]),
    "vipps_initiate_params_free": (None, [_P]),
    "vipps_initiate_params_set_order_id": (_S, [_P, _STR]),
    "vipps_initiate_params_set_amount": (_S, [_P, c_int64]),
    "vipps_initiate_params_set_transaction_text": (_S, [_P, _STR]),
    "vipps_initiate_params_set_callback_prefix": (_S, [_P, _STR]),
    "vipps_initiate_params_set_fallback_url": (_S, [_P, _STR]),
    "vipps_initiate_params_set_phone_number": (_S, [_P, _STR]),
    "vipps_initiate_params_set_auth_token": (_S, [_P, _STR]),
    "vipps_initiate_params_set_express": (_S, [_P, c_int]),
    "vipps_initiate_params_set_shipping_details_prefix": (_S, [_P, _STR]),
    "vipps_initiate_params_set_consent_removal_prefix": (_S, [_P, _STR]),
    "vipps_initiate_params_add_static_shipping_option": (_S, [_P, _STR, _STR, c_int64, c_int, c_int32]),
    "vipps_initiate_params_set_is_app": (_S, [_P, c_int]),
    "vipps_initiate_params_set_skip_landing_page": (_S, [_P, c_int]),
    "vipps_initiate_params_set_scope": (_S, [_P, _STR]),
    "vipps_payment_initiate": (_S, [_P, _P, VOID_PP]),
    "vipps_initiation_order_id": (_STR, [_P]),
    "vipps_initiation_url": (_STR, [_P]),
    "vipps_initiation_token": (_STR, [_P]),
    "vipps_initiation_json": (_STR, [_P]),
    "vipps_initiation_free": (None, [_P]),
    # Reading a payment
    "vipps_state_string": (_STR, [c_int32]),
    "vipps_payment_get_details": (_S, [_P, _STR, VOID_PP]),
    "vipps_payment_order_id": (_STR, [_P]),
    "vipps_payment_state": (c_int32, [_P]),
    "vipps_payment_amount": (c_int64, [_P]),
    "vipps_payment_captured_amount": (c_int64, [_P]),
    "vipps_payment_refunded_amount": (c_int64, [_P]),
    "vipps_payment_remaining_to_capture": (c_int64, [_P]),
    "vipps_payment_remaining_to_refund": (c_int64, [_P]),
    "vipps_payment_json": (_STR, [_P]),
    "vipps_payment_log_count": (c_size_t, [_P]),
    "vipps_payment_log_operation": (_STR, [_P, c_size_t]),
    "vipps_payment_log_amount": (c_int64, [_P, c_size_t]),
    "vipps_payment_log_success": (c_int, [_P, c_size_t]),
    "vipps_payment_log_transaction_id": (_STR, [_P, c_size_t]),
    "vipps_payment_log_transaction_text": (_STR, [_P, c_size_t]),
    "vipps_payment_log_timestamp": (_STR, [_P, c_size_t]),
    "vipps_payment_log_request_id": (_STR, [_P, c_size_t]),
    "vipps_payment_free": (None, [_P]),
    "vipps_payment_check_capture": (_S, [_P, c_int64]),
    "vipps_payment_wait": (_S, [_P, _STR, c_int64, VOID_PP]),
    # Capture, refund, cancel, status
    "vipps_payment_capture": (_S, [_P, _STR, c_int64, _STR, _STR, VOID_PP]),
    "vipps_payment_refund": (_S, [_P, _STR, c_int64, _STR, _STR, VOID_PP]),
    "vipps_payment_cancel": (_S, [_P, _STR, _STR, c_int, VOID_PP]),
    "vipps_payment_get_status": (_S, [_P, _STR, VOID_PP]),
    "vipps_transaction_order_id": (_STR, [_P]),
    "vipps_transaction_status": (_STR, [_P]),
    "vipps_transaction_amount": (c_int64, [_P]),
    "vipps_transaction_id": (_STR, [_P]),
    "vipps_transaction_text": (_STR, [_P]),
    "vipps_transaction_timestamp": (_STR, [_P]),
    "vipps_transaction_captured_amount": (c_int64, [_P]),
    "vipps_transaction_remaining_to_capture": (c_int64, [_P]),
    "vipps_transaction_refunded_amount": (c_int64, [_P]),
    "vipps_transaction_remaining_to_refund": (c_int64, [_P]),
    "vipps_transaction_request_id": (_STR, [_P]),
    "vipps_transaction_json": (_STR, [_P]),
    "vipps_transaction_free": (None, [_P]),
    # Requests from Vipps to the shop
    "vipps_callback_verify": (_S, [_STR, _STR]),
    "vipps_callback_parse": (_S, [_STR, VOID_PP]),
    "vipps_callback_order_id": (_STR, [_P]),
    "vipps_callback_merchant_serial_number": (_STR, [_P]),
    "vipps_callback_status": (_STR, [_P]),
    "vipps_callback_state": (c_int32, [_P]),
    "vipps_callback_amount": (c_int64, [_P]),
    "vipps_callback_transaction_id": (_STR, [_P]),
    "vipps_callback_timestamp": (_STR, [_P]),
    "vipps_callback_is_express": (c_int, [_P]),
    "vipps_callback_shipping_method_id": (_STR, [_P]),
    "vipps_callback_shipping_method": (_STR, [_P]),
    "vipps_callback_shipping_cost": (c_int64, [_P]),
    "vipps_callback_address_line1": (_STR, [_P]),
    "vipps_callback_address_line2": (_STR, [_P]),
    "vipps_callback_city": (_STR, [_P]),
    "vipps_callback_post_code": (_STR, [_P]),
    "vipps_callback_country": (_STR, [_P]),
    "vipps_callback_first_name": (_STR, [_P]),
    "vipps_callback_last_name": (_STR, [_P]),
    "vipps_callback_email": (_STR, [_P]),
    "vipps_callback_phone_number": (_STR, [_P]),
    "vipps_callback_user_id": (_STR, [_P]),
    "vipps_callback_error_group": (_STR, [_P]),
    "vipps_callback_error_code": (_STR, [_P]),
    "vipps_callback_error_message": (_STR, [_P]),
    "vipps_callback_json": (_STR, [_P]),
    "vipps_callback_free": (None, [_P]),
    "vipps_shipping_request_parse": (_S, [_STR, VOID_PP]),
    "vipps_shipping_request_address_id": (c_int64, [_P]),
    "vipps_shipping_request_address_line1": (_STR, [_P]),
    "vipps_shipping_request_address_line2": (_STR, [_P]),
    "vipps_shipping_request_city": (_STR, [_P]),
    "vipps_shipping_request_post_code": (_STR, [_P]),
    "vipps_shipping_request_country": (_STR, [_P]),
    "vipps_shipping_request_address_type": (_STR, [_P]),
    "vipps_shipping_request_free": (None, [_P]),
    "vipps_shipping_response_new": (_S, [c_int64, _STR, VOID_PP]),
    "vipps_shipping_response_add_option": (_S, [_P, _STR, _STR, c_int64, c_int, c_int32]),
    "vipps_shipping_response_json": (_S, [_P, VOID_PP]),
    "vipps_shipping_response_free": (None, [_P]),
    "vipps_consent_removal_user_id": (_S, [_STR, VOID_PP]),
    "vipps_string_free": (None, [_P]),
    # Test environment only
    "vipps_payment_force_approve": (_S, [_P, _STR, _STR, _STR]),
}


def declare(lib: ctypes.CDLL) -> None:
    """Sets restype and argtypes of every vipps.h function on ``lib``.

    Raises AttributeError naming the first function the library lacks.
    """
    for name, (restype, argtypes) in SIGNATURES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
