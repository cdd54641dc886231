#!/usr/bin/env bash
# Statistics at scale (issue 6; SPEC section 6: page and JSON under 100 ms with 1,000,000 enrolled
# devices). One command, from a clean clone:
#
#   bench/stats.sh
#
# Builds the server, starts it with -Xmx256m on a fresh PostgreSQL database (Flyway creates the
# schema and the two shipped experiments), registers 1,000,000 devices in bulk straight into that
# schema (dev.abkit.bench.tools.BulkDevices: COPY, each device enrolled into both experiments at
# consecutive slots with the option ab-core gives the slot, counters and slot sequences moved on to
# match), checks the database (exact and complete, as load.sh does), then times the real read path
# over HTTP: GET /api/v1/stats and GET /stats with the admin token, one request at a time (REQUESTS
# each after WARMUP_REQUESTS), and under 8 concurrent connections with wrk for 10 s.
# Exits 1 if the answer does not count the devices loaded or a database check fails.
#
# Settings (environment): DEVICES (default 1000000), REQUESTS (200), WARMUP_REQUESTS (50), AB_PORT
# (18080), PGHOST/PGPORT/PGUSER, SERVER_OPTS, SKIP_BUILD=1, KEEP_DB=1, as in load.sh.
# Output: bench/target/stats/ (timings, server log, GC log, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES=${DEVICES:-1000000}
REQUESTS=${REQUESTS:-200}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-50}
AB_PORT=${AB_PORT:-18080}
OUT=bench/target/stats
DB_PREFIX=abkit_stats
# shellcheck source=bench/lib.sh
source bench/lib.sh

need_tools wrk java mvn psql curl awk
port_free "$AB_PORT"
build
create_database
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

start_abkit "$AB_PORT"
log "registering $DEVICES devices in bulk"
AB_DB_URL=$DB_URL AB_DB_USER=$PGUSER AB_DB_PASSWORD= \
  java -cp "$BENCH_JAR" dev.abkit.bench.tools.BulkDevices stats- "$DEVICES" | tee "$OUT/load.txt"

CHECK_OK=1
check_database "stats-:$DEVICES" | tee "$OUT/check.txt" || CHECK_OK=0

# --- the read path -------------------------------------------------------------------------------
BASE="http://127.0.0.1:$AB_PORT"
AUTH="Authorization: Bearer $ADMIN_TOKEN"
JSON_DEVICES=$(curl -sf -H "$AUTH" "$BASE/api/v1/stats" | tee "$OUT/stats.json" | grep -oE '^\{"devices":[0-9]+' | grep -oE '[0-9]+$' || true)
[[ "$JSON_DEVICES" == "$DEVICES" ]] || { log "FAIL: /api/v1/stats counts ${JSON_DEVICES:-nothing} devices, not $DEVICES"; CHECK_OK=0; }
curl -sf -H "$AUTH" "$BASE/stats" >"$OUT/stats.html" || { log "FAIL: /stats did not answer 200"; CHECK_OK=0; }
grep -q 'button_color' "$OUT/stats.html" || { log "FAIL: /stats does not show button_color"; CHECK_OK=0; }

# time PATH NAME: WARMUP_REQUESTS untimed, then REQUESTS timed one after the other (ms per line)
time_requests() {
  local path=$1 name=$2 i
  log "timing GET $path: $WARMUP_REQUESTS warm-up, then $REQUESTS requests one at a time (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  for ((i = 0; i < WARMUP_REQUESTS; i++)); do
    curl -sf -o /dev/null -H "$AUTH" "$BASE$path"
  done
  for ((i = 0; i < REQUESTS; i++)); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "$AUTH" "$BASE$path"
  done | awk '{ printf "%.3f\n", $1 * 1000 }' >"$OUT/$name.ms"
}
# percentile NAME P: nearest-rank percentile of the timings, in ms
percentile() { sort -n "$OUT/$1.ms" | awk -v p="$2" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }

# concurrent PATH NAME: wrk, 2 threads, 8 connections, 10 s
concurrent() {
  log "wrk GET $1: 2 threads, 8 connections, 10 s"
  wrk -t2 -c8 -d10s --timeout 10s --latency -H "$AUTH" "$BASE$1" >"$OUT/$2-wrk.txt" &
  echo $! >"$OUT/$2-wrk.pid"
  wait $!
}
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$OUT/$1-wrk.txt"; }
wrk_p() { awk -v p="$2%" '$1 == p { print $2 }' "$OUT/$1-wrk.txt"; }

time_requests /api/v1/stats json
time_requests /stats page
concurrent /api/v1/stats json
concurrent /stats page

kill -0 "$SERVER_PID" 2>/dev/null || die "the abkit server died during the run (see $OUT/abkit.log)"
OOM=$(grep -c 'OutOfMemoryError' "$OUT/abkit.log" || true)
stop "$SERVER_PID"
HEAP_MAX=$(heap_after_gc "$OUT/abkit-gc.log")
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

row() {
  printf '%-22s %8s %8s %8s %8s %8s   %9s %9s %9s\n' "$1" "$(percentile "$2" 50)" "$(percentile "$2" 90)" \
    "$(percentile "$2" 99)" "$(percentile "$2" 100)" "$(verdict "$(percentile "$2" 99) < 100")" \
    "$(wrk_rps "$2")" "$(wrk_p "$2" 50)" "$(wrk_p "$2" 99)"
}
{
  echo
  echo "abkit statistics at scale, $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine)"
  echo "server $HEAP $SERVER_OPTS; $(grep -oE 'registered .*' "$OUT/load.txt")"
  echo "load average at start $START_LOAD, at end $END_LOAD"
  echo
  printf '%-22s %-44s   %-29s\n' "" "one request at a time ($REQUESTS), ms" "wrk 8 connections, 10 s"
  printf '%-22s %8s %8s %8s %8s %8s   %9s %9s %9s\n' endpoint p50 p90 p99 max "<100 ms" "req/s" p50 p99
  row "GET /api/v1/stats" json
  row "GET /stats" page
  echo
  echo "answer counts $JSON_DEVICES devices; heap after GC max ${HEAP_MAX:-?} MiB of 256 MiB; OutOfMemoryError: $OOM"
  echo "database checks: $( ((CHECK_OK)) && echo passed || echo FAILED)"
} | tee "$OUT/summary.txt"

((CHECK_OK)) || die "a correctness check failed (see $OUT/check.txt)"
[[ "$OOM" == 0 ]] || die "the server ran out of heap"
