"""vipps.Client: a connection to Vipps for one merchant."""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Any, Literal

from . import _ffi, _library
from ._convert import INT64_MIN, cstr, i32, i64, take_string, text
from ._errors import NotAllowed, Status, VippsError, check, error_from_handle, invalid_argument
from ._token_store import TokenStore, _Callbacks
from ._webhooks import Userinfo, WebhookRegistration, userinfo_from
from ._types import (
    Initiation,
    LogEntry,
    Payment,
    PaymentEvent,
    PaymentState,
    ReceiptBottomLine,
    ReceiptLine,
    RetryPolicy,
    ShippingOption,
    SystemInfo,
    Transaction,
)

__all__ = ["Client", "REMAINING", "check_capture"]

_ENVIRONMENTS = {"test": 0, "production": 1}
_APIS = {"ecom": 0, "epayment": 1}

# vipps log level -> logging level, and back.
_TO_PYTHON = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG}


def _to_vipps_level(python_level: int) -> int:
    """The most verbose libvipps level whose lines a logger at python_level would keep."""
    if python_level <= logging.DEBUG:
        return 4
    if python_level <= logging.INFO:
        return 3
    if python_level <= logging.WARNING:
        return 2
    return 1


def _out() -> ctypes.c_void_p:
    return ctypes.c_void_p()


# Entries read per call; a longer log takes a second call with the exact length.
_LIST_CAPACITY = 16


_LIST_TYPES: dict[Any, Any] = {}


def _read_list(lib: ctypes.CDLL, function: Any, handle: int, entry_type: Any) -> Any:
    """A payment's log or event list in one call (two when it is longer than _LIST_CAPACITY)."""
    array_type = _LIST_TYPES.get(entry_type)
    if array_type is None:
        array_type = _LIST_TYPES[entry_type] = entry_type * _LIST_CAPACITY
    entries = array_type()
    count = ctypes.c_size_t()
    size = ctypes.sizeof(entry_type)
    check(function(handle, entries, _LIST_CAPACITY, size, ctypes.byref(count)))
    if count.value > _LIST_CAPACITY:
        entries = (entry_type * count.value)()
        check(function(handle, entries, count.value, size, ctypes.byref(count)))
    return entries[: count.value]


class _Snapshot:
    """Owns the vipps_payment a Payment from details() or wait() reads its fields from, and frees
    it when that Payment goes: each group of fields is copied out on first use (see
    _types._SnapshotField), not all of them on every call."""

    __slots__ = ("lib", "handle")

    def __init__(self, lib: ctypes.CDLL, handle: int) -> None:
        self.lib, self.handle = lib, handle

    def __del__(self) -> None:
        self.lib.vipps_payment_free(self.handle)

    def load(self, group: str, values: dict[str, Any]) -> None:
        """Copies one group of fields into a Payment's __dict__ (threads racing here copy the
        same values)."""
        lib, handle = self.lib, self.handle
        if group == "info":
            info = _ffi.PaymentInfo()
            info.size = ctypes.sizeof(info)
            check(lib.vipps_payment_read(handle, ctypes.byref(info)))
            # Reading the struct's c_char_p fields copies them into bytes.
            values.update(
                order_id=text(info.order_id) or "",
                state=PaymentState(int(info.state)),
                amount=int(info.amount),
                captured_amount=int(info.captured_amount),
                refunded_amount=int(info.refunded_amount),
                remaining_to_capture=int(info.remaining_to_capture),
                remaining_to_refund=int(info.remaining_to_refund),
                is_express=bool(info.is_express),
                shipping_method_id=text(info.shipping_method_id),
                shipping_method=text(info.shipping_method),
                shipping_cost=int(info.shipping_cost),
                address_line1=text(info.address_line1),
                address_line2=text(info.address_line2),
                city=text(info.city),
                post_code=text(info.post_code),
                country=text(info.country),
                first_name=text(info.first_name),
                last_name=text(info.last_name),
                email=text(info.email),
                phone_number=text(info.phone_number),
                user_id=text(info.user_id),
            )
        elif group == "log":
            log = []
            for entry in _read_list(lib, lib.vipps_payment_log_read, handle, _ffi.PaymentLogEntry):
                # The frozen dataclass's __init__ sets each field through object.__setattr__; the
                # same values go straight into the instance's __dict__.
                item = _new_object(LogEntry)
                item.__dict__.update(
                    operation=text(entry.operation) or "",
                    amount=entry.amount,
                    success=bool(entry.success),
                    transaction_id=text(entry.transaction_id),
                    transaction_text=text(entry.transaction_text),
                    timestamp=text(entry.timestamp),
                    request_id=text(entry.request_id),
                )
                log.append(item)
            values["log"] = log
        elif group == "events":
            values["events"] = [
                PaymentEvent(
                    text(entry.name) or "",
                    int(entry.amount),
                    bool(entry.success),
                    text(entry.idempotency_key) or "",
                    text(entry.timestamp) or "",
                )
                for entry in _read_list(lib, lib.vipps_payment_event_read, handle, _ffi.PaymentEventEntry)
            ]
        elif group == "json":
            values["json"] = text(lib.vipps_payment_json(handle)) or ""
        elif group == "currency":
            values["currency"] = text(lib.vipps_payment_currency(handle)) or "NOK"
        elif group == "cancelled_amount":
            values["cancelled_amount"] = int(lib.vipps_payment_cancelled_amount(handle))
        elif group == "sub":
            values["sub"] = text(lib.vipps_payment_sub(handle))


