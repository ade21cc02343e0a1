#!/usr/bin/env bash
# Builds the vipps PHP extension and runs the PHP tests.
#
#   bindings/php/test.sh STAGE_DIR [VIPPS_SIM]
#
# STAGE_DIR is where `make stage` installed libvipps (lib/, include/, lib/pkgconfig/).
# With VIPPS_SIM (the vipps-sim binary) the simulator tests run too, through
# scripts/with-simulator.sh; without it they are skipped. Needs php8.2-cli and php8.2-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
stage=$(cd "${1:?usage: test.sh STAGE_DIR [VIPPS_SIM]}" && pwd)
sim=${2:-}
run_tests=/usr/lib/php/$(php-config --phpapi)/build/run-tests.php
[ -f "$run_tests" ] || run_tests="$here/ext/run-tests.php"   # phpize copies it into ext/

cd "$here/ext"
export PKG_CONFIG_PATH="$stage/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[ -f configure ] || phpize
[ -f Makefile ] || ./configure --with-vipps
make -j"$(nproc)"

# -d ffi.enable=0: the extension must not need FFI.
ext_tests=(php "$run_tests" -q --show-diff -d "extension=$here/ext/modules/vipps.so" -d ffi.enable=0 "$here/ext/tests")
# run-tests.php exits 1 when a test fails (or leaks or is borked).
check() { NO_INTERACTION=1 "$@"; }
# Client::persistent's test starts PHP's built-in server with the extension.
export VIPPS_PHP_EXTENSION="$here/ext/modules/vipps.so"
# The Redis token store's test needs a redis-server (scripts/with-redis.sh); without one it skips.
with_redis=()
command -v redis-server >/dev/null && with_redis=("$root/scripts/with-redis.sh" "$root/build/redis-php" --)
if [ -n "$sim" ]; then
  check "${with_redis[@]}" "$root/scripts/with-simulator.sh" "$sim" "$root/build/sim-php" -- "${ext_tests[@]}"
else
  check "${ext_tests[@]}"
fi
