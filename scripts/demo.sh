#!/usr/bin/env bash
# The libvipps demo web shop against vipps-sim.
#
#   scripts/demo.sh STAGE_DIR SIM_BINARY [--auto|--browser]
#
# Starts vipps-sim (HTTPS, free port, state in build/sim-shop) and the demo shop
# (examples/shop/shop.py, on $SHOP_PORT or a free port), using the Python binding from source
# (bindings/python/src) and STAGE_DIR/lib/libvipps.so.0.
# The simulator has two sales units: 123456 (Vipps, NOK) and 223344 (MobilePay Denmark, DKK), and
# sends webhook retries 60 times sooner than Vipps. $DEMO_API (ecom or epayment) is the API the
# product page starts on; the page switches between them.
#   interactive: prints the URLs to open and waits; Ctrl-C stops both.
#   --auto:      drives the six steps headless through the real pages (examples/shop/drive.py): on
#                eCom a regular and an express payment, on ePayment Vipps, MobilePay and QR
#                payments; exits 0 only if every step succeeded on both APIs.
#   --browser:   the same in headless Chromium (examples/shop/browser_test.py, selenium; screenshots
#                in build/demo-screens); skips with a message if chromium or selenium is missing.
#                $BROWSER_PYTHON is the Python that has selenium (default: build/demo-venv/bin/python).
set -euo pipefail
usage="usage: demo.sh STAGE_DIR SIM_BINARY [--auto|--browser]"
stage=${1:?$usage}
sim=${2:?$usage}
auto=0
case "${3:-}" in
  --auto) auto=1 ;;
  --browser) auto=2 ;;
  "") ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
stage=$(cd "$stage" 2>/dev/null && pwd) || { echo "demo: $1 does not exist (run: make stage)" >&2; exit 2; }
lib="$stage/lib/libvipps.so.0"
[ -e "$lib" ] || { echo "demo: $lib is missing (run: make stage)" >&2; exit 2; }
[ -x "$sim" ] || { echo "demo: $sim is not built (run: make sim)" >&2; exit 2; }
python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  { echo "demo: the shop needs Python 3.11 or newer ($python)" >&2; exit 2; }

state="$root/build/sim-shop"
mkdir -p "$state"
sim_pid="" shop_pid=""
stop() {
  trap - EXIT INT TERM
  [ -n "$shop_pid" ] && kill "$shop_pid" 2>/dev/null && wait "$shop_pid" 2>/dev/null || true
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
}
trap stop EXIT
trap 'echo; echo "demo: stopping the shop and the simulator"; stop; exit 130' INT TERM

# wait_for FILE SED_EXPR PID WHAT: the first line of FILE matching SED_EXPR, within 30 s
wait_for() {
  local value=""
  for _ in $(seq 1 300); do
    value=$(sed -n "$2" "$1" | head -n 1)
    [ -n "$value" ] && { printf '%s\n' "$value"; return 0; }
    kill -0 "$3" 2>/dev/null || { echo "demo: $4 exited; its log:" >&2; cat "$1" "$1.err" >&2 2>/dev/null; return 1; }
    sleep 0.1
  done
  echo "demo: $4 did not start within 30 s" >&2
  return 1
}

# 1. the simulator
: > "$state/vipps-sim.out"
mobilepay_msn=223344
"$sim" --port 0 --state-dir "$state" --merchant-serial-number 123456 --merchant-serial-number "$mobilepay_msn" \
  --mobilepay-denmark "$mobilepay_msn" --webhook-time-compression 60 \
  >"$state/vipps-sim.out" 2>"$state/vipps-sim.out.err" &
sim_pid=$!
sim_url=$(wait_for "$state/vipps-sim.out" 's/^vipps-sim .* listening on \(.*\)$/\1/p' "$sim_pid" vipps-sim)
sim_ca=$(wait_for "$state/vipps-sim.out" 's/^vipps-sim CA certificate: \(.*\)$/\1/p' "$sim_pid" vipps-sim)

export VIPPS_SIM_URL="$sim_url" VIPPS_SIM_CA="$sim_ca"
export VIPPS_SIM_CLIENT_ID=vipps-sim-client VIPPS_SIM_CLIENT_SECRET=vipps-sim-secret
export VIPPS_SIM_SUBSCRIPTION_KEY=vipps-sim-subscription-key VIPPS_SIM_MSN=123456 VIPPS_SIM_MSN_DK=$mobilepay_msn
export VIPPS_LIBRARY="$lib"
export PYTHONPATH="$root/bindings/python/src${PYTHONPATH:+:$PYTHONPATH}"

# 2. the shop
: > "$state/shop.out"
"$python" "$root/examples/shop/shop.py" --port "${SHOP_PORT:-0}" --api "${DEMO_API:-ecom}" >"$state/shop.out" 2>"$state/shop.out.err" &
shop_pid=$!
shop_url=$(wait_for "$state/shop.out" 's/^shop listening on \(.*\)$/\1/p' "$shop_pid" "the shop")

echo "demo: vipps-sim at $sim_url (pid $sim_pid), shop at $shop_url (pid $shop_pid)"
echo "demo: logs in $state (vipps-sim.out.err, shop.out.err)"

if [ "$auto" != 0 ]; then
  set +e
  if [ "$auto" = 1 ]; then
    "$python" "$root/examples/shop/drive.py" --shop "$shop_url" --ca "$sim_ca" --api ecom &&
      "$python" "$root/examples/shop/drive.py" --shop "$shop_url" --ca "$sim_ca" --api epayment
  else
    browser_python=${BROWSER_PYTHON:-$root/build/demo-venv/bin/python}
    [ -x "$browser_python" ] || browser_python=$python
    "$browser_python" "$root/examples/shop/browser_test.py" --shop "$shop_url"
  fi
  status=$?
  set -e
  [ "$status" = 0 ] || { echo "demo: the shop's log:" >&2; tail -n 30 "$state/shop.out.err" >&2; }
  exit "$status"
fi

cat <<EOF

  Open the shop:       $shop_url/   (eCom: $shop_url/?api=ecom, ePayment: $shop_url/?api=epayment)
  Orders (step 5):     $shop_url/admin
  Settlement (step 6): $shop_url/admin/settlement

  On the Vipps landing page enter any 8-digit number, e.g. 91234567, then follow the link to the
  simulated phone and approve. On ePayment the shop hears of it by webhooks; "QR checkout" shows the
  code on the shop's page (it holds the landing page's URL). Ctrl-C stops the shop and the simulator.

EOF
# Wait for either process; if one dies, stop the other.
while kill -0 "$shop_pid" 2>/dev/null && kill -0 "$sim_pid" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
echo "demo: a process exited; see the logs in $state" >&2
exit 1
