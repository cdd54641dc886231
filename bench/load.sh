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
#   (b) abkit, new devices: a unique token per request (registration + enrollment).
# Prints requests/s and p50/p99/p99.9 latency per case, the ratio (a)/(c) and the bars of the
# spec, and checks the database afterwards: exactly one device per distinct token sent, every
# registration complete (R6) and every option count exact (R3). Exits 1 if a check fails; a missed
# speed bar is reported, not an error.
#
# Settings (environment): DURATION (s per measured case, default 30, at least 20), WARMUP (s,
# default 10), POOL (default 100000), AB_PORT / REFERENCE_PORT (18080 / 18090), PGHOST, PGPORT,
# PGUSER (localhost, 5432, postgres), SERVER_OPTS (extra JVM options for both servers, e.g.
# -XX:StartFlightRecording=...), SKIP_BUILD=1 to reuse the jars, KEEP_DB=1 to keep the database.
# Output: bench/target/load/ (wrk output, server logs, GC logs, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
POOL=${POOL:-100000}
THREADS=2
CONNECTIONS=64
AB_PORT=${AB_PORT:-18080}
REFERENCE_PORT=${REFERENCE_PORT:-18090}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
SERVER_OPTS=${SERVER_OPTS:-}
OUT=bench/target/load
SERVER_JAR=ab-server/target/ab-server.jar
BENCH_JAR=bench/target/abkit-bench.jar
HEAP=-Xmx256m

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if (( DURATION < 20 )); then log "WARNING: DURATION=$DURATION: a recorded run needs at least 20 s per case"; fi

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in java mvn psql curl awk; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done
pg_isready -q || die "PostgreSQL does not answer on $PGHOST:$PGPORT"
for port in "$AB_PORT" "$REFERENCE_PORT"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then die "port $port is taken; set AB_PORT / REFERENCE_PORT"; fi
done

# --- build -------------------------------------------------------------------------------------
if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building ab-server and the bench module (mvn -Pbench package, tests skipped)"
  mvn -B -q -Pbench -pl ab-server,bench -am package -DskipTests
fi
[[ -f $SERVER_JAR && -f $BENCH_JAR ]] || die "missing $SERVER_JAR or $BENCH_JAR"
rm -rf "$OUT" && mkdir -p "$OUT"

