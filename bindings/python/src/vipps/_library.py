"""Finding and loading libvipps.

Search order (the first that loads wins):

1. ``VIPPS_LIBRARY``: a path to the shared library. When set it is the only candidate, so a
   wrong path is reported rather than silently replaced by another copy.
2. A ``libvipps.so*`` next to this file (a wheel that bundles the library).
3. ``ctypes.util.find_library("vipps")`` (ldconfig's cache, ``LD_LIBRARY_PATH`` on some systems).
4. ``libvipps.so.0`` through the dynamic loader's own search (``LD_LIBRARY_PATH``, ldconfig,
   the default directories).

The library's major version must equal the one this binding was written for.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import threading

from . import _ffi

__all__ = ["LibraryNotFound", "LibraryVersionMismatch", "load", "ENV_VAR"]

ENV_VAR = "VIPPS_LIBRARY"
SONAME = "libvipps.so.0"


class LibraryNotFound(ImportError):
    """libvipps could not be found or loaded. The message lists where the binding looked."""


class LibraryVersionMismatch(ImportError):
    """The libvipps that was loaded has a different major version than this binding expects."""


_lock = threading.Lock()
_lib: ctypes.CDLL | None = None


def _candidates() -> list[tuple[str, str]]:
    """(description, name-or-path) pairs in the order they are tried."""
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        return [(f"${ENV_VAR}", explicit)]
    found: list[tuple[str, str]] = []
    here = os.path.dirname(os.path.abspath(__file__))
    bundled = sorted(glob.glob(os.path.join(here, "libvipps.so*")), key=len)
    if bundled:
        found.extend(("next to the package", path) for path in bundled)
    else:
        found.append(("next to the package", os.path.join(here, "libvipps.so*") + " (none)"))
    by_util = ctypes.util.find_library("vipps")
    if by_util:
        found.append(('ctypes.util.find_library("vipps")', by_util))
    else:
        found.append(('ctypes.util.find_library("vipps")', "(nothing found)"))
    found.append(("the dynamic loader's search path", SONAME))
    return found


def _version_major(number: int) -> int:
    return number // 1_000_000


def _open() -> ctypes.CDLL:
    tried: list[str] = []
    for where, name in _candidates():
        if name.endswith("(none)") or name == "(nothing found)":
            tried.append(f"  - {where}: {name}")
            continue
        try:
            lib = ctypes.CDLL(name)
        except OSError as error:
            tried.append(f"  - {where}: {name}: {error}")
            continue
        try:
            _ffi.declare(lib)
        except AttributeError as error:
            tried.append(f"  - {where}: {name}: not a compatible libvipps ({error})")
            continue
        number = int(lib.vipps_version_number())
        if _version_major(number) != _version_major(_ffi.HEADER_VERSION_NUMBER):
            version = (lib.vipps_version() or b"?").decode("utf-8", "replace")
            raise LibraryVersionMismatch(
                f"{name} is libvipps {version} (version number {number}); this binding needs "
                f"libvipps {_version_major(_ffi.HEADER_VERSION_NUMBER)}.x (written for "
                f"{_ffi.HEADER_VERSION}). Install a matching libvipps or set {ENV_VAR}.",
                name="vipps",
                path=name,
            )
        return lib
    raise LibraryNotFound(
        "libvipps could not be loaded. Looked in:\n"
        + "\n".join(tried)
        + f"\nFix: set {ENV_VAR}=/path/to/libvipps.so.0 (for a source checkout: "
        "`make stage`, then build/stage/lib/libvipps.so.0), or install libvipps "
        "(`make install PREFIX=...`) where the dynamic loader finds it (ldconfig or LD_LIBRARY_PATH).",
        name="vipps",
    )


def load() -> ctypes.CDLL:
    """Returns the loaded library (loading it on first use). Raises LibraryNotFound or
    LibraryVersionMismatch (both ImportError)."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            _lib = _open()
        return _lib
