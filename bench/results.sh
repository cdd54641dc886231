#!/usr/bin/env bash
# Results at scale (issue 14: "Results for an experiment with 1,000,000 devices and 10,000,000 events:
# under 100 ms"). One command, from a clean clone:
#
#   bench/results.sh
#
# Builds the server, starts it with -Xmx256m on a fresh PostgreSQL database, registers 1,000,000 devices
# in bulk (dev.abkit.bench.tools.BulkDevices, as bench/stats.sh), then loads 10,000,000 events of 3
# metrics over the last 10 days with their per-device rows, counters and devices per day, and exposures
# for half of the devices (dev.abkit.bench.tools.BulkEvents: SQL, as ingestion and registrations would
# have left them). Checks before timing: the database as load.sh does; for each metric, the results API's
# whole-life answer (from the counters) gives per option the converting devices and the sum of values that SQL
# over the raw events gives, and equals the same question as a window of whole UTC days around every event (the
# day-pair counters, filled by migration V18's own backfill) and as a window from the first event's second to an
# hour from now (ends inside days: a scan of the raw events), and so does the exposed whole life as the same two
# windows with exposed=true; its devices per option equal the enrolment. Then times over HTTP with the admin token,
# one request at a time after a warm-up and under 8 connections with wrk:
#   GET /api/v1/admin/experiments/button_color/results?metric=purchase          whole life
#   ... &exposed=true                                                           exposed devices only
#   ... &from=<now - 1 day>&to=<now>                                            a one-day window (a scan: no whole day)
#   ... &from=<now - 10 days>&to=<now>                                          every day of the events (a scan)
#   ... &from=<now - 10 days>&to=<now>&exposed=true                             the same, exposed devices only
#   ... &from=<yesterday 00:00Z>&to=<today 00:00Z>                              one UTC day (day-pair counters, V18)
#   ... &from=<11 days ago 00:00Z>&to=<tomorrow 00:00Z>                         every day, whole days (counters)
#   ... &from=<11 days ago 00:00Z>&to=<tomorrow 00:00Z>&exposed=true            the same, exposed devices only
#   GET /stats/experiments/button_color/results?metric=purchase                 the results page
# p50/p99/max each, MET or MISSED against 100 ms (a miss is reported, not a failure).
# Exits 1 if a check fails or the server runs out of heap.
#
# Settings (environment): DEVICES (1000000), EVENTS (10000000), REQUESTS (200) and WARMUP_REQUESTS (50)
# for the whole-life cases (exposed or not) and the page, SCAN_REQUESTS (10) and SCAN_WARMUP (2) for the cases that read
# events (the windows with ends inside days: seconds each on this machine), SCAN_TIMEOUT (120: the server's
# statement timeout in s for this run, abkit.database.statement-timeout, shipped at 2 s; from before the
# analysts' own 30 s budget, within which the scans run now; the counters' answers never come near either),
# WRK_SECONDS (10; 30 for the scans, whose
# requests time out after 60 s), AB_PORT (18080), PGHOST/PGPORT/PGUSER, SERVER_OPTS, PROFILE=1,
# SKIP_BUILD=1, KEEP_DB=1, as in load.sh.
# Output: bench/target/results/ (answers, timings, server log, GC log, summary.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES=${DEVICES:-1000000}
EVENTS=${EVENTS:-10000000}
REQUESTS=${REQUESTS:-200}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-50}
SCAN_REQUESTS=${SCAN_REQUESTS:-10}
SCAN_WARMUP=${SCAN_WARMUP:-2}
WRK_SECONDS=${WRK_SECONDS:-10}
SCAN_TIMEOUT=${SCAN_TIMEOUT:-120}
AB_PORT=${AB_PORT:-18080}
OUT=bench/target/results
DB_PREFIX=abkit_results
PREFIX=res-
EXPERIMENT=button_color
METRICS=(open purchase checkout.completed)
# shellcheck source=bench/lib.sh
source bench/lib.sh
SERVER_OPTS="$SERVER_OPTS -Dabkit.database.statement-timeout=${SCAN_TIMEOUT}s -Dabkit.database.socket-timeout-seconds=$((SCAN_TIMEOUT + 5))"

need_tools wrk java mvn psql curl awk jq
port_free "$AB_PORT"
build
create_database
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

