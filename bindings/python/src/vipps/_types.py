"""Result and parameter types: plain dataclasses holding copies of library data."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from ._constants import PaymentState

__all__ = [
    "PaymentState",
    "RetryPolicy",
    "SystemInfo",
    "ShippingOption",
    "ReceiptLine",
    "ReceiptBottomLine",
    "Initiation",
    "LogEntry",
    "Payment",
    "Transaction",
    "Callback",
    "ShippingRequest",
]



@dataclass(frozen=True)
class RetryPolicy:
    """The retry settings of vipps.h; None keeps the library's default. max_attempts counts the
    first try (1 = no retries)."""

    max_attempts: int | None = None
    initial_backoff_ms: int | None = None
    max_backoff_ms: int | None = None
    call_deadline_ms: int | None = None


@dataclass(frozen=True)
class SystemInfo:
    """The Vipps-System-* headers; None keeps the library's default."""

    system_name: str | None = None
    system_version: str | None = None
    plugin_name: str | None = None
    plugin_version: str | None = None


@dataclass(frozen=True)
class ShippingOption:
    """An express shipping option. cost is in øre; priority orders the list (ascending)."""

    method_id: str
    method: str
    cost: int
    is_default: bool = False
    priority: int = 0


@dataclass(frozen=True)
class ReceiptLine:
    """ePayment: an order line of the receipt the customer sees. Amounts in minor units of the
    payment's currency (total_amount includes tax); tax_rate in hundredths of a percent
    (2500 = 25 %)."""

    id: str
    name: str
    total_amount: int
    total_amount_excluding_tax: int
    total_tax_amount: int
    tax_rate: int
    is_shipping: bool = False


@dataclass(frozen=True)
class ReceiptBottomLine:
    """ePayment: a receipt's bottom line beyond its currency (always the payment's)."""

    tip_amount: int = 0
    pos_id: str | None = None
    receipt_number: str | None = None


@dataclass(frozen=True)
class Initiation:
    """Vipps' answer to an initiate. On ePayment, url is Vipps' redirectUrl ("" for
    PUSH_MESSAGE; for QR the image or target URL qr_format chose) and idempotency_key the
    create's key (None on eCom)."""

    order_id: str
    url: str
    token: str | None
    json: str
    idempotency_key: str | None = None


@dataclass(frozen=True)
class LogEntry:
    """One entry of a payment's transaction log."""

    operation: str
    amount: int
    success: bool
    transaction_id: str | None
    transaction_text: str | None
    timestamp: str | None
    request_id: str | None


@dataclass(frozen=True)
class PaymentEvent:
    """One event of ePayment's event log (oldest first)."""

    name: str
    amount: int
    success: bool
    idempotency_key: str
    timestamp: str


@dataclass(frozen=True)
class Payment:
    """A snapshot of one payment (GET .../details). Amounts are øre."""

    order_id: str
    state: PaymentState
    amount: int
    captured_amount: int
    refunded_amount: int
    remaining_to_capture: int
    remaining_to_refund: int
    log: list[LogEntry] = field(default_factory=list)
    json: str = ""
    #: Express: the chosen shipping (cost in øre) and address; None when Vipps sent none.
    is_express: bool = False
    shipping_method_id: str | None = None
    shipping_method: str | None = None
    shipping_cost: int = 0
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    post_code: str | None = None
    country: str | None = None
    #: The customer (express, or a payment that asked for profile data).
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    user_id: str | None = None
    #: ePayment: the currency, what was released without capture, and the event log oldest
    #: first ("NOK", 0 and empty on an eCom client).
    currency: str = "NOK"
    cancelled_amount: int = 0
    events: list[PaymentEvent] = field(default_factory=list)
    #: The customer's sub (ePayment profile.sub, eCom sub) once a payment with a profile scope is
    #: approved; pass it to Client.userinfo. None otherwise.
    sub: str | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Every field's value and nothing else: a copy or a pickle of a payment from details()
        # must not share (or free twice) the library snapshot its fields are read from.
        return {f.name: getattr(self, f.name) for f in fields(self)}


class _SnapshotField:
    """A field of a Payment that details() or wait() made: read from the library's snapshot when
    first asked for, together with the other fields of its group (one library call each), and
    kept in the instance from then on. Most callers look at a few fields, and copying all of
    them on every call was most of what the binding added to a details call.

    A non-data descriptor: the instance's own value (set by __init__, or by the first read) wins
    over it, so a Payment built by hand is an ordinary dataclass instance."""

    __slots__ = ("name", "group", "default")

    def __init__(self, name: str, group: str, default: Any) -> None:
        self.name, self.group, self.default = name, group, default

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        if instance is None:  # Payment.json and the like: the default, as before
            if self.default is MISSING:
                raise AttributeError(f"type object 'Payment' has no attribute '{self.name}'")
            return self.default
        values = instance.__dict__
        snapshot = values.get("_snapshot")
        if snapshot is None:
            raise AttributeError(f"'Payment' object has no attribute '{self.name}'")
        snapshot.load(self.group, values)
        return values[self.name]


# The library call that reads each field (see _client._Snapshot).
_PAYMENT_GROUPS = {"log": "log", "json": "json", "currency": "currency", "cancelled_amount": "cancelled_amount",
                   "events": "events", "sub": "sub"}
for _field in fields(Payment):
    # dataclass() has taken the defaults into __init__ already; the class attribute is all that changes.
    setattr(Payment, _field.name,
            _SnapshotField(_field.name, _PAYMENT_GROUPS.get(_field.name, "info"), _field.default))
del _field


@dataclass(frozen=True)
class Transaction:
    """Vipps' answer to capture, refund, cancel or status. Amounts are øre."""

    order_id: str
    status: str
    amount: int
    transaction_id: str | None
    text: str | None
    timestamp: str | None
    captured_amount: int
    remaining_to_capture: int
    refunded_amount: int
    remaining_to_refund: int
    request_id: str | None
    json: str


@dataclass(frozen=True)
class Callback:
    """A payment-update callback from Vipps. Never trust it alone: confirm with details()."""

    order_id: str | None
    merchant_serial_number: str | None
    status: str | None
    state: PaymentState
    amount: int
    transaction_id: str | None
    timestamp: str | None
    is_express: bool
    shipping_method_id: str | None
    shipping_method: str | None
    shipping_cost: int
    address_line1: str | None
    address_line2: str | None
    city: str | None
    post_code: str | None
    country: str | None
    first_name: str | None
    last_name: str | None
    email: str | None
    phone_number: str | None
    user_id: str | None
    error_group: str | None
    error_code: str | None
    error_message: str | None
    json: str


@dataclass(frozen=True)
class ShippingRequest:
    """Express: Vipps asking for shipping options for an address."""

    address_id: int
    address_line1: str | None
    address_line2: str | None
    city: str | None
    post_code: str | None
    country: str | None
    address_type: str | None
