#!/usr/bin/env bash
# Event ingestion under load (issue 14). One command, from a clean clone:
#
#   bench/ingest.sh
#
# Builds the server and the reference, then, in one run with the same wrk settings (2 threads,
# 64 connections, loopback) and each server alone on the machine with -Xmx256m:
#   (c) the reference: the bare Micronaut endpoint of bench/load.sh, for the mobile bars;
#   abkit on a fresh PostgreSQL database; a pool of POOL devices registered through the mobile endpoint;
#   (i) saturation: POST /api/v1/events, batches of 100 events of a device picked from the pool, every
#       connection sending its next batch as soon as the last is answered: events/s at most;
#   (p) the database alone: pgbench runs the statements of one batch (bench/pgbench/events.sql) on a
#       fresh database of its own with the server's 8 connections, abkit idle; right after (i);
#   (r) paced: the same batches at RATE batches/s in all (20,000 events/s by default), on a schedule
#       kept by bench/wrk/events.lua over the 64 connections: the latency a fleet of apps sees at the bar's rate. Closed-loop wrk cannot show
#       both bars at once: with 64 connections always busy, p99 < 100 ms needs > 640 batches/s
#       (Little's law), whatever the bar's rate;
#   (m) the mobile endpoint, returning devices of the pool, while (r)'s ingestion runs beside it: its
#       bars (SPEC 6) against (c);
#   (c') the reference again, started beside abkit while the same paced ingestion runs into abkit: the
#       bars of (m) against (c') tell what the ingestion costs the mobile endpoint beyond the CPU it takes
#       from the machine (two cores: the ingestion at 20,000 events/s takes about one).
# Then stops the server (gracefully) and checks the database: every batch stored whole or not at all,
# no event twice, no batch that was not sent, at least as many as were answered 202, and the whole-life
# counters equal to what the stored events give (converters, valued events, sums and sums of squares per
# device, per option and metric), and the day-pair counters (V18) over every day equal to the whole life.
# Exits 1 if a check fails; a missed speed bar is reported, not an error.
#
# Settings (environment): DURATION (s per measured case, default 30), WARMUP (s, default 10), POOL
# (devices, default 10000), RATE (batches/s of (r) and (m), default 200), AT_DAYS (default 0: events
# timed at receipt; n: each event's "at" a random second of the last n days, at most 30 (not checked), the
# pool's devices first seen n + 1 days ago, so that each device's events fall on many days; pgbench's
# events.sql still writes today's cells only), AB_PORT / REFERENCE_PORT
# (18080 / 18090), PGHOST, PGPORT, PGUSER, SERVER_OPTS, SKIP_BUILD=1, SERVER_JAR, KEEP_DB=1 as in
# bench/load.sh. Output: bench/target/ingest/ (wrk output, server logs, GC logs, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
POOL=${POOL:-10000}
RATE=${RATE:-200}
AT_DAYS=${AT_DAYS:-0}
BATCH=100
AB_PORT=${AB_PORT:-18080}
REFERENCE_PORT=${REFERENCE_PORT:-18090}
OUT=bench/target/ingest
DB_PREFIX=abkit_ingest
# shellcheck source=bench/lib.sh
source bench/lib.sh

need_tools wrk java mvn psql curl awk
find_pgbench
port_free "$AB_PORT"
port_free "$REFERENCE_PORT"
build
create_database

