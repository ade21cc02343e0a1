#!/usr/bin/env bash
# The vipps command on ePayment with VIPPS_API from the config file: every subcommand, a
# capture's --text accepted and ignored, the exit codes by category, and --api before the
# subcommand overriding the file. Run under scripts/with-simulator.sh (make test-epayment).
set -u
cli=${1:?usage: cli_on_epayment.sh PATH/TO/vipps-cli}
failed=0
expect() { # expect WANT_STATUS LABEL -- command...
  local want=$1 label=$2; shift 3
  "$@" >/tmp/cli-ep-out.$$ 2>&1
  local got=$?
  if [ "$got" = "$want" ]; then echo "ok   $label"; else echo "FAIL $label: exit $got, wanted $want"; cat /tmp/cli-ep-out.$$; failed=1; fi
}
conf=$(mktemp)
trap 'rm -f "$conf" /tmp/cli-ep-out.$$' EXIT
cat > "$conf" <<C
VIPPS_BASE_URL=$VIPPS_SIM_URL
VIPPS_CA_FILE=$VIPPS_SIM_CA
VIPPS_CLIENT_ID=$VIPPS_SIM_CLIENT_ID
VIPPS_CLIENT_SECRET=$VIPPS_SIM_CLIENT_SECRET
VIPPS_SUBSCRIPTION_KEY=$VIPPS_SIM_SUBSCRIPTION_KEY
VIPPS_MSN=$VIPPS_SIM_MSN
VIPPS_API=epayment
C
v() { "$cli" "$@" --config "$conf"; }
order="cli-ep-$$-$(date +%s)"
out=$(v initiate "$order" --amount 1000 --text "CLI test" --callback-prefix https://shop.example/vipps \
  --fallback https://shop.example/done) || { echo "FAIL initiate"; exit 1; }
token=${out##*token=}
expect 0 "approve" -- v approve "$order" --token="$token"
expect 0 "wait" -- v wait "$order" --timeout 10
expect 0 "capture with --text (ignored)" -- v capture "$order" --amount 400 --text Shipped
expect 0 "capture with a key" -- v capture "$order" --amount 400 --text Shipped --idempotency-key "$order-c2"
expect 0 "refund with a key" -- v refund "$order" --amount 100 --text Back --idempotency-key "$order-r1"
expect 0 "cancel releases the rest" -- v cancel "$order" --text Rest
expect 0 "details" -- v details "$order"
grep -q "state      partially_refunded" /tmp/cli-ep-out.$$ || { echo "FAIL details state"; failed=1; }
expect 3 "not found" -- v details "no-such-order-$$"
expect 4 "refused (capture too much)" -- v capture "$order" --amount 99999 --text x
expect 2 "invalid argument" -- v capture "bad order" --amount 100 --text x
expect 5 "authentication" -- env VIPPS_CLIENT_SECRET=wrong-secret "$cli" details "$order" --config "$conf"
# --api before the subcommand wins over the file: eCom does not know an ePayment-created order.
expect 3 "--api ecom before the subcommand" -- "$cli" --api ecom details "$order" --config "$conf"
exit $failed
