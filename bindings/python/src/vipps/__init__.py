"""Python binding of libvipps, a Vipps eCom v2 payment library (ctypes; no dependencies).

    import vipps

    with vipps.Client(client_id=..., client_secret=..., subscription_key=...,
                      merchant_serial_number="123456") as client:
        initiation = client.initiate("acme-1001", 49900, "One pair of socks",
                                     "https://shop.example/vipps", "https://shop.example/order/1001")
        print(initiation.url)

The shared library is found through $VIPPS_LIBRARY, a libvipps.so* next to this package, or the
system's loader (see vipps._library). It is loaded on first use; call load_library() to check early.
"""

from __future__ import annotations

from ._client import REMAINING, Client, check_capture
from ._errors import (
    AuthenticationError,
    InternalError,
    InvalidArgument,
    NetworkError,
    NotAllowed,
    NotFound,
    OutcomeUnknown,
    ProtocolError,
    RateLimited,
    Rejected,
    ServerError,
    Status,
    Timeout,
    TLSError,
    VippsError,
)
from ._ffi import HEADER_VERSION
from ._library import LibraryNotFound, LibraryVersionMismatch
from ._library import load as _load
from ._token_store import RedisTokenStore, TokenStore
from ._constants import EventKind, WebhookRefusal
from ._webhooks import (
    Userinfo,
    WebhookEvent,
    WebhookRefused,
    WebhookRegistration,
    parse_webhook_event,
    verify_webhook,
)
from ._shop import (
    consent_removal_user_id,
    parse_callback,
    parse_shipping_request,
    shipping_response_json,
    verify_callback,
)
from ._types import (
    Callback,
    Initiation,
    LogEntry,
    Payment,
    PaymentEvent,
    PaymentState,
    ReceiptBottomLine,
    ReceiptLine,
    RetryPolicy,
    ShippingOption,
    ShippingRequest,
    SystemInfo,
    Transaction,
)

__version__ = HEADER_VERSION


def load_library() -> str:
    """Loads libvipps now (it is otherwise loaded on first use) and returns its path or name.
    Raises LibraryNotFound / LibraryVersionMismatch (ImportError)."""
    return str(_load()._name)


def library_version() -> str:
    """The loaded library's version, e.g. "0.2.0"."""
    value = _load().vipps_version()
    return value.decode("ascii", "replace") if value else ""


for _name in ("AuthenticationError", "Callback", "Client", "Initiation", "InternalError", "InvalidArgument",
              "LibraryNotFound", "LibraryVersionMismatch", "LogEntry", "NetworkError", "NotAllowed", "NotFound",
              "OutcomeUnknown", "Payment", "PaymentEvent", "PaymentState", "ProtocolError", "RateLimited", "ReceiptBottomLine",
              "ReceiptLine", "Rejected",
              "RetryPolicy", "ServerError", "ShippingOption", "ShippingRequest", "Status", "SystemInfo",
              "TLSError", "Timeout", "Transaction", "VippsError", "Userinfo", "WebhookEvent", "WebhookRefused",
              "WebhookRegistration", "EventKind", "WebhookRefusal"):
    globals()[_name].__module__ = __name__  # tracebacks and reprs say vipps.NotFound
del _name

__all__ = [
    "AuthenticationError",
    "Callback",
    "Client",
    "HEADER_VERSION",
    "Initiation",
    "InternalError",
    "InvalidArgument",
    "LibraryNotFound",
    "LibraryVersionMismatch",
    "LogEntry",
    "NetworkError",
    "NotAllowed",
    "NotFound",
    "OutcomeUnknown",
    "Payment",
    "PaymentEvent",
    "PaymentState",
    "ProtocolError",
    "RateLimited",
    "ReceiptBottomLine",
    "ReceiptLine",
    "RedisTokenStore",
    "Rejected",
    "RetryPolicy",
    "ServerError",
    "ShippingOption",
    "ShippingRequest",
    "Status",
    "SystemInfo",
    "TLSError",
    "Timeout",
    "TokenStore",
    "Transaction",
    "VippsError",
    "EventKind",
    "Userinfo",
    "WebhookEvent",
    "WebhookRefusal",
    "WebhookRefused",
    "WebhookRegistration",
    "parse_webhook_event",
    "verify_webhook",
    "check_capture",
    "REMAINING",
    "consent_removal_user_id",
    "library_version",
    "load_library",
    "parse_callback",
    "parse_shipping_request",
    "shipping_response_json",
    "verify_callback",
]