# events NAME SECONDS RATE ID_PREFIX: batches of BATCH events (bench/wrk/events.lua); RATE 0 = closed loop
events() {
  run_wrk "$1" "$2" bench/wrk/events.lua "http://127.0.0.1:$AB_PORT/api/v1/events" \
    POOL="$POOL" POOL_PREFIX=pool- BATCH="$BATCH" RATE="$3" ID_PREFIX="$4" AT_DAYS="$AT_DAYS"
}
# mobile NAME SECONDS PORT [ENV...]: returning devices of the pool (bench/wrk/mobile.lua)
mobile() {
  local name=$1 seconds=$2 port=$3
  shift 3
  run_wrk "$name" "$seconds" bench/wrk/mobile.lua "http://127.0.0.1:$port/api/v1/experiments" \
    MODE=random POOL="$POOL" POOL_PREFIX=pool- "$@"
}
events_per_second() { awk -v r="$(answered_rps "$1")" -v b="$BATCH" 'BEGIN { printf "%.0f", r * b }'; }

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# (c) the reference
start reference "$REFERENCE_PORT" /api/v1/experiments -Dmicronaut.server.port="$REFERENCE_PORT" -jar "$BENCH_JAR"
mobile reference-warmup "$WARMUP" "$REFERENCE_PORT"
mobile reference "$DURATION" "$REFERENCE_PORT"
stop "$SERVER_PID"

# abkit on PostgreSQL, with the pool registered through the mobile endpoint
start_abkit "$AB_PORT"
ABKIT_PID=$SERVER_PID
RUN=$(date +%H%M%S)
log "registering the pool of $POOL devices through the mobile endpoint"
run_wrk pool-walk 600 bench/wrk/mobile.lua "http://127.0.0.1:$AB_PORT/api/v1/experiments" \
  MODE=walk POOL="$POOL" POOL_PREFIX=pool- &
WALK_PID=$!
while kill -0 "$WALK_PID" 2>/dev/null; do
  sleep 1
  if [[ "$(sql "select count(*) from device where starts_with(token, 'pool-')")" == "$POOL" ]]; then
    kill -INT "$(cat "$OUT/pool-walk.pid")" # wrk stops early on SIGINT and still reports
    break
  fi
done
wait "$WALK_PID" || die "the pool walk failed (see $OUT/pool-walk.txt)"
[[ "$(sql "select count(*) from device where starts_with(token, 'pool-')")" == "$POOL" ]] || die "the pool is incomplete"
if (( AT_DAYS > 0 )); then
  # Events up to AT_DAYS old count only for devices first seen before them (R2); the devices per day follow.
  log "moving the pool's first_seen $((AT_DAYS + 1)) days back (AT_DAYS=$AT_DAYS)"
  sql "update device set first_seen = first_seen - interval '$((AT_DAYS + 1)) days' where starts_with(token, 'pool-')" >/dev/null
  sql "delete from option_day_count" >/dev/null
  sql "insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)
       select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value, 0, count(*)
       from assignment a join device d on d.token = a.device_token
       where a.option_value is not null group by 1, 2, 3" >/dev/null
fi

# (i) saturation, then (p) the database alone on the same rows, abkit idle
events ingest-warmup "$WARMUP" 0 "w$RUN-"
events ingest "$DURATION" 0 "i$RUN-"
pgbench_database
psql -d "$PGBENCH_DB" -qAtc "create table event_today partition of event for values from (date_trunc('day', now() at time zone 'utc') at time zone 'utc') to ((date_trunc('day', now() at time zone 'utc') + interval '1 day') at time zone 'utc')" >/dev/null
pgbench_run pgbench-warmup "$WARMUP" bench/pgbench/events.sql
pgbench_run pgbench "$DURATION" bench/pgbench/events.sql
drop_database "$PGBENCH_DB"

# (r) paced, then (m) the mobile endpoint beside the same paced ingestion
events paced "$DURATION" "$RATE" "r$RUN-"
mobile returning-warmup "$WARMUP" "$AB_PORT"
events beside-mobile $((DURATION + 5)) "$RATE" "b$RUN-" &
BESIDE_PID=$!
sleep 2
mobile returning-during-ingest "$DURATION" "$AB_PORT"
wait "$BESIDE_PID" || die "the ingestion beside the mobile run failed (see $OUT/beside-mobile.txt)"

