#!/usr/bin/env bash
# Fails unless libvipps.so has the properties a C shop relies on:
#   - self-contained: no Swift runtime, Foundation or Dispatch library in NEEDED (static stdlib)
#   - the soname libvipps.so.<major>
#   - exports exactly the vipps_* functions, and every function that include/vipps.h declares
#   - library sources import no Foundation at all: Foundation would add ICU (~50 MB), and even
#     FoundationEssentials added 6 MB for what a hand-written JSON reader and writer now do
set -euo pipefail
lib=${1:?usage: check-library.sh path/to/libvipps.so expected-soname}
soname=${2:?usage: check-library.sh path/to/libvipps.so expected-soname}
header=include/vipps.h
fail() { echo "check-library: $*" >&2; exit 1; }

needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if echo "$needed" | grep -Eq 'swift|Foundation|dispatch|BlocksRuntime'; then
  fail "$lib depends on the Swift runtime: $(echo $needed)"
fi
actual_soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$actual_soname" = "$soname" ] || fail "soname is '$actual_soname', expected '$soname'"

# Every defined dynamic symbol, local or global: the table must hold the C ABI and nothing else.
dynamic=$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | sort -u)
stray=$(echo "$dynamic" | grep -v '^vipps_' || true)
[ -z "$stray" ] || fail "dynamic symbol table holds more than vipps_*: $(echo $stray | head -c 300)"
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u)

# A prototype line starts with VIPPS_API and its return type; the declared name is the
# identifier before "(".
declared=$(grep -oE '^VIPPS_API [a-z_ 0-9]*[ *]vipps_[a-z0-9_]+\(' "$header" | grep -oE 'vipps_[a-z0-9_]+\($' | tr -d '(' | sort -u)
[ -n "$declared" ] || fail "no VIPPS_API declarations found in $header"
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
[ -z "$missing" ] || fail "declared in $header but not exported: $(echo $missing)"
extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
[ -z "$extra" ] || fail "exported but not declared in $header: $(echo $extra)"

# The host's signals and stderr are its own: the runtime's backtracer (which reads
# SWIFT_BACKTRACE at load and installs signal handlers) must not be linked in, and a dlclose must
# not unmap the library (a thread-exit destructor points into it).
if grep -aq 'unable to locate swift-backtrace' "$lib"; then
  fail "the Swift runtime's backtracer is linked in (it installs signal handlers when SWIFT_BACKTRACE is set)"
fi
readelf -d "$lib" | grep -q 'FLAGS_1.*NODELETE' || fail "$lib is not linked with -z nodelete"

if grep -rnE '^\s*(@_exported\s+)?import\s+(Foundation|FoundationEssentials|FoundationNetworking)\s*$' Sources/VippsHTTP Sources/VippsCore Sources/VippsABI; then
  fail "library code must not import Foundation or FoundationEssentials"
fi
echo "check-library: $lib ok (soname $soname, $(echo "$exported" | wc -l) vipps_* functions, NEEDED: $(echo $needed))"
