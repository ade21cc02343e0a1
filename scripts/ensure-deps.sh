#!/usr/bin/env bash
# Checks for what building and testing libvipps needs, and installs the missing Debian packages
# when it can (root with apt-get); otherwise prints the exact command to run and fails.
#   scripts/ensure-deps.sh library -> swift, a C compiler, OpenSSL headers, pkg-config (the library alone,
#                                     as the Python sdist builds it)
#   scripts/ensure-deps.sh build   -> the library set plus libqrencode headers (the simulator's QR codes)
#   scripts/ensure-deps.sh test    -> the above plus g++ (header check), openssl (TLS tests), curl
#                                     (simulator control), PHP 8.2 with phpize, Python's venv, json-c
#                                     (the C runner of the shared test corpus), chromium and its
#                                     driver (the demo's browser test), zbarimg (reads the simulator's QR
#                                     codes back)
#   scripts/ensure-deps.sh bench   -> the build set plus what `make bench` compares libvipps with:
#                                     nginx (the TLS peer), wrk (load generator), libcurl and json-c
#                                     headers (the C baseline), PHP's curl extension, Python's venv
#   scripts/ensure-deps.sh packages -> the build set plus Debian's packaging tools (dpkg-buildpackage,
#                                     debhelper, dh-php, dh-python, lintian, chrpath), pecl (php-pear) and PHP 8.2's
#                                     development files (make deb, make test-packages)
# With --no-install as second argument it only checks: it prints the apt-get line and fails.
set -euo pipefail
install=yes
[ "${2:-}" = --no-install ] && install=no
need=()
command -v swift >/dev/null || { echo "ensure-deps: the Swift 6.3 toolchain is missing (swift not on PATH)" >&2; exit 1; }
command -v gcc >/dev/null || need+=(gcc)
command -v pkg-config >/dev/null || need+=(pkg-config)
pkg-config --exists openssl 2>/dev/null || need+=(libssl-dev)
[ "${1:-build}" = library ] || pkg-config --exists libqrencode 2>/dev/null || need+=(libqrencode-dev)
command -v make >/dev/null || need+=(make)
if [ "${1:-build}" = test ]; then
  command -v g++ >/dev/null || need+=(g++)
  command -v openssl >/dev/null || need+=(openssl)
  command -v curl >/dev/null || need+=(curl)
  command -v php8.2 >/dev/null || need+=(php8.2-cli)
  command -v phpize >/dev/null || need+=(php8.2-dev)
  python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
  pkg-config --exists json-c 2>/dev/null || need+=(libjson-c-dev)
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
  command -v zbarimg >/dev/null || need+=(zbar-tools)
  # make check-generated remakes the PHP arginfo with gen_stub.php, which needs PHP-Parser.
  [ -d /usr/share/php/PhpParser ] || need+=(php-parser)
  # The token-sharing tests: Redis across processes standing in for hosts (Python and PHP).
  command -v redis-server >/dev/null || need+=(redis-server)
  php -m 2>/dev/null | grep -x redis >/dev/null || need+=(php8.2-redis)
fi
if [ "${1:-build}" = bench ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
  command -v wrk >/dev/null || need+=(wrk)
  command -v openssl >/dev/null || need+=(openssl)
  pkg-config --exists libcurl 2>/dev/null || need+=(libcurl4-openssl-dev)
  pkg-config --exists json-c 2>/dev/null || need+=(libjson-c-dev)
  command -v php8.2 >/dev/null || need+=(php8.2-cli)
  command -v phpize >/dev/null || need+=(php8.2-dev)
  # grep without -q: it must read all of php's output, or pipefail sees php die of SIGPIPE.
  php -m 2>/dev/null | grep -x curl >/dev/null || need+=(php8.2-curl)
  python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
fi
if [ "${1:-build}" = packages ]; then
  command -v dpkg-buildpackage >/dev/null || need+=(dpkg-dev)
  command -v dh >/dev/null || need+=(debhelper)
  command -v dh_php >/dev/null || need+=(dh-php)
  command -v dh_python3 >/dev/null || need+=(dh-python)
  command -v lintian >/dev/null || need+=(lintian)
  command -v chrpath >/dev/null || need+=(chrpath)
  command -v help2man >/dev/null || need+=(help2man)
  command -v fakeroot >/dev/null || need+=(fakeroot)
  command -v pecl >/dev/null || need+=(php-pear)
  command -v phpize8.2 >/dev/null || need+=(php8.2-dev)
  command -v php8.2 >/dev/null || need+=(php8.2-cli)
  python3 -c 'import venv, ensurepip' 2>/dev/null || need+=(python3-venv)
fi
if [ "${1:-build}" = test ] && [ $install = yes ] && ! python3 -c 'import yaml, jsonschema, openapi_schema_validator' 2>/dev/null; then
  echo "ensure-deps: installing the conformance test's Python packages"
  python3 -m pip install --quiet PyYAML jsonschema openapi-schema-validator openapi-spec-validator
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ $install = yes ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-deps: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
else
  echo "ensure-deps: missing Debian packages: ${need[*]}" >&2
  echo "ensure-deps: run: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
