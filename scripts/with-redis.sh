#!/usr/bin/env bash
# Runs a command against a freshly started redis-server on a unix socket, then stops it by pid.
#
#   scripts/with-redis.sh STATE_DIR -- command args...
#
# The server listens only on STATE_DIR/redis.sock (no TCP port, so parallel runs never collide)
# and keeps nothing on disk. The command gets VIPPS_REDIS_SOCKET. Its exit status is the script's.
set -euo pipefail
state=${1:?usage: with-redis.sh STATE_DIR -- COMMAND...}
shift
[ "${1:-}" = "--" ] && shift
command -v redis-server >/dev/null || { echo "with-redis: redis-server is missing (apt-get install redis-server)" >&2; exit 2; }

mkdir -p "$state"
state=$(cd "$state" && pwd)
socket="$state/redis.sock"
rm -f "$socket"
redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 --save '' --appendonly no \
  --dir "$state" --logfile "$state/redis.log" --daemonize no &
pid=$!
stop() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 100); do
  [ -S "$socket" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "with-redis: redis-server exited; its log:" >&2; cat "$state/redis.log" >&2; exit 2; }
  sleep 0.05
done
[ -S "$socket" ] || { echo "with-redis: redis-server did not start" >&2; exit 2; }
export VIPPS_REDIS_SOCKET="$socket"
echo "with-redis: redis-server on $socket (pid $pid)"
"$@"
