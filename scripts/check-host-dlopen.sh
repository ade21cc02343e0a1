#!/usr/bin/env bash
# Runs bindings/c/tests/host_dlopen (a host that dlopens and dlcloses libvipps) with the
# environments a host may have: no SWIFT_BACKTRACE, backtracing asked for without the helper
# binary, and asked for with the toolchain's swift-backtrace. Each must leave the host's signals
# and stderr alone.
#
#   scripts/check-host-dlopen.sh path/to/host_dlopen path/to/libvipps.so.0
set -euo pipefail
host=${1:?usage: check-host-dlopen.sh HOST_DLOPEN LIBVIPPS}
lib=${2:?usage: check-host-dlopen.sh HOST_DLOPEN LIBVIPPS}
backtracer=$(dirname "$(readlink -f "$(command -v swift)")")/../libexec/swift/linux/swift-backtrace
status=0
run() {
  echo "check-host-dlopen: $1"
  shift
  env "$@" "$host" "$lib" || status=1
}
run "without SWIFT_BACKTRACE" -u SWIFT_BACKTRACE
run "SWIFT_BACKTRACE=enable=yes" SWIFT_BACKTRACE=enable=yes
if [ -x "$backtracer" ]; then
  run "SWIFT_BACKTRACE with swift-backtrace" "SWIFT_BACKTRACE=enable=yes,swift-backtrace=$backtracer"
fi
exit $status
