#!/usr/bin/env bash
# Runs the README's "A whole ePayment payment with curl" exactly as written there (the lines
# between its walkthrough markers), against the simulator scripts/with-simulator.sh started, then
# checks what the payment ended as. Keeps the README true: a step that stops working fails here.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=$(sed -n '/<!-- walkthrough:begin -->/,/<!-- walkthrough:end -->/p' README.md | sed '1,2d;$d' | sed '$d')
[ -n "$script" ] || { echo "readme walkthrough: no walkthrough block in README.md" >&2; exit 1; }
# The README's first line names the simulator as vipps-sim prints it; here it is the test's.
export SIM="$VIPPS_SIM_URL" CA="$VIPPS_SIM_CA"
out=$(bash -euo pipefail -c "$(printf '%s\n' "$script" | sed '1d')" 2>&1) || {
  echo "readme walkthrough: a step failed; its output:" >&2
  printf '%s\n' "$out" >&2
  exit 1
}
printf '%s\n' "$out" | tail -n 3
last=$(printf '%s\n' "$out" | tail -n 1)
for want in '"name":"CREATED"' '"name":"AUTHORIZED"' '"name":"CAPTURED"' '"name":"REFUNDED"'; do
  case "$last" in *"$want"*) ;; *) echo "readme walkthrough: the events lack $want: $last" >&2; exit 1 ;; esac
done
echo "readme walkthrough: passed"
