"""Webhooks (ePayment's Webhooks API) and Userinfo: verification needs no client; registration
and Userinfo go through one (see Client.register_webhook, Client.userinfo)."""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import _library
from ._constants import EventKind, WebhookRefusal
from ._convert import cstr, i64, text
from ._errors import AuthenticationError, Status, check, invalid_argument, last_error

__all__ = ["WebhookEvent", "WebhookRefused", "WebhookRegistration", "Userinfo", "verify_webhook", "parse_webhook_event"]


class WebhookRefused(AuthenticationError):
    """A webhook request did not verify. ``reason`` is a WebhookRefusal a program can switch on;
    ``reason_code`` the same as a stable word ("signature_mismatch"). The message never holds a
    secret."""

    reason: WebhookRefusal
    reason_code: str


@dataclass(frozen=True)
class WebhookEvent:
    """One ePayment event as a webhook delivers it. ``amount`` is in the currency's minor unit."""

    kind: EventKind
    name: str
    event_type: str | None
    msn: str | None
    reference: str | None
    psp_reference: str | None
    amount: int
    currency: str | None
    idempotency_key: str | None
    success: bool
    timestamp: str | None
    json: str


@dataclass(frozen=True)
class WebhookRegistration:
    """A registration. ``secret`` is set only on the one register_webhook returns: store it then."""

    id: str
    url: str
    events: list[str] = field(default_factory=list)
    secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Userinfo:
    """The claims a user consented to share (None where not shared). ``json`` is the whole answer."""

    sub: str
    name: str | None
    given_name: str | None
    family_name: str | None
    email: str | None
    email_verified: bool | None
    phone_number: str | None
    birthdate: str | None
    nin: str | None
    street_address: str | None
    postal_code: str | None
    region: str | None
    country: str | None
    formatted_address: str | None
    address_type: str | None
    json: str = field(repr=False)

    def __repr__(self) -> str:  # personal data stays out of reprs and tracebacks
        return f"Userinfo(sub={self.sub!r}, ...)"


def _bytes(name: str, value: bytes | bytearray | memoryview | str) -> bytes:
    if isinstance(value, str):
        raise invalid_argument(name, "must be the raw bytes as received (bytes), not decoded text")
    return bytes(value)


def _string_array(name: str, values: Sequence[str]) -> ctypes.Array[ctypes.c_char_p]:
    encoded = [cstr(f"{name}[{index}]", value) for index, value in enumerate(values)]
    return (ctypes.c_char_p * max(len(encoded), 1))(*encoded)


def verify_webhook(
    body: bytes,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    registered_url: str,
    secrets: str | Sequence[str],
    *,
    method: str = "POST",
    window_seconds: int | None = None,
    now: int | None = None,
) -> WebhookEvent:
    """Verifies a webhook request and returns its event.

    ``body``: the raw bytes received. ``headers``: the request's headers (a mapping, an object with
    ``items()``, or pairs; any case). ``registered_url``: the URL exactly as registered, never rebuilt from the request.
    ``secrets``: the secret, or every secret of this URL while rotating. ``window_seconds``: how
    far x-ms-date may be from now (None: 300; 0: off). ``now``: Unix seconds for tests.
    Raises WebhookRefused (with ``.reason``), or InvalidArgument for a mistake in the arguments."""
    lib = _library.load()
    raw = _bytes("body", body)
    # Mappings, and header objects that are no Mapping but have items() (http.server's message).
    pairs = list(headers.items()) if hasattr(headers, "items") else list(headers)
    names = _string_array("header_names", [name for name, _ in pairs])
    values = _string_array("header_values", [value for _, value in pairs])
    secret_list = [secrets] if isinstance(secrets, str) else list(secrets)
    secret_array = _string_array("secrets", secret_list)
    window = -1 if window_seconds is None else i64("window_seconds", window_seconds)
    refusal = ctypes.c_int32(-1)
    common = (cstr("method", method), cstr("registered_url", registered_url), names, values, len(pairs), raw,
              len(raw), secret_array, len(secret_list), window)
    if now is None:
        status = lib.vipps_webhook_verify(*common, ctypes.byref(refusal))
    else:
        status = lib.vipps_webhook_verify_at(*common, i64("now", now), ctypes.byref(refusal))
    if status == Status.AUTHENTICATION and refusal.value > 0:
        error = last_error(status)
        refused = WebhookRefused(error.status, error.message)
        refused.reason = WebhookRefusal(refusal.value) if refusal.value in WebhookRefusal._value2member_map_ \
            else refusal.value  # type: ignore[assignment]
        refused.reason_code = text(lib.vipps_webhook_refusal_string(refusal.value)) or "unknown"
        raise refused
    check(status)
    return parse_webhook_event(raw)


def parse_webhook_event(body: bytes) -> WebhookEvent:
    """Reads a webhook body (verify it first). An unknown event name gives kind UNKNOWN."""
    lib = _library.load()
    raw = _bytes("body", body)
    out = ctypes.c_void_p()
    check(lib.vipps_webhook_event_parse(raw, len(raw), ctypes.byref(out)))
    e = out.value
    try:
        return WebhookEvent(
            kind=EventKind(int(lib.vipps_webhook_event_kind(e))),
            name=text(lib.vipps_webhook_event_name(e)) or "",
            event_type=text(lib.vipps_webhook_event_type(e)),
            msn=text(lib.vipps_webhook_event_msn(e)),
            reference=text(lib.vipps_webhook_event_reference(e)),
            psp_reference=text(lib.vipps_webhook_event_psp_reference(e)),
            amount=int(lib.vipps_webhook_event_amount(e)),
            currency=text(lib.vipps_webhook_event_currency(e)),
            idempotency_key=text(lib.vipps_webhook_event_idempotency_key(e)),
            success=bool(lib.vipps_webhook_event_success(e)),
            timestamp=text(lib.vipps_webhook_event_timestamp(e)),
            json=text(lib.vipps_webhook_event_json(e)) or "",
        )
    finally:
        lib.vipps_webhook_event_free(e)


def userinfo_from(lib: ctypes.CDLL, handle: int) -> Userinfo:
    verified = int(lib.vipps_userinfo_email_verified(handle))
    return Userinfo(
        sub=text(lib.vipps_userinfo_sub(handle)) or "",
        name=text(lib.vipps_userinfo_name(handle)),
        given_name=text(lib.vipps_userinfo_given_name(handle)),
        family_name=text(lib.vipps_userinfo_family_name(handle)),
        email=text(lib.vipps_userinfo_email(handle)),
        email_verified=None if verified < 0 else bool(verified),
        phone_number=text(lib.vipps_userinfo_phone_number(handle)),
        birthdate=text(lib.vipps_userinfo_birthdate(handle)),
        nin=text(lib.vipps_userinfo_nin(handle)),
        street_address=text(lib.vipps_userinfo_street_address(handle)),
        postal_code=text(lib.vipps_userinfo_postal_code(handle)),
        region=text(lib.vipps_userinfo_region(handle)),
        country=text(lib.vipps_userinfo_country(handle)),
        formatted_address=text(lib.vipps_userinfo_formatted_address(handle)),
        address_type=text(lib.vipps_userinfo_address_type(handle)),
        json=text(lib.vipps_userinfo_json(handle)) or "",
    )
