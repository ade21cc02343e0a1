"""Loading, version check, and the ctypes declarations against vipps.h."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys

import pytest

import vipps
from vipps import _ffi

HEADER = pathlib.Path(__file__).resolve().parents[3] / "include" / "vipps.h"


def test_library_loads_and_version_matches() -> None:
    assert vipps.library_version().split(".")[0] == vipps.HEADER_VERSION.split(".")[0]


@pytest.mark.skipif(not HEADER.exists(), reason=f"{HEADER} not found (not a source checkout)")
def test_every_header_function_is_declared() -> None:
    prototype = re.compile(r"^VIPPS_API (?:const\s+)?[a-z_0-9]+\s*\**\s*(vipps_[a-z0-9_]+)\(", re.MULTILINE)
    declared = set(prototype.findall(HEADER.read_text()))
    assert len(declared) > 100
    assert declared == set(_ffi.SIGNATURES)
    assert {"vipps_payment_get_status", "vipps_shipping_response_json"} <= set(_ffi.DEPRECATED)


@pytest.mark.skipif(not HEADER.exists(), reason=f"{HEADER} not found (not a source checkout)")
def test_header_version_matches_binding() -> None:
    match = re.search(r"#define VIPPS_VERSION_NUMBER (\d+)", HEADER.read_text())
    assert match and int(match.group(1)) // 1_000_000 == _ffi.HEADER_VERSION_NUMBER // 1_000_000


def _run(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, timeout=60
    )


def test_wrong_vipps_library_path_is_reported() -> None:
    result = _run(
        "import vipps\n"
        "try:\n    vipps.load_library()\n"
        "except ImportError as e:\n    print(type(e).__name__); print(e)\n",
        VIPPS_LIBRARY="/nonexistent/libvipps.so.0",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("LibraryNotFound")
    assert "/nonexistent/libvipps.so.0" in result.stdout
    assert "VIPPS_LIBRARY" in result.stdout


def test_library_not_found_is_an_import_error() -> None:
    assert issubclass(vipps.LibraryNotFound, ImportError)
    assert issubclass(vipps.LibraryVersionMismatch, ImportError)


def test_library_next_to_the_package_is_found(tmp_path: pathlib.Path) -> None:
    """A copy of the package with libvipps.so.0 beside it loads without VIPPS_LIBRARY."""
    import shutil

    source = pathlib.Path(vipps.__file__).parent
    library = pathlib.Path(vipps.load_library())
    if not library.is_file():
        pytest.skip("the loaded library has no file path to copy")
    package = tmp_path / "vipps"
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(library, package / "libvipps.so.0")
    env = {k: v for k, v in os.environ.items() if k != "VIPPS_LIBRARY"}
    env["PYTHONPATH"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", "import vipps; print(vipps.__file__); print(vipps.load_library())"],
        env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(package)) and lines[1] == str(package / "libvipps.so.0")


def test_major_version_mismatch_is_refused() -> None:
    result = _run(
        "from vipps import _ffi\n"
        "_ffi.HEADER_VERSION_NUMBER = 1_000_000\n"
        "import vipps\n"
        "try:\n    vipps.load_library()\n"
        "except vipps.LibraryVersionMismatch as e:\n    print('mismatch:', e)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mismatch:") and "1.x" in result.stdout