start_abkit "$AB_PORT"
log "registering $DEVICES devices in bulk"
AB_DB_URL=$DB_URL AB_DB_USER=$PGUSER AB_DB_PASSWORD= \
  java -cp "$BENCH_JAR" dev.abkit.bench.tools.BulkDevices "$PREFIX" "$DEVICES" | tee "$OUT/load.txt"
log "loading $EVENTS events with their aggregates (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
AB_DB_URL=$DB_URL AB_DB_USER=$PGUSER AB_DB_PASSWORD= \
  java -cp "$BENCH_JAR" dev.abkit.bench.tools.BulkEvents "$PREFIX" "$DEVICES" "$EVENTS" | tee -a "$OUT/load.txt"

CHECK_OK=1
check_database "$PREFIX:$DEVICES" | tee "$OUT/check.txt" || CHECK_OK=0

# --- checks over HTTP: counters against the scan, devices against the enrolment -----------------------
BASE="http://127.0.0.1:$AB_PORT"
AUTH="Authorization: Bearer $ADMIN_TOKEN"
API="/api/v1/admin/experiments/$EXPERIMENT/results"
fail() { log "FAIL: $*"; CHECK_OK=0; }
# answer NAME PATH: the JSON answer in $OUT/NAME.json (empty if not 200)
answer() { curl -sf -H "$AUTH" "$BASE$2" >"$OUT/$1.json" || { fail "GET $2 did not answer 200"; : >"$OUT/$1.json"; }; }

psql -d "$DB" -qAtF ' ' -c "select option_value, count(*) from assignment where experiment_key = '$EXPERIMENT'
  and option_value is not null group by 1" | sort >"$OUT/enrolment.txt"
DAYS_FROM=$(date -u -d '11 days ago' +%Y-%m-%dT00:00:00Z)
DAYS_TO=$(date -u -d 'tomorrow' +%Y-%m-%dT00:00:00Z)
SCAN_FROM=$(psql -d "$DB" -qAt -c "select to_char(date_trunc('second', min(occurred_at)) at time zone 'UTC',
  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from event")
SCAN_TO=$(date -u -d '1 hour' +%Y-%m-%dT%H:%M:%SZ)
# raw METRIC: per option "value conversions sum" from the raw events, as the scan counts them (after first_seen)
raw() {
  psql -d "$DB" -qAtF ' ' -c "select a.option_value, count(*), round(sum(per.total)::numeric, 6) from (
      select e.device_token, sum(coalesce(e.amount, 0)) as total from event e join device d on d.token = e.device_token
      where e.metric = '$1' and e.occurred_at >= d.first_seen group by e.device_token) per
    join assignment a on a.device_token = per.device_token and a.experiment_key = '$EXPERIMENT'
    where a.option_value is not null and a.device_token not in
      (select device_token from experiment_override where experiment_key = '$EXPERIMENT') group by 1" | sort
}
for metric in "${METRICS[@]}"; do
  log "checking $metric: whole life (counters) against SQL over the raw events, a window of whole days (day-pair counters) and one from $SCAN_FROM to $SCAN_TO (a scan)"
  answer "whole-$metric" "$API?metric=$metric"
  answer "days-$metric" "$API?metric=$metric&from=$DAYS_FROM&to=$DAYS_TO"
  answer "scan-$metric" "$API?metric=$metric&from=$SCAN_FROM&to=$SCAN_TO"
  for other in days scan; do
    if ! cmp -s <(jq -S '.options' "$OUT/whole-$metric.json") <(jq -S '.options' "$OUT/$other-$metric.json"); then
      fail "$metric: the whole-life options differ from the $other window (see $OUT/whole-$metric.json, $other-$metric.json)"
    fi
  done
  raw "$metric" >"$OUT/raw-$metric.txt"
  # the mean is per device over all of the option's devices: mean x devices is the sum (null: no values, 0)
  jq -r '.options[] | select(.conversions > 0) | "\(.value) \(.conversions) \((.mean // 0) * .devices)"' \
    "$OUT/whole-$metric.json" | sort >"$OUT/counted-$metric.txt"
  if ! awk 'NR == FNR { raw[$1] = $2 " " $3; next }
      { split(raw[$1], r, " "); if (r[1] != $2 || (r[2] - $3) ^ 2 > (1e-6 * (1 + (r[2] > 0 ? r[2] : -r[2]))) ^ 2) bad = 1; n++ }
      END { exit (bad || n != length(raw)) }' "$OUT/raw-$metric.txt" "$OUT/counted-$metric.txt"; then
    fail "$metric: converting devices or sums differ from SQL over the raw events (see $OUT/raw-$metric.txt, counted-$metric.txt)"
  fi
  jq -r '.options[] | "\(.value) \(.devices)"' "$OUT/whole-$metric.json" | sort >"$OUT/devices-$metric.txt"
  cmp -s "$OUT/devices-$metric.txt" "$OUT/enrolment.txt" ||
    fail "$metric: devices per option differ from the enrolment (see $OUT/devices-$metric.txt, enrolment.txt)"
  [[ "$(jq '[.options[].conversions] | add' "$OUT/whole-$metric.json")" -gt 0 ]] || fail "$metric: no conversions"