# (c') the reference again, beside the same paced ingestion into abkit: what the loaded machine leaves
# any endpoint, so that (m)/(c') tells what the ingestion costs the mobile endpoint beyond its CPU.
start reference-beside "$REFERENCE_PORT" /api/v1/experiments -Dmicronaut.server.port="$REFERENCE_PORT" -jar "$BENCH_JAR"
REFERENCE_PID=$SERVER_PID
SERVER_PID=$ABKIT_PID # the CPU columns of the ingestion runs are abkit's
mobile reference-beside-warmup "$WARMUP" "$REFERENCE_PORT"
events beside-reference $((DURATION + 5)) "$RATE" "c$RUN-" &
BESIDE_PID=$!
sleep 2
mobile reference-during-ingest "$DURATION" "$REFERENCE_PORT"
wait "$BESIDE_PID" || die "the ingestion beside the reference run failed (see $OUT/beside-reference.txt)"
stop "$REFERENCE_PID"

kill -0 "$ABKIT_PID" 2>/dev/null || die "the abkit server died during the run (see $OUT/abkit.log)"
OOM=$(grep -c 'OutOfMemoryError' "$OUT/abkit.log" || true)
log "stopping abkit (graceful: requests in flight finish) and checking the database"
stop "$ABKIT_PID"
ABKIT_HEAP=$(heap_after_gc "$OUT/abkit-gc.log")
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# --- correctness -------------------------------------------------------------------------------
CHECK_OK=1
fail() { log "FAIL: $*"; CHECK_OK=0; }
# Every batch whole or absent: ids are <prefix><thread>-<request>-<k>, k = 1..BATCH.
PARTIAL=$(sql "select count(*) from (select regexp_replace(event_id, '-[0-9]+$', '') b from event
                where event_id like '%$RUN-%' group by 1 having count(*) <> $BATCH) partial")
