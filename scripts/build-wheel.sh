#!/usr/bin/env bash
# Builds the Python wheel that carries libvipps (build/wheel/vipps-VERSION-py3-none-linux_*.whl):
# the binding plus the release library (make library) as vipps/libvipps.so.0, found next to the
# package with no environment variable. The library links the system's OpenSSL 3, so the wheel is
# for Debian 12 and its kin, not manylinux.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(cat VERSION)
lib=build/lib/libvipps.so.$version
[ -f "$lib" ] || { echo "build-wheel: $lib is not built (make library)" >&2; exit 2; }
src=build/wheel-src
rm -rf "$src" build/wheel && mkdir -p build/wheel
cp -r bindings/python "$src"
rm -rf "$src"/tests "$src"/build "$src"/src/*.egg-info
find "$src" -name __pycache__ -prune -exec rm -rf {} +
cp "$lib" "$src/src/vipps/libvipps.so.0"
python3 -m pip wheel --quiet --no-deps -w build/wheel "$src"
ls build/wheel
