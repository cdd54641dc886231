#!/usr/bin/env bash
# Load benchmark of the mobile endpoint (issue 6; SPEC section 6). One command, from a clean clone:
#
#   bench/load.sh
#
# Builds the server and the reference, then, in one run with the same wrk settings (2 threads,
# 64 connections, loopback) and each server alone on the machine with -Xmx256m:
#   (c) the reference: a bare Micronaut endpoint answering a constant JSON of the same size;
#   (a) abkit on a fresh PostgreSQL database, returning devices: tokens picked at random from a
#       pool of 100,000 registered beforehand through the endpoint itself;
#   (p) the database alone: pgbench runs the writes of a registration (bench/pgbench/registration.sql)
#       on a fresh database of its own with the server's 8 connections, abkit idle; right before (b);
#   (b) abkit, new devices: a unique token per request (registration + enrollment).
# Prints requests/s and p50/p99/p99.9 latency per case, pgbench's transactions/s, the ratios (a)/(c)
# and (b)/(p) and the bars of the spec, and checks the database afterwards: exactly one device per
# distinct token sent, every registration complete (R6) and every option count exact (R3). Exits 1
# if a check fails; a missed speed bar is reported, not an error.
#
# Settings (environment): DURATION (s per measured case, default 30, at least 20), WARMUP (s,
# default 10), POOL (default 100000), AB_PORT / REFERENCE_PORT (18080 / 18090), PGHOST, PGPORT,
# PGUSER (localhost, 5432, postgres), SERVER_OPTS (extra JVM options for both servers), PROFILE=1
# (a JFR recording per server), SKIP_BUILD=1 to reuse the jars, SERVER_JAR (another abkit jar, with
# SKIP_BUILD=1), KEEP_DB=1 to keep the database.
# Output: bench/target/load/ (wrk output, server logs, GC logs, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
POOL=${POOL:-100000}
AB_PORT=${AB_PORT:-18080}
REFERENCE_PORT=${REFERENCE_PORT:-18090}
OUT=bench/target/load
DB_PREFIX=abkit_load
# shellcheck source=bench/lib.sh
source bench/lib.sh

if (( DURATION < 20 )); then log "WARNING: DURATION=$DURATION: a recorded run needs at least 20 s per case"; fi
need_tools wrk java mvn psql curl awk
find_pgbench
port_free "$AB_PORT"
port_free "$REFERENCE_PORT"
build
create_database

# --- wrk ---------------------------------------------------------------------------------------
# bench NAME MODE SECONDS PORT [ENV...]: wrk with bench/wrk/mobile.lua (run_wrk, bench/lib.sh)
bench() {
  local name=$1 mode=$2 seconds=$3 port=$4
  shift 4
  run_wrk "$name" "$seconds" bench/wrk/mobile.lua "http://127.0.0.1:$port/api/v1/experiments" \
    MODE="$mode" POOL="$POOL" "$@"
}
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# (c) the reference -------------------------------------------------------------------------------
start reference "$REFERENCE_PORT" /api/v1/experiments -Dmicronaut.server.port="$REFERENCE_PORT" -jar "$BENCH_JAR"
bench reference-warmup random "$WARMUP" "$REFERENCE_PORT"
bench reference random "$DURATION" "$REFERENCE_PORT"
stop "$SERVER_PID"
REFERENCE_HEAP=$(heap_after_gc "$OUT/reference-gc.log")

# abkit on PostgreSQL ------------------------------------------------------------------------------
start_abkit "$AB_PORT"
ABKIT_PID=$SERVER_PID
RUN=$(date +%H%M%S)

log "registering the pool of $POOL returning devices through the endpoint"
bench pool-walk walk 600 "$AB_PORT" POOL_PREFIX=pool- &
WALK_PID=$!
POOL_IN_DB=0
PROGRESS_AT=$SECONDS
while kill -0 "$WALK_PID" 2>/dev/null; do
  sleep 1
  COUNT=$(sql "select count(*) from device where starts_with(token, 'pool-')")
  if [[ "$COUNT" != "$POOL_IN_DB" ]]; then PROGRESS_AT=$SECONDS; fi
  POOL_IN_DB=$COUNT
  if [[ "$POOL_IN_DB" == "$POOL" ]] || (( SECONDS - PROGRESS_AT > 60 )); then
    kill -INT "$(cat "$OUT/pool-walk.pid")" # wrk stops early on SIGINT and still reports
    break
  fi
done
wait "$WALK_PID" || die "the pool walk failed (see $OUT/pool-walk.txt)"
[[ "$POOL_IN_DB" == "$POOL" ]] || die "the pool walk registered $POOL_IN_DB devices instead of $POOL"

# (a) returning devices
bench returning-warmup random "$WARMUP" "$AB_PORT" POOL_PREFIX=pool-
bench returning random "$DURATION" "$AB_PORT" POOL_PREFIX=pool-
# (p) the database alone, next to (b) so that both figures of the ratio see the same machine; abkit
# idle. Dropped before (b), so that no autovacuum of its tables runs during (b).
pgbench_database
pgbench_run pgbench-warmup "$WARMUP" bench/pgbench/registration.sql
pgbench_run pgbench "$DURATION" bench/pgbench/registration.sql
drop_database "$PGBENCH_DB"
# (b) new devices
bench new-warmup unique "$WARMUP" "$AB_PORT" UNIQUE_PREFIX="warm-$RUN-"
bench new unique "$DURATION" "$AB_PORT" UNIQUE_PREFIX="new-$RUN-"

