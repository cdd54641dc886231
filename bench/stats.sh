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
