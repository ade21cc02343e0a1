#!/usr/bin/env bash
# Tests the Debian packages in build/deb/ the way a user installs them: apt-get install, then,
# outside the source tree and with no VIPPS_* or PKG_CONFIG_PATH variable, the README's C example
# built with pkg-config, its Python snippet with /usr/bin/python3, its PHP snippet with php (the
# extension from conf.d), against vipps-sim started from PATH; the vipps command reads back what
# each snippet created. The packages are purged afterwards, also on failure, and nothing may be
# left. With a wheel in build/wheel/ (make wheel) the Python snippet also runs in a fresh venv, and
# with an sdist in build/sdist/ (make sdist) in another, after pip has built libvipps from it.
# Needs root (apt-get). make test-packages runs it after the other suites: while the packages
# are installed a suite could load the installed library instead of the staged one.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(libvipps0 libvipps-dev php8.2-vipps python3-vipps vipps-sim vipps-cli)
[ "$(id -u)" = 0 ] || { echo "test-packages: needs root (apt-get install)" >&2; exit 2; }
shopt -s nullglob
debs=("$root"/build/deb/*.deb)
[ ${#debs[@]} -eq ${#packages[@]} ] || { echo "test-packages: expected ${#packages[@]} packages in build/deb (make deb)" >&2; exit 2; }
for p in "${packages[@]}"; do
  if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok'; then
    echo "test-packages: $p is installed already; purge it first (apt-get purge ${packages[*]})" >&2
    exit 2
  fi
done

work=$(mktemp -d /tmp/vipps-packages.XXXXXX)
sim_pid=""
unit_pid=""
# What the packages install outside dpkg's own lists; none of it may survive the purge.
leftovers() {
  ls -d /usr/lib/*/libvipps* /usr/include/vipps.h /usr/lib/python3/dist-packages/vipps /usr/bin/vipps \
    /usr/bin/vipps-sim /etc/php/*/mods-available/vipps.ini /etc/php/*/*/conf.d/*vipps.ini \
    /lib/systemd/system/vipps-sim.service /usr/lib/systemd/system/vipps-sim.service \
    /usr/share/doc/libvipps* /usr/share/doc/vipps-* /usr/share/doc/php8.2-vipps /usr/share/doc/python3-vipps \
    "$(php-config8.2 --extension-dir 2>/dev/null)/vipps.so" 2>/dev/null || true
  ldconfig -p | grep libvipps || true
  dpkg-query -W -f '${Package} ${Status}\n' "${packages[@]}" 2>/dev/null | grep -v 'not-installed' || true
}
cleanup() {
  status=$?
  [ -n "$sim_pid" ] && { kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null || true; }
  [ -n "$unit_pid" ] && { kill "$unit_pid" 2>/dev/null; wait "$unit_pid" 2>/dev/null || true; }
  echo "test-packages: purging"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${packages[@]}" >/dev/null 2>&1 || true
  left=$(leftovers)
  rm -rf "$work"
  if [ -n "$left" ]; then
    echo "test-packages: left behind after purge:" >&2
    echo "$left" >&2
    status=1
  fi
  [ $status = 0 ] && echo "test-packages: passed (installed, used, purged, nothing left)"
  exit $status
}
trap cleanup EXIT
fail() { echo "test-packages: FAIL: $*" >&2; exit 1; }

echo "test-packages: apt-get install ./build/deb/*.deb"
cd "$root"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./build/deb/*.deb >/dev/null

cd "$work"
# The README's examples, taken from README.md as a reader copies them.
/usr/bin/python3 - "$root/README.md" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for section, language, name in (("C", "c", "shop.c"), ("Python", "python", "shop.py"), ("PHP", "php", "shop.php")):
    start = text.index(f"\n## Using it from {section}\n")
    block = re.compile(rf"^```{language}\n(.*?)^```", re.S | re.M).search(text, start)
    if block is None:
        sys.exit(f"no ```{language} block under 'Using it from {section}'")
    open(name, "w", encoding="utf-8").write(block.group(1))
PY

# vipps-sim from PATH; its CA lands in .vipps-sim/ where the snippets look for it. A free port,
# not the snippets' 8443, so that the test does not collide with a simulator already running.
command -v vipps-sim | grep -qx /usr/bin/vipps-sim || fail "vipps-sim is not /usr/bin/vipps-sim"
vipps-sim --port 0 > sim.out 2> sim.log &
sim_pid=$!
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^vipps-sim .* listening on \(.*\)$/\1/p' sim.out | head -n 1)
  [ -n "$url" ] && [ -f .vipps-sim/ca.pem ] && break
  kill -0 "$sim_pid" 2>/dev/null || { cat sim.log >&2; fail "vipps-sim exited"; }
  sleep 0.1
done
[ -n "$url" ] || fail "vipps-sim did not start"
echo "test-packages: vipps-sim at $url"
# Each snippet gets its own order id (one simulator for all three) and the simulator's port.
for lang in c py php; do
  sed -i -e "s|https://127.0.0.1:8443|$url|g" -e "s|acme-order-1001|acme-order-1001-$lang|g" "shop.$lang"
done

# A clean environment: nothing that points at a build tree.
clean_env=(env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8)

echo "test-packages: C example with pkg-config --cflags --libs vipps"
"${clean_env[@]}" sh -c 'cc -std=c99 -Wall -Werror -o shop shop.c $(pkg-config --cflags --libs vipps)'
"${clean_env[@]}" ./shop > c.out 2>&1 || { cat c.out >&2; fail "the C example failed"; }
grep -q "^send the customer to https://" c.out || { cat c.out >&2; fail "the C example printed no URL"; }

echo "test-packages: Python snippet with /usr/bin/python3"
"${clean_env[@]}" /usr/bin/python3 shop.py > py.out 2>&1 || { cat py.out >&2; fail "the Python snippet failed"; }
grep -q "^send the customer to https://" py.out || { cat py.out >&2; fail "the Python snippet printed no URL"; }
"${clean_env[@]}" /usr/bin/python3 -c 'import vipps, sys; print(vipps.__file__)' | grep -q '^/usr/lib/python3/dist-packages/vipps/' \
  || fail "python3 did not import the packaged vipps"

echo "test-packages: PHP snippet with php (extension from conf.d)"
php --ini | grep -q 'vipps.ini' || fail "vipps.ini is not in PHP's conf.d"
"${clean_env[@]}" php --ri vipps > ri.out || fail "php --ri vipps failed"
grep -q "libvipps library version => $(cat "$root/VERSION")" ri.out || { cat ri.out >&2; fail "php --ri vipps shows no library version"; }
grep -q "OpenSSL" ri.out || { cat ri.out >&2; fail "php --ri vipps shows no OpenSSL version"; }
"${clean_env[@]}" php shop.php > php.out 2>&1 || { cat php.out >&2; fail "the PHP snippet failed"; }

# The unit is installed, not enabled and not started. What the package does about it is in its
# postinst: debhelper's snippet for a unit it must not enable (it only re-creates links a user
# made, on an upgrade) and no start. The machine's own state is printed, not judged: a preset or
# an earlier install elsewhere on the machine can enable a unit without the package doing so.
unit=$(ls /lib/systemd/system/vipps-sim.service /usr/lib/systemd/system/vipps-sim.service 2>/dev/null | head -n 1)
[ -n "$unit" ] || fail "vipps-sim.service is not installed"
dpkg-deb --ctrl-tarfile "$root"/build/deb/vipps-sim_*.deb | tar -xO ./postinst > postinst 2>/dev/null || true
grep -q 'deb-systemd-helper debian-installed' postinst || { cat postinst >&2; fail "vipps-sim's postinst may enable the unit on a fresh install"; }
if grep -qE 'deb-systemd-invoke (start|restart)|systemctl (start|restart)|invoke-rc.d' postinst; then
  cat postinst >&2; fail "vipps-sim's postinst starts the unit"
fi
echo "test-packages: vipps-sim.service installed at $unit; systemctl is-enabled says:" \
  "$(systemctl is-enabled vipps-sim.service 2>&1 || true)"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
case "$exec_start" in
  "/usr/bin/vipps-sim --host 127.0.0.1 --port 8443 --state-dir /var/lib/vipps-sim") ;;
  *) fail "the unit's ExecStart changed ($exec_start): update this test" ;;
esac
# Its command as the unit runs it (an unprivileged user, a state directory of its own), on a
# free port instead of 8443.
chmod 0711 "$work" && mkdir -m 0777 unit-state
setpriv --reuid=nobody --regid=nogroup --clear-groups \
  /usr/bin/vipps-sim --host 127.0.0.1 --port 0 --state-dir "$work/unit-state" > unit.out 2> unit.log &
unit_pid=$!
for _ in $(seq 1 300); do grep -q ' listening on ' unit.out && break; kill -0 "$unit_pid" 2>/dev/null || break; sleep 0.1; done
grep -q ' listening on ' unit.out || { cat unit.log >&2; fail "vipps-sim did not start as the unit runs it"; }
kill "$unit_pid"; wait "$unit_pid" 2>/dev/null || true
unit_pid=""
[ -f unit-state/ca.pem ] || fail "vipps-sim, run as the unit runs it, wrote no CA to its state directory"

if command -v pecl >/dev/null; then
  # What a PECL user does, against the installed libvipps-dev.
  echo "test-packages: pecl package and pecl install against libvipps-dev"
  "${clean_env[@]}" "$root/scripts/check-pecl-install.sh" "$work/pecl" || fail "the PECL package did not install"
fi

if wheels=("$root"/build/wheel/vipps-*.whl) && [ ${#wheels[@]} -gt 0 ]; then
  echo "test-packages: Python snippet in a fresh venv with the wheel"
  sed "s|acme-order-1001-py|acme-order-1001-wheel|g" shop.py > wheel.py
  /usr/bin/python3 -m venv venv
  venv/bin/pip install --quiet --no-index "${wheels[0]}"
  "${clean_env[@]}" venv/bin/python wheel.py > wheel.out 2>&1 || { cat wheel.out >&2; fail "the snippet failed with the wheel"; }
  grep -q "^send the customer to https://" wheel.out || { cat wheel.out >&2; fail "the wheel's snippet printed no URL"; }
  "${clean_env[@]}" venv/bin/python -c 'import vipps._library as l; print(l.load()._name)' | grep -q "/venv/lib/" \
    || fail "the wheel did not load the library it carries"
fi

if sdists=("$root"/build/sdist/vipps-*.tar.gz) && [ ${#sdists[@]} -gt 0 ]; then
  # pip builds the wheel from the sdist, which builds libvipps from the sources it carries.
  echo "test-packages: Python snippet in a fresh venv with the sdist (pip builds libvipps)"
  sed "s|acme-order-1001-py|acme-order-1001-sdist|g" shop.py > sdist.py
  /usr/bin/python3 -m venv sdist-venv
  sdist-venv/bin/pip install --quiet "${sdists[0]}" > sdist-build.out 2>&1 \
    || { tail -30 sdist-build.out >&2; fail "pip install of the sdist failed"; }
  "${clean_env[@]}" sdist-venv/bin/python sdist.py > sdist.out 2>&1 || { cat sdist.out >&2; fail "the snippet failed with the sdist"; }
  grep -q "^send the customer to https://" sdist.out || { cat sdist.out >&2; fail "the sdist's snippet printed no URL"; }
  "${clean_env[@]}" sdist-venv/bin/python -c 'import vipps._library as l; print(l.load()._name)' | grep -q "/sdist-venv/lib/" \
    || fail "the sdist's build did not carry the library it built"
fi

echo "test-packages: vipps --help and vipps details from PATH"
command -v vipps | grep -qx /usr/bin/vipps || fail "vipps is not /usr/bin/vipps"
"${clean_env[@]}" vipps --help > help.out || fail "vipps --help failed"
grep -q "capture" help.out || fail "vipps --help does not list capture"
orders=(acme-order-1001-c acme-order-1001-py acme-order-1001-php)
[ -f wheel.py ] && orders+=(acme-order-1001-wheel)
[ -f sdist.py ] && orders+=(acme-order-1001-sdist)
for order in "${orders[@]}"; do
  "${clean_env[@]}" VIPPS_BASE_URL="$url" VIPPS_CA_FILE=.vipps-sim/ca.pem VIPPS_CLIENT_ID=vipps-sim-client \
    VIPPS_CLIENT_SECRET=vipps-sim-secret VIPPS_SUBSCRIPTION_KEY=vipps-sim-subscription-key VIPPS_MSN=123456 \
    vipps details "$order" --json > "details-$order.json" || fail "vipps details $order failed (did the snippet create it?)"
  grep -q "$order" "details-$order.json" || fail "vipps details $order does not name the order"
done