done
answer exposed "$API?metric=purchase&exposed=true"
answer scan-exposed "$API?metric=purchase&from=$SCAN_FROM&to=$SCAN_TO&exposed=true"
answer days-exposed "$API?metric=purchase&from=$DAYS_FROM&to=$DAYS_TO&exposed=true"
for other in scan days; do
  cmp -s <(jq -S '.options' "$OUT/exposed.json") <(jq -S '.options' "$OUT/$other-exposed.json") ||
    fail "purchase: the exposed whole life differs from the exposed $other window (see $OUT/exposed.json, $other-exposed.json)"
done
[[ "$(jq '[.options[].devices] | add' "$OUT/exposed.json")" -lt "$(jq '[.options[].devices] | add' "$OUT/whole-purchase.json")" ]] ||
  fail "exposed=true does not leave out the devices without an exposure"
curl -sf -H "$AUTH" "$BASE/stats/experiments/$EXPERIMENT/results?metric=purchase" >"$OUT/page.html" ||
  fail "the results page did not answer 200"
grep -q '<svg' "$OUT/page.html" || fail "the results page draws no chart"

# --- timings -------------------------------------------------------------------------------------
TO=$(date -u +%Y-%m-%dT%H:%M:%SZ)
FROM=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:%SZ)
FROM_ALL=$(date -u -d '10 days ago' +%Y-%m-%dT%H:%M:%SZ)
DAY_FROM=$(date -u -d 'yesterday' +%Y-%m-%dT00:00:00Z)
DAY_TO=$(date -u +%Y-%m-%dT00:00:00Z)
CASES=(whole exposed window alldays allexposed day utcdays utcexposed page)
declare -A CASE_PATH=(
  [whole]="$API?metric=purchase"
  [exposed]="$API?metric=purchase&exposed=true"
  [window]="$API?metric=purchase&from=$FROM&to=$TO"
  [alldays]="$API?metric=purchase&from=$FROM_ALL&to=$TO"
  [allexposed]="$API?metric=purchase&from=$FROM_ALL&to=$TO&exposed=true"
  [day]="$API?metric=purchase&from=$DAY_FROM&to=$DAY_TO"
  [utcdays]="$API?metric=purchase&from=$DAYS_FROM&to=$DAYS_TO"
  [utcexposed]="$API?metric=purchase&from=$DAYS_FROM&to=$DAYS_TO&exposed=true"
  [page]="/stats/experiments/$EXPERIMENT/results?metric=purchase"
)
declare -A CASE_LABEL=(
  [whole]="whole life"
  [exposed]="exposed=true"
  [window]="one-day window"
  [alldays]="10-day window"
  [allexposed]="the same, exposed"
  [day]="one UTC day"
  [utcdays]="12 UTC days"
  [utcexposed]="the same, exposed"
  [page]="results page"
)
for name in "${CASES[@]}"; do
  case $name in
    window | alldays | allexposed) time_requests "${CASE_PATH[$name]}" "$name" "$SCAN_REQUESTS" "$SCAN_WARMUP" ;;
    *) time_requests "${CASE_PATH[$name]}" "$name" ;;
  esac
