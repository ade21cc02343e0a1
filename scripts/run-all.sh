#!/usr/bin/env bash
# Runs each program given, even after one fails, and fails if any failed: one run shows every
# broken suite.
status=0
for program in "$@"; do
  "$program" || { echo "run-all: $program failed" >&2; status=1; }
done
exit $status
