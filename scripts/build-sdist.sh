#!/usr/bin/env bash
# Builds the Python source distribution (build/sdist/vipps-VERSION.tar.gz): the binding, plus the
# library's own sources under libvipps/ (the Swift targets of the library product, the header,
# the Makefile and the two scripts its `library` target runs). `pip install` of it builds
# libvipps with the Swift toolchain (VIPPS_LIBRARY_ONLY: no package dependencies, no network) and
# carries it like the wheel does. Only files git tracks go in.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(cat VERSION)
mkdir -p build/sdist
rm -f build/sdist/vipps-*.tar.gz
python3 - "$version" <<'PY'
import gzip, io, subprocess, sys, tarfile

version = sys.argv[1]
root = f"vipps-{version}"
library = ("Package.swift", "VERSION", "Makefile", "include/", "build-support/vipps.map",
           "build-support/vipps.pc.in", "scripts/ensure-deps.sh", "scripts/check-library.sh",
           "Sources/COpenSSL/", "Sources/CVipps/", "Sources/VippsHTTP/", "Sources/VippsCore/",
           "Sources/VippsABI/")
tracked = subprocess.run(["git", "ls-files", "-z"], check=True, capture_output=True).stdout.decode().split("\0")
binding = [p for p in tracked if p.startswith("bindings/python/") and not p.startswith("bindings/python/tests/")]
members = [(p, f"{root}/{p[len('bindings/python/'):]}") for p in binding]
members += [(p, f"{root}/libvipps/{p}") for p in tracked if p and any(
    p == entry or (entry.endswith("/") and p.startswith(entry)) for entry in library)]
if not any(name.endswith("/libvipps/Package.swift") for _, name in members):
    sys.exit("build-sdist: the library's sources are missing from the file list")

# Core metadata (the sdist's PKG-INFO); pyproject.toml stays the source of the rest.
pkg_info = (f"Metadata-Version: 2.1\nName: vipps\nVersion: {version}\n"
            "Summary: Python binding of libvipps, a Vipps payment library (ctypes)\n"
            "Requires-Python: >=3.11\n").encode()

def add(tar, name, data, mode=0o644):
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), mode, 0
    tar.addfile(info, io.BytesIO(data))

out = f"build/sdist/{root}.tar.gz"
with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
        tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
    add(tar, f"{root}/PKG-INFO", pkg_info)
    for path, name in sorted(members, key=lambda m: m[1]):
        with open(path, "rb") as f:
            data = f.read()
        add(tar, name, data, 0o755 if path.endswith(".sh") else 0o644)
print(out)
PY