done
# settle: waits (SCAN_TIMEOUT at most) until the server runs no statement on the database, so that
# scans wrk left in flight do not slow the next case down
settle() {
  local deadline=$((SECONDS + SCAN_TIMEOUT))
  while (( $(psql -d postgres -qAtc "select count(*) from pg_stat_activity where datname = '$DB' and state = 'active'") > 0 )) &&
    (( SECONDS < deadline )); do sleep 1; done
}
for name in whole page exposed day utcdays utcexposed window alldays allexposed; do
  case $name in
    window | alldays | allexposed) concurrent "${CASE_PATH[$name]}" "$name" $((WRK_SECONDS * 3)) "$SCAN_TIMEOUT" ;;
    *) concurrent "${CASE_PATH[$name]}" "$name" "$WRK_SECONDS" ;;
  esac
  settle
done

kill -0 "$SERVER_PID" 2>/dev/null || die "the abkit server died during the run (see $OUT/abkit.log)"
OOM=$(grep -c 'OutOfMemoryError' "$OUT/abkit.log" || true)
stop "$SERVER_PID"
HEAP_MAX=$(heap_after_gc "$OUT/abkit-gc.log")
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# wrk_errors NAME: requests that timed out or were not answered 2xx
wrk_errors() { echo $(( $(wrk_timeouts "$1") + $(awk '/Non-2xx or 3xx/ { print $NF }' "$OUT/$1-wrk.txt" | grep . || echo 0) )); }
row() {
  local name=$1 p99 wrk99 wrk
  p99=$(percentile "$name" 99)
  wrk99=$(wrk_ms "$(wrk_p "$name" 99)")
  if [[ "$(wrk_done "$name")" == 0 ]]; then # none answered within the run: no figures, and no bar met
    wrk=("-" "-" "-" MISSED)
  else
    wrk=("$(wrk_ms "$(wrk_p "$name" 50)")" "$wrk99" "$(wrk_ms "$(wrk_max "$name")")"
      "$(verdict "$wrk99 < 100 && $(wrk_errors "$name") == 0")")
  fi
  printf '%-16s %5s %8s %8s %8s %7s   %6s %6s %8s %8s %8s %7s\n' "${CASE_LABEL[$name]}" "$(wc -l <"$OUT/$name.ms")" \
    "$(percentile "$name" 50)" "$p99" "$(percentile "$name" 100)" "$(verdict "$p99 < 100")" \
    "$(wrk_done "$name")" "$(wrk_errors "$name")" "${wrk[@]}"
}
{
  echo
  echo "abkit results at scale, $(date -u '+%Y-%m-%d %H:%M UTC'); $(machine)"
  echo "server $HEAP $SERVER_OPTS; $(grep -oE 'registered .*' "$OUT/load.txt"); $(grep -oE 'loaded .*' "$OUT/load.txt")"
  echo "load average at start $START_LOAD, at end $END_LOAD"
  echo "GET $API?metric=purchase[&exposed=true | &from=$FROM&to=$TO | &from=$FROM_ALL&to=$TO[&exposed=true] | &from=$DAY_FROM&to=$DAY_TO | &from=$DAYS_FROM&to=$DAYS_TO[&exposed=true]], GET /stats/experiments/$EXPERIMENT/results?metric=purchase"
  echo
  printf '%-16s %-41s   %-52s\n' "" "one request at a time, ms" "wrk 2 threads, 8 connections, ms"
  printf '%-16s %5s %8s %8s %8s %7s   %6s %6s %8s %8s %8s %7s\n' case n p50 p99 max "<100ms" done errors p50 p99 max "<100ms"
  for name in "${CASES[@]}"; do row "$name"; done
  echo
  echo "purchase, whole life: $(jq -c '[.options[] | {value, devices, conversions}]' "$OUT/whole-purchase.json")"
  echo "exposed devices: $(jq '[.options[].devices] | add' "$OUT/exposed.json") of $(jq '[.options[].devices] | add' "$OUT/whole-purchase.json")"
  echo "heap after GC max ${HEAP_MAX:-?} MiB of 256 MiB; OutOfMemoryError: $OOM"
  echo "checks (database; counters = raw events = day-pair counters = scan for ${METRICS[*]}, exposed too for purchase; devices = enrolment): $( ((CHECK_OK)) && echo passed || echo FAILED)"
} | tee "$OUT/summary.txt"

((CHECK_OK)) || die "a correctness check failed (see $OUT/check.txt and the log above)"
[[ "$OOM" == 0 ]] || die "the server ran out of heap"
