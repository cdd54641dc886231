#!/usr/bin/env bash
# Paired comparison of two server jars on the returning-device path, for a change too small for the
# day-to-day speed of this machine: the jars run alternately (A, B, A, B, ...), each on a fresh embedded
# H2 with POOL devices registered first, then WARMUP s of wrk, then RUNS runs of RUN_SECONDS s; each run
# prints wrk's req/s and the server's CPU per request (user + system time from /proc/PID/stat).
#
#   bench/paired.sh A.jar B.jar            # e.g. the jar of main's head against a branch's
#   PAIRS=3 RUNS=3 RUN_SECONDS=8 POOL=10000 WARMUP=15 PORT=19080 bench/paired.sh A.jar B.jar
#
# Needs wrk and a quiet machine (nothing else building); docs/performance.md says how it was used.
set -euo pipefail
A=$1; B=$2
PAIRS=${PAIRS:-3}; RUNS=${RUNS:-3}; RUN_SECONDS=${RUN_SECONDS:-8}; POOL=${POOL:-10000}; WARMUP=${WARMUP:-15}
PORT=${PORT:-19080}
LUA=$(cd "$(dirname "$0")" && pwd)/wrk/mobile.lua
HZ=$(getconf CLK_TCK)
URL="http://127.0.0.1:$PORT/api/v1/experiments"

one() { # one JAR LABEL
  local jar=$1 label=$2 dir pid t0 t1 requests rps
  dir=$(mktemp -d)
  (cd "$dir" && AB_PORT=$PORT AB_ADMIN_TOKEN=paired exec java -Xmx256m -jar "$jar" > server.log 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
  # Registers the pool: each wrk thread walks its share of the tokens, again and again.
  MODE=walk POOL=$POOL POOL_PREFIX=pool- WRK_THREADS=2 wrk -t2 -c64 -d12s -s "$LUA" "$URL" > /dev/null
  MODE=random POOL=$POOL POOL_PREFIX=pool- wrk -t2 -c64 -d"${WARMUP}s" -s "$LUA" "$URL" > /dev/null
  for run in $(seq 1 "$RUNS"); do
    t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    MODE=random POOL=$POOL POOL_PREFIX=pool- wrk -t2 -c64 -d"${RUN_SECONDS}s" -s "$LUA" "$URL" > "$dir/run.txt"
    t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(awk '/requests in/ {print $1}' "$dir/run.txt")
    rps=$(awk '/Requests\/sec/ {print $2}' "$dir/run.txt")
    awk -v l="$label" -v r="$run" -v rps="$rps" -v a="$t0" -v b="$t1" -v n="$requests" -v hz="$HZ" \
      'BEGIN { printf "%s run %d: %s req/s, %.1f us of server CPU per request\n", l, r, rps, (b - a) / hz * 1e6 / n }'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}

for pair in $(seq 1 "$PAIRS"); do
  echo "pair $pair ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  one "$(realpath "$A")" A
  one "$(realpath "$B")" B
done