# --- a database of our own, and cleaning up whatever we started ----------------------------------
DB="abkit_load_$(date +%s)_$RANDOM"
PIDS=()
cleanup() {
  local pid file
  for file in "$OUT"/*.pid; do # a wrk still running, if we are stopped half-way
    pid=$(cat "$file" 2>/dev/null) || continue
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == wrk ]]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [[ -z "${KEEP_DB:-}" ]]; then
    psql -d postgres -qAtc "drop database if exists \"$DB\" with (force)" >/dev/null 2>&1 || true
  else
    log "kept database $DB"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
psql -d postgres -v ON_ERROR_STOP=1 -qAtc "create database \"$DB\"" >/dev/null
log "database $DB created"
DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
sql() { psql -d "$DB" -v ON_ERROR_STOP=1 -qAtc "$1"; }

# --- servers -----------------------------------------------------------------------------------
SERVER_PID=
SERVER_ENV=()
# start NAME PORT READY_PATH JAVA_ARGS... ; with the environment SERVER_ENV (VAR=value ...);
# waits (60 s at most) until READY_PATH answers 200
start() {
  local name=$1 port=$2 ready=$3
  shift 3
  # shellcheck disable=SC2086
  env "${SERVER_ENV[@]}" java $HEAP -Xlog:gc:file="$OUT/$name-gc.log" $SERVER_OPTS "$@" >"$OUT/$name.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  local deadline=$((SECONDS + 60))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Device-Token: ready-probe' "http://127.0.0.1:$port$ready")" == 200 ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$OUT/$name.log" >&2; die "$name exited during start-up"; }
    (( SECONDS < deadline )) || die "$name did not answer on port $port within 60 s"
    sleep 0.5
  done
  log "$name up (pid $SERVER_PID, port $port)"
}
stop() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
# Largest heap left after a collection, from a -Xlog:gc file, in MiB.
heap_after_gc() {
  grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$1" | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1
}

# --- wrk ---------------------------------------------------------------------------------------
# bench NAME MODE SECONDS PORT [ENV...]: runs wrk with bench/wrk/mobile.lua, output in $OUT/NAME.txt
bench() {
  local name=$1 mode=$2 seconds=$3 port=$4
  shift 4
  log "wrk $name: mode $mode, ${seconds}s, $THREADS threads, $CONNECTIONS connections (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  env MODE="$mode" POOL="$POOL" WRK_THREADS="$THREADS" "$@" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s bench/wrk/mobile.lua \
    "http://127.0.0.1:$port/api/v1/experiments" >"$OUT/$name.txt" &
  echo $! >"$OUT/$name.pid"
  wait $!
  grep -q '^RESULT' "$OUT/$name.txt" || die "wrk $name printed no RESULT line (see $OUT/$name.txt)"
  echo "$(cut -d' ' -f1 /proc/loadavg)" >"$OUT/$name.load"
}
# field NAME KEY: a value of the RESULT line of a wrk run
field() { grep '^RESULT' "$OUT/$1.txt" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
rps() { awk -v r="$(field "$1" requests)" -v d="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v us="$(field "$1" "$2")" 'BEGIN { printf "%.2f", us / 1000 }'; }

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# (c) the reference -------------------------------------------------------------------------------
start reference "$REFERENCE_PORT" /api/v1/experiments -Dmicronaut.server.port="$REFERENCE_PORT" -jar "$BENCH_JAR"
bench reference-warmup random "$WARMUP" "$REFERENCE_PORT"
bench reference random "$DURATION" "$REFERENCE_PORT"
stop "$SERVER_PID"
REFERENCE_HEAP=$(heap_after_gc "$OUT/reference-gc.log")

# abkit on PostgreSQL ------------------------------------------------------------------------------
ADMIN_TOKEN="bench-$RANDOM$RANDOM$RANDOM"
SERVER_ENV=(AB_PORT="$AB_PORT" AB_DB_URL="$DB_URL" AB_DB_USER="$PGUSER" AB_DB_PASSWORD= AB_ADMIN_TOKEN="$ADMIN_TOKEN")
start abkit "$AB_PORT" /health -jar "$SERVER_JAR"
ABKIT_PID=$SERVER_PID
RUN=$(date +%H%M%S)

log "registering the pool of $POOL returning devices through the endpoint"
bench pool-walk walk 600 "$AB_PORT" POOL_PREFIX=pool- &
WALK_PID=$!
POOL_IN_DB=0
while kill -0 "$WALK_PID" 2>/dev/null; do
  sleep 1
  POOL_IN_DB=$(sql "select count(*) from device where starts_with(token, 'pool-')")
  if [[ "$POOL_IN_DB" == "$POOL" ]]; then
    kill -INT "$(cat "$OUT/pool-walk.pid")" # wrk stops early on SIGINT and still reports
    break
  fi
done
wait "$WALK_PID" || die "the pool walk failed (see $OUT/pool-walk.txt)"
[[ "$POOL_IN_DB" == "$POOL" ]] || die "the pool walk registered $POOL_IN_DB devices instead of $POOL"

# (a) returning devices
bench returning-warmup random "$WARMUP" "$AB_PORT" POOL_PREFIX=pool-
bench returning random "$DURATION" "$AB_PORT" POOL_PREFIX=pool-
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
mapfile -t EXPECTED < <(grep -h '^TOKENS ' "$OUT/new-warmup.txt" "$OUT/new.txt" | cut -d' ' -f2)
CHECK_OK=1
AB_DB_URL=$DB_URL AB_DB_USER=$PGUSER AB_DB_PASSWORD= \
  java -cp "$BENCH_JAR" dev.abkit.bench.tools.CheckDatabase "pool-:$POOL" "${EXPECTED[@]}" \
  | tee "$OUT/check.txt" || CHECK_OK=0
# Any other device would be one nobody sent; wrk-verify is the token of wrk's check (mobile.lua).
OTHERS=$(sql "select count(*) from device where not (starts_with(token, 'pool-') or starts_with(token, 'warm-$RUN-')
                or starts_with(token, 'new-$RUN-') or token = 'wrk-verify')")
[[ "$OTHERS" == 0 ]] || { log "FAIL: $OTHERS device rows with tokens that were not sent"; CHECK_OK=0; }

# --- summary -----------------------------------------------------------------------------------
row() {
  printf '%-38s %10s %9s %9s %9s %9s %7s %5s\n' "$1" "$(rps "$2")" "$(ms "$2" p50_us)" "$(ms "$2" p99_us)" \
    "$(ms "$2" p999_us)" "$(ms "$2" max_us)" "$(( $(field "$2" socket_errors) + $(field "$2" http_errors) ))" "$(cat "$OUT/$2.load")"
}
verdict() { if awk "BEGIN { exit !($1) }"; then echo MET; else echo MISSED; fi; }
A_RPS=$(rps returning); C_RPS=$(rps reference); B_RPS=$(rps new)
A_P99=$(field returning p99_us); C_P99=$(field reference p99_us); B_P99=$(field new p99_us)
THROUGHPUT_RATIO=$(awk -v a="$A_RPS" -v c="$C_RPS" 'BEGIN { printf "%.2f", a / c }')
P99_RATIO=$(awk -v a="$A_P99" -v c="$C_P99" 'BEGIN { printf "%.2f", a / c }')
NEW_DEVICES=$(grep -h '^TOKENS ' "$OUT/new.txt" | awk -F: '{ s += $2 } END { print s }')
{
  echo
  echo "abkit load benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB,"
  echo "$(java -version 2>&1 | head -1), $(psql -d postgres -qAtc 'show server_version' | cut -d' ' -f1) PostgreSQL;"
  echo "wrk $THREADS threads, $CONNECTIONS connections, ${DURATION}s per case after ${WARMUP}s warm-up; servers $HEAP $SERVER_OPTS"
  echo "load average at start $START_LOAD, at end $END_LOAD"
  echo
  printf '%-38s %10s %9s %9s %9s %9s %7s %5s\n' case "req/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" errors load
  row "(c) reference, constant JSON" reference
  row "(a) abkit, returning devices" returning
  row "(b) abkit, new devices" new
  row "    (pool of $POOL registered)" pool-walk
  echo
  echo "bars (SPEC 6):"
  echo "  (a)/(c) throughput   $THROUGHPUT_RATIO   (>= 0.5)        $(verdict "$THROUGHPUT_RATIO >= 0.5")"
  echo "  (a)/(c) p99          $P99_RATIO   (<= 2)          $(verdict "$P99_RATIO <= 2")"
  echo "  (b) registrations/s  $B_RPS   (>= 2000)       $(verdict "$B_RPS >= 2000")"
  echo "  (b) p99              $(ms new p99_us) ms   (< 50 ms)   $(verdict "$B_P99 < 50000")"
  echo "  heap after GC, max   abkit ${ABKIT_HEAP:-?} MiB, reference ${REFERENCE_HEAP:-?} MiB of 256 MiB; OutOfMemoryError: $OOM"
  echo "  database checks      $( ((CHECK_OK)) && echo "passed ($NEW_DEVICES new devices in (b), $POOL in the pool)" || echo FAILED)"
} | tee "$OUT/summary.txt"

((CHECK_OK)) || die "a correctness check failed (see $OUT/check.txt)"
[[ "$OOM" == 0 ]] || die "the server ran out of heap"
