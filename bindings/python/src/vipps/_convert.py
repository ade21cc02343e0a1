"""Conversions at the ctypes boundary."""

from __future__ import annotations

import ctypes

from ._errors import invalid_argument

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1


def cstr(field: str, value: str | bytes | None, *, optional: bool = False) -> bytes | None:
    """UTF-8 bytes for a `const char *` parameter. NUL characters are refused (C would silently
    cut the string there). None passes as NULL (the library reports required fields)."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError:
            raise invalid_argument(field, "is not valid Unicode (lone surrogate)") from None
    elif isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    else:
        raise TypeError(f"{field} must be str, not {type(value).__name__}")
    if b"\0" in data:
        raise invalid_argument(field, "must not contain NUL characters")
    return data


def i64(field: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field} must be int, not {type(value).__name__}")
    if not INT64_MIN <= value <= INT64_MAX:
        raise invalid_argument(field, "is out of range")
    return value


def i32(field: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{field} must be int, not {type(value).__name__}")
    if not INT32_MIN <= value <= INT32_MAX:
        raise invalid_argument(field, "is out of range")
    return value


def text(value: bytes | None) -> str | None:
    """A `const char *` result (already copied by ctypes) as str."""
    return None if value is None else value.decode("utf-8", "replace")


def take_string(lib: ctypes.CDLL, pointer: ctypes.c_void_p) -> str:
    """Copies a library-allocated `char *` out-parameter and frees it with vipps_string_free."""
    address = pointer.value
    if not address:
        return ""
    try:
        return ctypes.string_at(address).decode("utf-8", "replace")
    finally:
        lib.vipps_string_free(address)