_new_object = object.__new__


def _payment_from(lib: ctypes.CDLL, handle: int) -> Payment:
    """A Payment over a vipps_payment, which it now owns. Its fields are read when first used."""
    payment: Payment = _new_object(Payment)
    payment.__dict__["_snapshot"] = _Snapshot(lib, handle)
    return payment


def _transaction_from(lib: ctypes.CDLL, handle: int) -> Transaction:
    return Transaction(
        order_id=text(lib.vipps_transaction_order_id(handle)) or "",
        status=text(lib.vipps_transaction_status(handle)) or "",
        amount=int(lib.vipps_transaction_amount(handle)),
        transaction_id=text(lib.vipps_transaction_id(handle)),
        text=text(lib.vipps_transaction_text(handle)),
        timestamp=text(lib.vipps_transaction_timestamp(handle)),
        captured_amount=int(lib.vipps_transaction_captured_amount(handle)),
        remaining_to_capture=int(lib.vipps_transaction_remaining_to_capture(handle)),
        refunded_amount=int(lib.vipps_transaction_refunded_amount(handle)),
        remaining_to_refund=int(lib.vipps_transaction_remaining_to_refund(handle)),
        request_id=text(lib.vipps_transaction_request_id(handle)),
        json=text(lib.vipps_transaction_json(handle)) or "",
    )


REMAINING = INT64_MIN
"""The amount that means everything that remains (VIPPS_AMOUNT_REMAINING): capture all still
reserved, refund all captured and not yet refunded. 0 never means that and is refused."""