[[ "$PARTIAL" == 0 ]] || fail "$PARTIAL batches stored in part"
TWICE=$(sql "select count(*) - count(distinct (device_token, event_id)) from event")
[[ "$TWICE" == 0 ]] || fail "$TWICE events stored twice"
KEYS=$(sql "select (select count(*) from event) - (select count(*) from event_key)")
[[ "$KEYS" == 0 ]] || fail "events and remembered ids differ by $KEYS"
for run in ingest-warmup ingest paced beside-mobile beside-reference; do
  ANSWERED=$(( $(field "$run" requests) - $(field "$run" http_errors) ))
  ERRORS=$(( $(field "$run" http_errors) + $(field "$run" socket_errors) ))
  while read -r line; do
    PREFIX=${line%%:*}
    SENT=${line##*:}
    STORED=$(sql "select count(distinct regexp_replace(event_id, '-[0-9]+$', '')) from event where starts_with(event_id, '$PREFIX')")
    BEYOND=$(sql "select count(*) from event where starts_with(event_id, '$PREFIX')
                   and split_part(substr(event_id, length('$PREFIX') + 1), '-', 1)::int > $SENT")
    (( BEYOND == 0 )) || fail "$run: $BEYOND events of $PREFIX beyond the $SENT batches sent"
    (( STORED <= SENT )) || fail "$run: $STORED batches of $PREFIX stored, $SENT sent"
    (( STORED >= SENT - ERRORS - CONNECTIONS )) || fail "$run: only $STORED of $SENT batches of $PREFIX stored ($ERRORS errors)"
    echo "$PREFIX sent $SENT stored $STORED" >>"$OUT/check.txt"
  done < <(grep '^SENT ' "$OUT/$run.txt" | cut -d' ' -f2)
  echo "$run answered $ANSWERED" >>"$OUT/check.txt"
done
# The whole-life counters equal what the stored events give, per experiment, option and metric: each
# counted event (at or after its device's first_seen) for every option its device holds.
DRIFT=$(sql "
  with per_device as (
    select e.device_token, e.metric, count(e.amount) valued, coalesce(sum(e.amount), 0) total
    from event e join device d on d.token = e.device_token
    where e.occurred_at >= d.first_seen group by 1, 2),
  expected as (
    select a.experiment_key, p.metric, a.option_value, count(*) converters, sum(p.valued) valued,
           sum(p.total) total, sum(p.total * p.total) total_sq
    from per_device p join assignment a on a.device_token = p.device_token and a.option_value is not null
    group by 1, 2, 3),
  kept as (
    select experiment_key, metric, option_value, sum(converters) converters, sum(valued) valued,
           sum(total) total, sum(total_sq) total_sq
    from metric_count group by 1, 2, 3)
  select count(*) from expected x full join kept k using (experiment_key, metric, option_value)
  where x.converters is distinct from k.converters or x.valued is distinct from k.valued
     or abs(coalesce(x.total, -1) - coalesce(k.total, -2)) > 1e-6 * greatest(1, abs(x.total))
     or abs(coalesce(x.total_sq, -1) - coalesce(k.total_sq, -2)) > 1e-6 * greatest(1, abs(x.total_sq))")
[[ "$DRIFT" == 0 ]] || fail "$DRIFT counter rows differ from what the stored events give"
# The day-pair counters (V18) over every day give the whole life: the same converters, values and squares.
DAY_DRIFT=$(sql "
  with days as (
    select experiment_key, metric, option_value,
           sum(case when first_day = second_day then devices else 0 end) converters,
           sum(case when first_day = second_day then valued else 0 end) valued,
           sum(case when first_day = second_day then total else 0 end) total,
           sum(case when first_day = second_day then product else 2 * product end) total_sq
    from day_pair_count group by 1, 2, 3),
  kept as (
    select experiment_key, metric, option_value, sum(converters) converters, sum(valued) valued,
           sum(total) total, sum(total_sq) total_sq
    from metric_count group by 1, 2, 3)
  select count(*) from kept k full join days x using (experiment_key, metric, option_value)
  where coalesce(x.converters, 0) <> coalesce(k.converters, 0) or coalesce(x.valued, 0) <> coalesce(k.valued, 0)
     or abs(coalesce(x.total, 0) - coalesce(k.total, 0)) > 1e-6 * greatest(1, abs(k.total))
     or abs(coalesce(x.total_sq, 0) - coalesce(k.total_sq, 0)) > 1e-6 * greatest(1, abs(k.total_sq))")
[[ "$DAY_DRIFT" == 0 ]] || fail "$DAY_DRIFT options and metrics whose day-pair counters over every day differ from the whole life"
DAYS_PER_DEVICE=$(sql "select round(avg(days), 1) from (select count(*) days from device_metric_day group by device_token, metric) d")
STORED_EVENTS=$(sql "select count(*) from event")

# --- summary -----------------------------------------------------------------------------------
row() {
  printf '%-40s %8s %9s %7s %7s %8s %7s %6s %8s %8s %5s\n' "$1" "$(rps "$2")" "${3:-}" "$(ms "$2" p50_us)" \
    "$(ms "$2" p99_us)" "$(ms "$2" p999_us)" "$(ms "$2" max_us)" "$(( $(field "$2" socket_errors) + $(field "$2" http_errors) ))" \
    "$(cpu_per_request "$2" server)" "$(cpu_per_request "$2" db)" "$(cat "$OUT/$2.load")"
}
I_EPS=$(events_per_second ingest); R_EPS=$(events_per_second paced); P_TPS=$(pgbench_field pgbench tps)
P_EPS=$(( P_TPS * BATCH ))
R_P99=$(field paced p99_us)
M_RPS=$(rps returning-during-ingest); C_RPS=$(rps reference)
M_P99=$(field returning-during-ingest p99_us); C_P99=$(field reference p99_us)
L_RPS=$(rps reference-during-ingest); L_P99=$(field reference-during-ingest p99_us)
LOADED_THROUGHPUT_RATIO=$(awk -v a="$M_RPS" -v c="$L_RPS" 'BEGIN { printf "%.2f", a / c }')
LOADED_P99_RATIO=$(awk -v a="$M_P99" -v c="$L_P99" 'BEGIN { printf "%.2f", a / c }')
DATABASE_RATIO=$(awk -v i="$I_EPS" -v p="$P_EPS" 'BEGIN { printf "%.2f", i / p }')
THROUGHPUT_RATIO=$(awk -v a="$M_RPS" -v c="$C_RPS" 'BEGIN { printf "%.2f", a / c }')
P99_RATIO=$(awk -v a="$M_P99" -v c="$C_P99" 'BEGIN { printf "%.2f", a / c }')
{
  echo
  echo "abkit ingestion benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine)"
  echo "wrk $THREADS threads, $CONNECTIONS connections, ${DURATION}s per case after ${WARMUP}s warm-up; batches of $BATCH events; servers $HEAP $SERVER_OPTS"
  echo "events timed $( ((AT_DAYS > 0)) && echo "at random seconds of the last $AT_DAYS days" || echo "at receipt"); days per device and metric at the end: ${DAYS_PER_DEVICE:-?} (average)"
  echo "load average at start $START_LOAD, at end $END_LOAD"
  echo
  printf '%-40s %8s %9s %7s %7s %8s %7s %6s %8s %8s %5s\n' "" "" "" "" "" "" "" "" "CPU us/req" "" ""
  printf '%-40s %8s %9s %7s %7s %8s %7s %6s %8s %8s %5s\n' case "req/s" "events/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" errors server db load
  row "(c) reference, constant JSON" reference
  row "(i) events, saturation" ingest "$I_EPS"
  row "(r) events, paced at $RATE batches/s" paced "$R_EPS"
  row "(m) mobile, returning, beside (r)" returning-during-ingest
  row "    the ingestion beside (m)" beside-mobile "$(events_per_second beside-mobile)"
  row "(c') reference, beside (r)" reference-during-ingest
  row "    the ingestion beside (c')" beside-reference "$(events_per_second beside-reference)"
  echo
  echo "(p) pgbench, events.sql: $P_TPS batches/s = $P_EPS events/s (without connection time), latency average" \
    "$(pgbench_field pgbench latency) ms, $(pgbench_field pgbench failed) failed, load $(cat "$OUT/pgbench.load")"
  echo "    the same rows without the server, on a database of its own, right after (i) with abkit idle;"
  echo "    $PGBENCH_CLIENTS clients (the server's pool), $PGBENCH_THREADS threads, -M prepared; $("$PGBENCH" --version)"
  echo
  echo "bars (issue 14, SPEC 6):"
  echo "  (i) events/s            $I_EPS   (>= 20000)     $(verdict "$I_EPS >= 20000")   ($DATABASE_RATIO x pgbench's $P_EPS)"
  echo "  (r) p99 at $((RATE * BATCH)) events/s  $(ms paced p99_us) ms   (< 100 ms)   $(verdict "$R_P99 < 100000")   ($R_EPS events/s reached)"
  echo "  (m)/(c) throughput      $THROUGHPUT_RATIO   (>= 0.5)        $(verdict "$THROUGHPUT_RATIO >= 0.5")"
  echo "  (m)/(c) p99             $P99_RATIO   (<= 2)          $(verdict "$P99_RATIO <= 2")"
  echo "  (m)/(c') throughput     $LOADED_THROUGHPUT_RATIO   (>= 0.5)        $(verdict "$LOADED_THROUGHPUT_RATIO >= 0.5")   (against the reference beside the same ingestion)"
  echo "  (m)/(c') p99            $LOADED_P99_RATIO   (<= 2)          $(verdict "$LOADED_P99_RATIO <= 2")"
  echo "  heap after GC, max      abkit ${ABKIT_HEAP:-?} MiB of 256 MiB; OutOfMemoryError: $OOM"
  echo "  database checks         $( ((CHECK_OK)) && echo "passed ($STORED_EVENTS events stored, each once, counters and day-pair counters exact)" || echo FAILED)"
} | tee "$OUT/summary.txt"

((CHECK_OK)) || die "a correctness check failed (see $OUT/check.txt)"
[[ "$OOM" == 0 ]] || die "the server ran out of heap"