kill -0 "$ABKIT_PID" 2>/dev/null || die "the abkit server died during the run (see $OUT/abkit.log)"
OOM=$(grep -c 'OutOfMemoryError' "$OUT/abkit.log" || true)
log "stopping abkit (graceful: requests in flight finish) and checking the database"
stop "$ABKIT_PID"
ABKIT_HEAP=$(heap_after_gc "$OUT/abkit-gc.log")
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# --- correctness -------------------------------------------------------------------------------
# A request answered with an error (e.g. 503 when no connection frees up within the pool's
# timeout) registers nothing: each of a run's prefixes may lack up to that run's error count.
EXPECTED=()
for run in new-warmup new; do
  REFUSED=$(( $(field "$run" http_errors) + $(field "$run" socket_errors) ))
  while read -r expectation; do
    EXPECTED+=("$expectation:$REFUSED")
  done < <(grep '^TOKENS ' "$OUT/$run.txt" | cut -d' ' -f2)
done
CHECK_OK=1
check_database "pool-:$POOL" "${EXPECTED[@]}" | tee "$OUT/check.txt" || CHECK_OK=0
# Any other device would be one nobody sent; wrk-verify is the token of wrk's check (mobile.lua).
OTHERS=$(sql "select count(*) from device where not (starts_with(token, 'pool-') or starts_with(token, 'warm-$RUN-')
                or starts_with(token, 'new-$RUN-') or token = 'wrk-verify')")
[[ "$OTHERS" == 0 ]] || { log "FAIL: $OTHERS device rows with tokens that were not sent"; CHECK_OK=0; }

# --- summary -----------------------------------------------------------------------------------
row() {
  printf '%-32s %8s %7s %7s %8s %7s %6s %8s %8s %5s\n' "$1" "$(rps "$2")" "$(ms "$2" p50_us)" "$(ms "$2" p99_us)" \
    "$(ms "$2" p999_us)" "$(ms "$2" max_us)" "$(( $(field "$2" socket_errors) + $(field "$2" http_errors) ))" \
    "$(cpu_per_request "$2" server)" "$(cpu_per_request "$2" db)" "$(cat "$OUT/$2.load")"
}
A_RPS=$(rps returning); C_RPS=$(rps reference); B_RPS=$(answered_rps new); P_TPS=$(pgbench_field pgbench tps)
A_P99=$(field returning p99_us); C_P99=$(field reference p99_us); B_P99=$(field new p99_us)
THROUGHPUT_RATIO=$(awk -v a="$A_RPS" -v c="$C_RPS" 'BEGIN { printf "%.2f", a / c }')
P99_RATIO=$(awk -v a="$A_P99" -v c="$C_P99" 'BEGIN { printf "%.2f", a / c }')
DATABASE_RATIO=$(awk -v b="$B_RPS" -v p="$P_TPS" 'BEGIN { printf "%.2f", b / p }')
NEW_DEVICES=$(grep -h '^TOKENS ' "$OUT/new.txt" | awk -F: '{ s += $2 } END { print s }')
{
  echo
  echo "abkit load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine)"
  echo "wrk $THREADS threads, $CONNECTIONS connections, ${DURATION}s per case after ${WARMUP}s warm-up; servers $HEAP $SERVER_OPTS"
  echo "load average at start $START_LOAD, at end $END_LOAD"
  echo
  printf '%-32s %8s %7s %7s %8s %7s %6s %8s %8s %5s\n' "" "" "" "" "" "" "" "CPU us/req" "" ""
  printf '%-32s %8s %7s %7s %8s %7s %6s %8s %8s %5s\n' case "req/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" errors server db load
  row "(c) reference, constant JSON" reference
  row "(a) abkit, returning devices" returning
  row "(b) abkit, new devices" new
  row "  (pool of $POOL registered)" pool-walk
  echo
  echo "(p) pgbench, registration.sql: $P_TPS tx/s (without connection time), latency average $(pgbench_field pgbench latency) ms," \
    "$(pgbench_field pgbench failed) failed, load $(cat "$OUT/pgbench.load")"
  echo "    the same writes without the server, on a database of its own, run between (a) and (b) with abkit idle;"
  echo "    $PGBENCH_CLIENTS clients (the server's pool), $PGBENCH_THREADS threads, -M prepared, ${DURATION}s after ${WARMUP}s warm-up; $("$PGBENCH" --version)"
  echo
  echo "bars (SPEC 6):"
  echo "  (a)/(c) throughput   $THROUGHPUT_RATIO   (>= 0.5)        $(verdict "$THROUGHPUT_RATIO >= 0.5")"
  echo "  (a)/(c) p99          $P99_RATIO   (<= 2)          $(verdict "$P99_RATIO <= 2")"
  echo "  (b)/(p) throughput   $DATABASE_RATIO   (>= 0.6)        $(verdict "$B_RPS >= 0.6 * $P_TPS")   ($B_RPS registrations/s answered 200, $P_TPS tx/s)"
  echo "  (b) p99              $(ms new p99_us) ms   (< 100 ms)  $(verdict "$B_P99 < 100000")"
  echo "  heap after GC, max   abkit ${ABKIT_HEAP:-?} MiB, reference ${REFERENCE_HEAP:-?} MiB of 256 MiB; OutOfMemoryError: $OOM"
  echo "  database checks      $( ((CHECK_OK)) && echo "passed ($NEW_DEVICES new devices in (b), $POOL in the pool)" || echo FAILED)"
} | tee "$OUT/summary.txt"

((CHECK_OK)) || die "a correctness check failed (see $OUT/check.txt)"
[[ "$OOM" == 0 ]] || die "the server ran out of heap"