def _amount(amount: object) -> int:
    """A capture or refund amount: an int (not bool), checked by the library itself."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"amount must be int (øre, or vipps.REMAINING), not {type(amount).__name__}")
    return i64("amount", amount)


def check_capture(payment: Payment, amount: int) -> None:
    """Checks, without a request, that `amount` øre (or vipps.REMAINING) can be captured from the
    payment as this snapshot shows it; raises InvalidArgument naming the amount otherwise.

    The rule is the library's (vipps_check_capture_amount), applied to the values the Payment
    copied, so the snapshot's handle need not be alive.
    """
    lib = _library.load()
    check(lib.vipps_check_capture_amount(int(payment.state), i64("remaining_to_capture", payment.remaining_to_capture), _amount(amount)))


class Client:
    """A connection to Vipps for one merchant (API keys, token cache, connection pool).

    Thread-safe: one Client may be shared by threads. Use it as a context manager or call
    close(); close() waits for calls in progress in other threads.

    Logging goes to `logger` (default ``logging.getLogger("vipps")``). The library's log level is
    fixed when the client is created, from `log_level` or else the logger's effective level:
    DEBUG gives request/response bodies (masked), INFO one line per request, WARNING retries.
    Personal data in bodies is masked unless `log_personal_data` is True. Secrets never appear.
    """

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        subscription_key: str,
        merchant_serial_number: str | int,
        environment: Literal["test", "production"] = "test",
        base_url: str | None = None,
        ca_file: str | None = None,
        timeouts: tuple[int, int, int] | None = None,
        retry: RetryPolicy | None = None,
        system_info: SystemInfo | tuple[str | None, str | None, str | None, str | None] | None = None,
        poll_intervals: tuple[int, int] | None = None,
        logger: logging.Logger | None = None,
        log_level: int | None = None,
        log_personal_data: bool = False,
        api: Literal["ecom", "epayment"] = "ecom",
        token_store: TokenStore | None = None,
        token_file_store: str | None = None,
    ) -> None:
        self._lib = _library.load()
        self._handle: int | None = None
        self._log_fn: Any = None
        self._token_callbacks: _Callbacks | None = None
        # The lock itself is taken on every call (its C-level context manager); the condition
        # around it only when close() waits.
        self._lock = threading.Lock()
        self._state = threading.Condition(self._lock)
        self._in_flight = 0
        self._closing = False
        self._logger = logger if logger is not None else logging.getLogger("vipps")
        self.environment = "custom" if base_url is not None else environment
        self.base_url = base_url

        if environment not in _ENVIRONMENTS:
            raise invalid_argument("environment", "must be 'test' or 'production'")
        if api not in _APIS:
            raise invalid_argument("api", "must be 'ecom' or 'epayment'")
        #: Which Vipps payment API the client speaks: the methods are the same on both.
        self.api = api
        if base_url is not None and environment == "production":
            raise invalid_argument("base_url", "cannot be combined with environment='production'")
        msn = merchant_serial_number if isinstance(merchant_serial_number, str) else str(merchant_serial_number)

        lib = self._lib
        config = _out()
        check(lib.vipps_config_new(ctypes.byref(config)))
        try:
            check(lib.vipps_config_set_environment(config, _ENVIRONMENTS[environment]))
            check(lib.vipps_config_set_payment_api(config, _APIS[api]))
            if base_url is not None:
                check(lib.vipps_config_set_base_url(config, cstr("base_url", base_url)))
            check(lib.vipps_config_set_client_id(config, cstr("client_id", client_id)))
            check(lib.vipps_config_set_client_secret(config, cstr("client_secret", client_secret)))
            check(lib.vipps_config_set_subscription_key(config, cstr("subscription_key", subscription_key)))
            check(
                lib.vipps_config_set_merchant_serial_number(
                    config, cstr("merchant_serial_number", msn)
                )
            )
            if ca_file is not None:
                check(lib.vipps_config_set_ca_file(config, cstr("ca_file", ca_file)))
            if timeouts is not None:
                connect_ms, read_ms, total_ms = timeouts
                check(
                    lib.vipps_config_set_timeouts(
                        config, i64("connect_ms", connect_ms), i64("read_ms", read_ms), i64("total_ms", total_ms)
                    )
                )
            if retry is not None:
                # One setter per value given: the library keeps its own default for the rest.
                if retry.max_attempts is not None:
                    check(lib.vipps_config_set_max_attempts(config, i32("max_attempts", retry.max_attempts)))
                if retry.initial_backoff_ms is not None:
                    check(
                        lib.vipps_config_set_initial_backoff(
                            config, i64("initial_backoff_ms", retry.initial_backoff_ms)
                        )
                    )
                if retry.max_backoff_ms is not None:
                    check(lib.vipps_config_set_max_backoff(config, i64("max_backoff_ms", retry.max_backoff_ms)))
                if retry.call_deadline_ms is not None:
                    check(lib.vipps_config_set_call_deadline(config, i64("call_deadline_ms", retry.call_deadline_ms)))
            if system_info is not None:
                info = system_info if isinstance(system_info, SystemInfo) else SystemInfo(*system_info)
                check(
                    lib.vipps_config_set_system_info(
                        config,
                        cstr("system_name", info.system_name),
                        cstr("system_version", info.system_version),
                        cstr("plugin_name", info.plugin_name),
                        cstr("plugin_version", info.plugin_version),
                    )
                )
            if poll_intervals is not None:
                initial_delay_ms, interval_ms = poll_intervals
                check(
                    lib.vipps_config_set_poll_intervals(
                        config, i64("initial_delay_ms", initial_delay_ms), i64("interval_ms", interval_ms)
                    )
                )
            if token_store is not None and token_file_store is not None:
                raise invalid_argument("token_store", "cannot be combined with token_file_store")
            if token_file_store is not None:
                check(lib.vipps_config_set_token_file_store(config, cstr("token_file_store", token_file_store)))
            if token_store is not None:
                self._token_callbacks = _Callbacks(token_store)
                callbacks = self._token_callbacks
                check(
                    lib.vipps_config_set_token_store(
                        config, callbacks.load, callbacks.store, callbacks.claim, callbacks.remove, None
                    )
                )
            python_level = log_level if log_level is not None else self._logger.getEffectiveLevel()
            if not self._logger.disabled and python_level <= logging.ERROR:
                self._log_fn = _ffi.LOG_FN(self._make_log_handler())
                check(
                    lib.vipps_config_set_log_callback(
                        config, self._log_fn, None, _to_vipps_level(python_level), 1 if log_personal_data else 0
                    )
                )
            client = _out()
            check(lib.vipps_client_new(config, ctypes.byref(client)))
            self._handle = client.value
        finally:
            lib.vipps_config_free(config)

    def _make_log_handler(self) -> Any:
        logger = self._logger

        def handler(_user_data: int | None, level: int, message: bytes | None) -> None:
            try:
                python_level = _TO_PYTHON.get(level, logging.DEBUG)
                if logger.isEnabledFor(python_level):
                    logger.log(python_level, "%s", text(message) or "")
            except BaseException:  # never let an exception unwind into the library
                pass

        return handler

    # -- lifetime ------------------------------------------------------------------------------

    def _enter(self) -> int:
        """The client's handle for one call in progress; _leave() must follow."""
        with self._lock:
            handle = self._handle
            if handle is None or self._closing:
                raise NotAllowed(Status.NOT_ALLOWED, "client: the client is closed")
            self._in_flight += 1
            return handle

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1
            # Only close() waits, and only once it has set _closing.
            if self._in_flight == 0 and self._closing:
                self._state.notify_all()

    @contextmanager
    def _use(self) -> Iterator[int]:
        handle = self._enter()
        try:
            yield handle
        finally:
            self._leave()

    def close(self) -> None:
        """Closes the client's connections and frees it. Waits for calls in other threads.
        Calling close() again does nothing."""
        with self._state:
            if self._handle is None:
                return
            self._closing = True
            while self._in_flight:
                self._state.wait()
            handle, self._handle = self._handle, None
        self._lib.vipps_client_free(handle)
        self._log_fn = None  # the library no longer holds the callback
        self._token_callbacks = None

    @property
    def closed(self) -> bool:
        return self._handle is None

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle:
            self._handle = None
            try:
                self._lib.vipps_client_free(handle)
            except Exception:
                pass

    def __repr__(self) -> str:
        where = self.base_url if self.base_url is not None else self.environment
        return f"<vipps.Client {where}{' closed' if self.closed else ''}>"

    def last_error(self) -> VippsError | None:
        """A copy of the error of the most recent failed call made with this client from any
        thread, or None if that call succeeded. Exceptions already carry the exact error of the
        raising thread; this is for diagnostics."""
        lib = self._lib
        with self._use() as client:
            out = _out()
            check(lib.vipps_client_last_error(client, ctypes.byref(out)))
            if not out.value:
                return None
            try:
                return error_from_handle(lib, out.value, int(lib.vipps_error_status(out.value)))
            finally:
                lib.vipps_error_free(out.value)

    # -- operations ----------------------------------------------------------------------------

    def initiate(
        self,
        order_id: str,
        amount: int,
        transaction_text: str,
        callback_prefix: str,
        fallback_url: str,
        *,
        phone_number: str | None = None,
        auth_token: str | None = None,
        express: bool = False,
        shipping_details_prefix: str | None = None,
        consent_removal_prefix: str | None = None,
        static_shipping: Iterable[ShippingOption] = (),
        is_app: bool = False,
        skip_landing_page: bool = False,
        scope: str | None = None,
        currency: str | None = None,
        user_flow: str | None = None,
        customer_phone_number: str | None = None,
        customer_personal_qr: str | None = None,
        customer_token: str | None = None,
        expires_at: str | None = None,
        receipt_lines: Iterable[ReceiptLine] = (),
        receipt_bottom_line: ReceiptBottomLine | None = None,
        qr_format: str | None = None,
        qr_size: int = 0,
        idempotency_key: str | None = None,
    ) -> Initiation:
        """Starts a payment (eCom: POST /ecomm/v2/payments; ePayment: POST /epayment/v1/payments).
        Send the customer to the result's url.

        ePayment only (an eCom client raises InvalidArgument naming them): currency, user_flow,
        customer_phone_number / customer_personal_qr / customer_token (one customer), expires_at
        (RFC 3339, e.g. "2026-12-24T18:00:00Z"; PUSH_MESSAGE or QR with a receipt), receipt_lines
        and receipt_bottom_line, qr_format ("IMAGE/SVG+XML", "IMAGE/PNG", "TEXT/TARGETURL") with
        qr_size (PNG pixels, 0 for Vipps' default), and idempotency_key (keep it with the order and
        initiate again with it after a crash)."""
        lib = self._lib
        params = _out()
        check(lib.vipps_initiate_params_new(ctypes.byref(params)))
        try:
            p = params
            check(lib.vipps_initiate_params_set_order_id(p, cstr("order_id", order_id)))
            # The amount is checked against the currency: DKK and EUR take amounts below 100.
            if currency is not None:
                check(lib.vipps_initiate_params_set_currency(p, cstr("currency", currency)))
            check(lib.vipps_initiate_params_set_amount(p, i64("amount", amount)))
            check(lib.vipps_initiate_params_set_transaction_text(p, cstr("transaction_text", transaction_text)))
            check(lib.vipps_initiate_params_set_callback_prefix(p, cstr("callback_prefix", callback_prefix)))
            check(lib.vipps_initiate_params_set_fallback_url(p, cstr("fallback_url", fallback_url)))
            if phone_number is not None:
                check(lib.vipps_initiate_params_set_phone_number(p, cstr("phone_number", phone_number)))
            if auth_token is not None:
                check(lib.vipps_initiate_params_set_auth_token(p, cstr("auth_token", auth_token)))
            # ePayment only: an eCom client refuses them when the payment is initiated.
            if user_flow is not None:
                check(lib.vipps_initiate_params_set_user_flow(p, cstr("user_flow", user_flow)))
            if customer_phone_number is not None:
                check(
                    lib.vipps_initiate_params_set_customer_phone_number(
                        p, cstr("customer_phone_number", customer_phone_number)
                    )
                )
            if customer_personal_qr is not None:
                check(
                    lib.vipps_initiate_params_set_customer_personal_qr(
                        p, cstr("customer_personal_qr", customer_personal_qr)
                    )
                )
            if customer_token is not None:
                check(lib.vipps_initiate_params_set_customer_token(p, cstr("customer_token", customer_token)))
            if expires_at is not None:
                check(lib.vipps_initiate_params_set_expires_at(p, cstr("expires_at", expires_at)))
            for line in receipt_lines:
                check(
                    lib.vipps_initiate_params_add_receipt_line(
                        p,
                        cstr("receipt_line_id", line.id),
                        cstr("receipt_line_name", line.name),
                        i64("receipt_line_total_amount", line.total_amount),
                        i64("receipt_line_total_amount_excluding_tax", line.total_amount_excluding_tax),
                        i64("receipt_line_total_tax_amount", line.total_tax_amount),
                        i32("receipt_line_tax_rate", line.tax_rate),
                        1 if line.is_shipping else 0,
                    )
                )
            if receipt_bottom_line is not None:
                check(
                    lib.vipps_initiate_params_set_receipt_bottom_line(
                        p,
                        i64("receipt_tip_amount", receipt_bottom_line.tip_amount),
                        cstr("receipt_pos_id", receipt_bottom_line.pos_id),
                        cstr("receipt_number", receipt_bottom_line.receipt_number),
                    )
                )
            if qr_format is not None:
                check(lib.vipps_initiate_params_set_qr_format(p, cstr("qr_format", qr_format), i32("qr_size", qr_size)))
            if idempotency_key is not None:
                check(lib.vipps_initiate_params_set_idempotency_key(p, cstr("idempotency_key", idempotency_key)))
            if express:
                check(lib.vipps_initiate_params_set_express(p, 1))
            if shipping_details_prefix is not None:
                check(
                    lib.vipps_initiate_params_set_shipping_details_prefix(
                        p, cstr("shipping_details_prefix", shipping_details_prefix)
                    )
                )
            if consent_removal_prefix is not None:
                check(
                    lib.vipps_initiate_params_set_consent_removal_prefix(
                        p, cstr("consent_removal_prefix", consent_removal_prefix)
                    )
                )
            for option in static_shipping:
                check(
                    lib.vipps_initiate_params_add_static_shipping_option(
                        p,
                        cstr("method_id", option.method_id),
                        cstr("method", option.method),
                        i64("cost", option.cost),
                        1 if option.is_default else 0,
                        i32("priority", option.priority),
                    )
                )
            if is_app:
                check(lib.vipps_initiate_params_set_is_app(p, 1))
            if skip_landing_page:
                check(lib.vipps_initiate_params_set_skip_landing_page(p, 1))
            if scope is not None:
                check(lib.vipps_initiate_params_set_scope(p, cstr("scope", scope)))

            out = _out()
            with self._use() as client:
                check(lib.vipps_payment_initiate(client, p, ctypes.byref(out)))
            try:
                return Initiation(
                    order_id=text(lib.vipps_initiation_order_id(out)) or "",
                    url=text(lib.vipps_initiation_url(out)) or "",
                    token=text(lib.vipps_initiation_token(out)),
                    json=text(lib.vipps_initiation_json(out)) or "",
                    idempotency_key=text(lib.vipps_initiation_idempotency_key(out)),
                )
            finally:
                lib.vipps_initiation_free(out)
        finally:
            lib.vipps_initiate_params_free(params)

    def details(self, order_id: str) -> Payment:
        """Reads a payment's details. Raises NotFound if Vipps does not know the order."""
        lib = self._lib
        order = cstr("order_id", order_id)
        out = _out()
        # Not `with self._use()`: a generator-based context manager cost more than the rest of
        # what the binding adds to a details call.
        client = self._enter()
        try:
            status = lib.vipps_payment_get_details(client, order, ctypes.byref(out))
        finally:
            self._leave()
        check(status)
        return _payment_from(lib, out.value)  # type: ignore[arg-type]

    def wait(self, order_id: str, timeout_ms: int) -> Payment:
        """Blocks until the customer has acted or timeout_ms pass (then raises Timeout)."""
        lib = self._lib
        order = cstr("order_id", order_id)
        timeout = i64("timeout_ms", timeout_ms)
        out = _out()
        with self._use() as client:
            check(lib.vipps_payment_wait(client, order, timeout, ctypes.byref(out)))
        return _payment_from(lib, out.value)  # type: ignore[arg-type]

    def _transaction(self, function: Any, *args: Any) -> Transaction:
        lib = self._lib
        out = _out()
        with self._use() as client:
            check(function(client, *args, ctypes.byref(out)))
        try:
            return _transaction_from(lib, out.value)  # type: ignore[arg-type]
        finally:
            lib.vipps_transaction_free(out)

    def capture(
        self, order_id: str, amount: int, transaction_text: str, idempotency_key: str | None = None
    ) -> Transaction:
        """Captures `amount` øre, or everything still reserved with vipps.REMAINING (0 is refused).
        Idempotent via idempotency_key; after OutcomeUnknown, call again with the exception's
        request_id. Without a key, the same call repeated on this client after a failure without
        a clear answer reuses that call's key (see vipps_payment_capture in vipps.h)."""
        return self._transaction(
            self._lib.vipps_payment_capture,
            cstr("order_id", order_id),
            _amount(amount),
            cstr("transaction_text", transaction_text),
            cstr("idempotency_key", idempotency_key),
        )

    def refund(
        self, order_id: str, amount: int, transaction_text: str, idempotency_key: str | None = None
    ) -> Transaction:
        """Refunds `amount` øre of what was captured, or everything not yet refunded with
        vipps.REMAINING (0 is refused). Idempotent like capture()."""
        return self._transaction(
            self._lib.vipps_payment_refund,
            cstr("order_id", order_id),
            _amount(amount),
            cstr("transaction_text", transaction_text),
            cstr("idempotency_key", idempotency_key),
        )

    def cancel(self, order_id: str, transaction_text: str, release_remaining_funds: bool = False) -> Transaction:
        """Cancels a payment that waits for the customer or is reserved."""
        return self._transaction(
            self._lib.vipps_payment_cancel,
            cstr("order_id", order_id),
            cstr("transaction_text", transaction_text),
            1 if release_remaining_funds else 0,
        )

    def status(self, order_id: str) -> Transaction:
        """The deprecated GET .../status; prefer details()."""
        return self._transaction(self._lib.vipps_payment_get_status, cstr("order_id", order_id))

    def force_approve(self, order_id: str, landing_token: str, phone_number: str | None = None) -> None:
        """Test environment only: approves as if the customer did it in the app. Raises
        NotAllowed in production."""
        lib = self._lib
        args = (cstr("order_id", order_id), cstr("phone_number", phone_number), cstr("landing_token", landing_token))
        with self._use() as client:
            check(lib.vipps_payment_force_approve(client, *args))

    def register_webhook(self, url: str, events: Iterable[str]) -> WebhookRegistration:
        """ePayment's Webhooks API: registers url for the event types ("epayments.payment.captured.v1").
        The returned registration's secret is shown only now: store it."""
        lib = self._lib
        event_list = list(events)
        array = (ctypes.c_char_p * max(len(event_list), 1))(*[cstr(f"events[{i}]", e) for i, e in enumerate(event_list)])
        id_out, secret_out = ctypes.c_void_p(), ctypes.c_void_p()
        with self._use() as client:
            check(lib.vipps_webhook_register(client, cstr("url", url), array, len(event_list),
                                             ctypes.byref(id_out), ctypes.byref(secret_out)))
        return WebhookRegistration(id=take_string(lib, id_out), url=url, events=event_list,
                                   secret=take_string(lib, secret_out))

    def webhooks(self) -> list[WebhookRegistration]:
        """The sales unit's webhook registrations (without secrets)."""
        lib = self._lib
        out = _out()
        with self._use() as client:
            check(lib.vipps_webhook_get_list(client, ctypes.byref(out)))
        try:
            handle = out.value
            return [
                WebhookRegistration(
                    id=text(lib.vipps_webhook_list_id(handle, i)) or "",
                    url=text(lib.vipps_webhook_list_url(handle, i)) or "",
                    events=[text(lib.vipps_webhook_list_event(handle, i, j)) or ""
                            for j in range(int(lib.vipps_webhook_list_event_count(handle, i)))],
                )
                for i in range(int(lib.vipps_webhook_list_count(handle)))
            ]
        finally:
            lib.vipps_webhook_list_free(out)

    def delete_webhook(self, webhook_id: str) -> None:
        """Deletes a registration. Raises NotFound for an unknown id."""
        lib = self._lib
        with self._use() as client:
            check(lib.vipps_webhook_delete(client, cstr("id", webhook_id)))

    def userinfo(self, sub: str) -> Userinfo:
        """The profile claims the user consented to share (Payment.sub). Raises NotFound for an
        unknown sub, or one older than 168 hours."""
        lib = self._lib
        out = _out()
        with self._use() as client:
            check(lib.vipps_userinfo_get(client, cstr("sub", sub), ctypes.byref(out)))
        try:
            return userinfo_from(lib, out.value)  # type: ignore[arg-type]
        finally:
            lib.vipps_userinfo_free(out)

    @staticmethod
    def check_capture(payment: Payment, amount: int) -> None:
        """See vipps.check_capture."""
        check_capture(payment, amount)
