"""Exceptions mirroring the vipps_status categories of vipps.h."""

from __future__ import annotations

import ctypes
from typing import Any

from . import _library
from ._constants import Status

__all__ = [
    "Status",
    "VippsError",
    "InvalidArgument",
    "NotAllowed",
    "NetworkError",
    "Timeout",
    "TLSError",
    "ProtocolError",
    "OutcomeUnknown",
    "AuthenticationError",
    "NotFound",
    "Rejected",
    "RateLimited",
    "ServerError",
    "InternalError",
]



class VippsError(Exception):
    """A libvipps call failed. The attributes come from the library's vipps_error.

    The message is the library's own and never contains the client secret, subscription key,
    access token or callback authToken.
    """

    status: int
    message: str
    http_status: int
    error_group: str | None
    error_code: str | None
    context_id: str | None
    retryable: bool
    outcome_unknown: bool
    request_id: str | None
    #: For InvalidArgument: the argument or setting that was refused ("amount"), else None.
    field: str | None

    def __init__(
        self,
        status: int,
        message: str,
        *,
        http_status: int = 0,
        error_group: str | None = None,
        error_code: str | None = None,
        context_id: str | None = None,
        retryable: bool = False,
        outcome_unknown: bool = False,
        request_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.http_status = http_status
        self.error_group = error_group
        self.error_code = error_code
        self.context_id = context_id
        self.retryable = retryable
        self.outcome_unknown = outcome_unknown
        self.request_id = request_id
        self.field = field

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        fields = [f"status={_status_name(self.status)}", f"message={self.message!r}"]
        if self.http_status:
            fields.append(f"http_status={self.http_status}")
        for name in ("error_group", "error_code", "context_id", "request_id", "field"):
            value = getattr(self, name)
            if value is not None:
                fields.append(f"{name}={value!r}")
        if self.retryable:
            fields.append("retryable=True")
        if self.outcome_unknown:
            fields.append("outcome_unknown=True")
        return f"{type(self).__name__}({', '.join(fields)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.status, self.message, dict(self.__dict__)))


def _rebuild(cls: type[VippsError], status: int, message: str, state: dict[str, Any]) -> VippsError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


def _status_name(status: int) -> str:
    try:
        return Status(status).name
    except ValueError:
        return str(status)


class InvalidArgument(VippsError, ValueError):
    """A caller mistake; nothing was sent. The message names the field."""


class NotAllowed(VippsError):
    """The library refuses the operation in this configuration; nothing was sent."""


class NetworkError(VippsError):
    """No connection could be made, or it broke before the request was sent. Safe to retry."""


class Timeout(VippsError):
    """A deadline passed on a request that changes nothing at Vipps. Safe to retry."""


class TLSError(VippsError):
    """The TLS handshake failed (certificate, host name, protocol version)."""


class ProtocolError(VippsError):
    """The answer was not valid HTTP or not the JSON Vipps documents."""


class OutcomeUnknown(VippsError):
    """A request that changes a payment may or may not have taken effect: read the details."""


class AuthenticationError(VippsError):
    """Vipps refused the credentials (HTTP 401/403), or a callback's Authorization did not match."""


class NotFound(VippsError):
    """Vipps does not know the order (HTTP 404, Merchant error 35)."""


class Rejected(VippsError):
    """Vipps refused the request (HTTP 4xx); error_group / error_code say why."""


class RateLimited(VippsError):
    """Vipps' rate limit (HTTP 429). Retry later."""


class ServerError(VippsError):
    """Vipps had a server error (HTTP 5xx). Retry later."""


class InternalError(VippsError):
    """A bug in libvipps. Please report it with the message."""


_BY_STATUS: dict[int, type[VippsError]] = {
    Status.INVALID_ARGUMENT: InvalidArgument,
    Status.NOT_ALLOWED: NotAllowed,
    Status.NETWORK: NetworkError,
    Status.TIMEOUT: Timeout,
    Status.TLS: TLSError,
    Status.PROTOCOL: ProtocolError,
    Status.OUTCOME_UNKNOWN: OutcomeUnknown,
    Status.AUTHENTICATION: AuthenticationError,
    Status.NOT_FOUND: NotFound,
    Status.REJECTED: Rejected,
    Status.RATE_LIMITED: RateLimited,
    Status.SERVER: ServerError,
    Status.INTERNAL: InternalError,
}


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", "replace")


def error_from_handle(lib: ctypes.CDLL, handle: int | None, status: int) -> VippsError:
    """Builds the exception for a vipps_error pointer (NULL: from the status alone)."""
    if not handle:
        text = _text(lib.vipps_status_string(status)) or "error"
        return _BY_STATUS.get(status, VippsError)(status, text)
    actual = int(lib.vipps_error_status(handle)) or status
    return _BY_STATUS.get(actual, VippsError)(
        actual,
        _text(lib.vipps_error_message(handle)) or "",
        http_status=int(lib.vipps_error_http_status(handle)),
        error_group=_text(lib.vipps_error_group(handle)),
        error_code=_text(lib.vipps_error_code(handle)),
        context_id=_text(lib.vipps_error_context_id(handle)),
        retryable=bool(lib.vipps_error_is_retryable(handle)),
        outcome_unknown=bool(lib.vipps_error_outcome_unknown(handle)),
        request_id=_text(lib.vipps_error_request_id(handle)),
        field=_text(lib.vipps_error_field(handle)),
    )


def last_error(status: int) -> VippsError:
    """The exception for the calling thread's vipps_error_last(). Call it right after the failing
    call, before any other libvipps call on this thread."""
    lib = _library.load()
    return error_from_handle(lib, lib.vipps_error_last(), status)


def check(status: int) -> None:
    """Raises the thread's last error if status is not VIPPS_OK."""
    if status != 0:
        raise last_error(status)


def invalid_argument(field: str, reason: str) -> InvalidArgument:
    """An InvalidArgument raised by the binding itself (before calling the library)."""
    return InvalidArgument(Status.INVALID_ARGUMENT, f"{field}: {reason}", field=field)
