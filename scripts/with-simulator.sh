#!/usr/bin/env bash
# Runs a command against a freshly started vipps-sim, then stops the simulator.
#
#   scripts/with-simulator.sh path/to/vipps-sim STATE_DIR -- command args...
#
# The simulator listens on a free loopback port over HTTPS with its own CA. The command gets:
#   VIPPS_SIM_URL  base URL, e.g. https://127.0.0.1:40123
#   VIPPS_SIM_CA   the CA certificate to trust (PEM)
#   VIPPS_SIM_CLIENT_ID, VIPPS_SIM_CLIENT_SECRET, VIPPS_SIM_SUBSCRIPTION_KEY, VIPPS_SIM_MSN
# VIPPS_SIM_ARGS adds options to the simulator's command line (more sales units, their markets).
# The command's exit status is the script's. The simulator's log goes to STATE_DIR/vipps-sim.log.
set -euo pipefail
sim=${1:?usage: with-simulator.sh VIPPS_SIM STATE_DIR -- COMMAND...}
state=${2:?usage: with-simulator.sh VIPPS_SIM STATE_DIR -- COMMAND...}
shift 2
[ "${1:-}" = "--" ] && shift
[ -x "$sim" ] || { echo "with-simulator: $sim is not built" >&2; exit 2; }

mkdir -p "$state"
out="$state/vipps-sim.out"
log="$state/vipps-sim.log"
: > "$out"
# shellcheck disable=SC2086 # VIPPS_SIM_ARGS is a list of options
"$sim" --port 0 --state-dir "$state" ${VIPPS_SIM_ARGS:-} >"$out" 2>"$log" &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT

url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^vipps-sim .* listening on \(.*\)$/\1/p' "$out" | head -n 1)
  ca=$(sed -n 's/^vipps-sim CA certificate: \(.*\)$/\1/p' "$out" | head -n 1)
  [ -n "$url" ] && [ -n "$ca" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "with-simulator: vipps-sim exited; its log:" >&2; cat "$log" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { echo "with-simulator: vipps-sim did not start within 30 s" >&2; cat "$log" >&2; exit 2; }

export VIPPS_SIM_URL="$url" VIPPS_SIM_CA="$ca"
export VIPPS_SIM_CLIENT_ID=vipps-sim-client VIPPS_SIM_CLIENT_SECRET=vipps-sim-secret
export VIPPS_SIM_SUBSCRIPTION_KEY=vipps-sim-subscription-key VIPPS_SIM_MSN=123456
echo "with-simulator: vipps-sim at $url (pid $pid)"
set +e
"$@"
status=$?
set -e
exit $status
