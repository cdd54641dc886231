# Shared by the bench scripts (sourced, not run): logging, the build, a fresh
# PostgreSQL database per run, starting and stopping servers, and cleaning up on exit.
# The caller sets OUT (output folder) and DB_PREFIX before sourcing.

export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
SERVER_OPTS=${SERVER_OPTS:-}
SERVER_JAR=${SERVER_JAR:-ab-server/target/ab-server.jar} # another jar to compare: SKIP_BUILD=1 SERVER_JAR=...
BENCH_JAR=bench/target/abkit-bench.jar
HEAP=-Xmx256m

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# need_tools TOOL...: installs wrk from Debian if missing, insists on the rest
need_tools() {
  local tool
  for tool in "$@"; do
    if [[ $tool == wrk ]] && ! command -v wrk >/dev/null 2>&1; then
      log "installing wrk (Debian package)"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
  done
  pg_isready -q || die "PostgreSQL does not answer on $PGHOST:$PGPORT"
}

# find_pgbench: PGBENCH, the first that runs of the one on PATH and those of Debian's server
# packages, newest first (Debian ships pgbench with the server, outside PATH)
find_pgbench() {
  local candidates candidate
  mapfile -t candidates < <(command -v pgbench || true; printf '%s\n' /usr/lib/postgresql/*/bin/pgbench | sort -rV)
  for candidate in "${candidates[@]}"; do
    if [[ -x "$candidate" ]] && "$candidate" --version >/dev/null 2>&1; then
      PGBENCH=$candidate
      return
    fi
  done
  die "pgbench is needed: none on PATH nor in /usr/lib/postgresql/*/bin (Debian: package postgresql-<version>)"
}

port_free() {
  if curl -s -o /dev/null "http://127.0.0.1:$1/"; then die "port $1 is taken; choose another (see the script's header)"; fi
}

# build: the server jar and the bench jar, tests skipped (SKIP_BUILD=1 reuses them)
build() {
  if [[ -z "${SKIP_BUILD:-}" ]]; then
    log "building ab-server and the bench module (mvn -Pbench package, tests skipped)"
    mvn -B -q -Pbench -pl ab-server,bench -am package -DskipTests
  fi
  [[ -f $SERVER_JAR && -f $BENCH_JAR ]] || die "missing $SERVER_JAR or $BENCH_JAR"
  rm -rf "$OUT" && mkdir -p "$OUT"
}

# --- databases of our own, and cleaning up whatever we started -----------------------------------
PIDS=()
DATABASES=() # created by this run and not dropped yet
DB=
cleanup() {
  local pid file database
  for file in "$OUT"/*.pid; do # a wrk or pgbench still running, if we are stopped half-way
    pid=$(cat "$file" 2>/dev/null) || continue
    case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
      wrk | pgbench) kill -TERM "$pid" 2>/dev/null || true ;;
    esac
  done
  for pid in "${PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for database in "${DATABASES[@]}"; do
    if [[ -z "${KEEP_DB:-}" ]]; then drop_database "$database"; else log "kept database $database"; fi
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# new_database PREFIX: creates PREFIX_<time>_<random> and names it in NEW_DB; dropped at exit
new_database() {
  NEW_DB="${1}_$(date +%s)_$RANDOM"
  DATABASES+=("$NEW_DB")
  psql -d postgres -v ON_ERROR_STOP=1 -qAtc "create database \"$NEW_DB\"" >/dev/null
  log "database $NEW_DB created"
}
# drop_database NAME: drops it now (closing its connections) and forgets it
drop_database() {
  psql -d postgres -qAtc "drop database if exists \"$1\" with (force)" >/dev/null 2>&1 || true
  local kept=() database
  for database in "${DATABASES[@]}"; do [[ "$database" == "$1" ]] || kept+=("$database"); done
  DATABASES=("${kept[@]}")
}
# create_database: the database of this run's abkit server, in DB and DB_URL
create_database() {
  new_database "$DB_PREFIX"
  DB=$NEW_DB
  DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
}
sql() { psql -d "$DB" -v ON_ERROR_STOP=1 -qAtc "$1"; }

# --- servers -----------------------------------------------------------------------------------
SERVER_PID=
SERVER_ENV=()
# start NAME PORT READY_PATH JAVA_ARGS...: starts java with -Xmx256m, a GC log and SERVER_OPTS, in
# the environment SERVER_ENV (VAR=value ...); waits (60 s at most) until READY_PATH answers 200.
# PROFILE=1 adds a JFR recording (profile settings) per server: $OUT/NAME.jfr, written at exit.
start() {
  local name=$1 port=$2 ready=$3 profile=
  shift 3
  if [[ -n "${PROFILE:-}" ]]; then profile="-XX:StartFlightRecording=filename=$OUT/$name.jfr,settings=profile"; fi
  # shellcheck disable=SC2086
  env "${SERVER_ENV[@]}" java $HEAP -Xlog:gc:file="$OUT/$name-gc.log" $profile $SERVER_OPTS "$@" >"$OUT/$name.log" 2>&1 &
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

# start_abkit PORT: the abkit server on the database of this run
start_abkit() {
  ADMIN_TOKEN="bench-$RANDOM$RANDOM$RANDOM"
  SERVER_ENV=(AB_PORT="$1" AB_DB_URL="$DB_URL" AB_DB_USER="$PGUSER" AB_DB_PASSWORD= AB_ADMIN_TOKEN="$ADMIN_TOKEN")
  start abkit "$1" /health -jar "$SERVER_JAR"
  SERVER_ENV=()
}

# stop PID: SIGTERM (graceful: requests in flight finish), SIGKILL after 30 s
stop() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # Forget it, so the exit trap never signals a pid that may since belong to another process.
  local kept=() p
  for p in "${PIDS[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}

# cpu_ticks PID...: user + system CPU time the processes have used so far, in clock ticks
cpu_ticks() {
  local pid total=0 ticks
  for pid in "$@"; do
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || ticks=0
    total=$((total + ticks))
  done
  echo "$total"
}
# db_backends: the PostgreSQL server processes serving this run's database
db_backends() {
  ps -u postgres -o pid=,args= | awk -v db=" $DB " 'index($0, db) { print $1 }'
}

# heap_after_gc GC_LOG: the largest heap left after a collection, in MiB (young, mixed or full pauses: G1's
# Remark and Cleanup pauses free nothing, and read the heap while old garbage awaits the mixed collections)
heap_after_gc() {
  grep -E 'Pause (Young|Full)' "$1" | grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' | sed -E 's/.*->([0-9]+)M.*/\1/' | sort -n | tail -1
}

# check_database ARGS...: dev.abkit.bench.tools.CheckDatabase on this run's database
check_database() {
  AB_DB_URL=$DB_URL AB_DB_USER=$PGUSER AB_DB_PASSWORD= java -cp "$BENCH_JAR" dev.abkit.bench.tools.CheckDatabase "$@"
}

# --- wrk and pgbench runs, and reading their figures ----------------------------------------------
THREADS=2
CONNECTIONS=64
# run_wrk NAME SECONDS SCRIPT URL [ENV...]: wrk with THREADS threads and CONNECTIONS connections, the
# script's environment ENV; output in $OUT/NAME.txt, the load average after it in $OUT/NAME.load, and
# the CPU the server (SERVER_PID) and this run's database backends spent in $OUT/NAME.cpu: unlike
# req/s and latency, hardly moved by whatever else runs on the machine.
run_wrk() {
  local name=$1 seconds=$2 script=$3 url=$4
  shift 4
  log "wrk $name: $(basename "$script") $*, ${seconds}s, $THREADS threads, $CONNECTIONS connections (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  local backends server_before db_before
  mapfile -t backends < <(db_backends)
  server_before=$(cpu_ticks "$SERVER_PID")
  db_before=$(cpu_ticks "${backends[@]}")
  env WRK_THREADS="$THREADS" CONNECTIONS="$CONNECTIONS" "$@" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$script" "$url" >"$OUT/$name.txt" &
  echo $! >"$OUT/$name.pid"
  wait $!
  rm "$OUT/$name.pid" # reaped: the exit trap must not signal whoever gets the pid next
  grep -q '^RESULT' "$OUT/$name.txt" || die "wrk $name printed no RESULT line (see $OUT/$name.txt)"
  cut -d' ' -f1 /proc/loadavg >"$OUT/$name.load"
  echo "$(( $(cpu_ticks "$SERVER_PID") - server_before )) $(( $(cpu_ticks "${backends[@]}") - db_before ))" >"$OUT/$name.cpu"
}
# cpu_per_request NAME server|db: CPU microseconds per answered request
cpu_per_request() {
  local ticks
  if [[ $2 == server ]]; then ticks=$(cut -d' ' -f1 "$OUT/$1.cpu"); else ticks=$(cut -d' ' -f2 "$OUT/$1.cpu"); fi
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v r="$(field "$1" requests)" 'BEGIN { printf "%.0f", t / hz * 1e6 / r }'
}
# field NAME KEY: a value of the RESULT line of a wrk run
field() { grep '^RESULT' "$OUT/$1.txt" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }'; }
rps() { awk -v r="$(field "$1" requests)" -v d="$(field "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
# answered_rps NAME: requests answered without an error per second
answered_rps() {
  awk -v r="$(field "$1" requests)" -v e="$(field "$1" http_errors)" -v d="$(field "$1" duration_us)" \
    'BEGIN { printf "%.0f", (r - e) / (d / 1e6) }'
}
ms() { awk -v us="$(field "$1" "$2")" 'BEGIN { printf "%.2f", us / 1000 }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo MET; else echo MISSED; fi; }

PGBENCH_CLIENTS=8 # as many as the server's connection pool has connections (ab-server application.yml)
PGBENCH_THREADS=2
# pgbench_database: a fresh database with the project's migrations for PostgreSQL (the common ones and
# db/vendor/postgresql), applied with psql in version order; its name in PGBENCH_DB
pgbench_database() {
  new_database "${DB_PREFIX}_pgbench"
  PGBENCH_DB=$NEW_DB
  local migration
  while read -r migration; do
    psql -d "$PGBENCH_DB" -v ON_ERROR_STOP=1 -q -f "$migration" >/dev/null || die "migration $migration failed on $PGBENCH_DB"
  done < <(for m in ab-persistence-jdbc/src/main/resources/db/migration/V*.sql \
                     ab-persistence-jdbc/src/main/resources/db/vendor/postgresql/V*.sql; do
             [[ -f $m ]] && echo "$(basename "$m" | sed -E 's/^V([0-9]+)__.*/\1/') $m"
           done | sort -n | cut -d' ' -f2)
}
# pgbench_run NAME SECONDS SCRIPT: SCRIPT on PGBENCH_DB, output in $OUT/NAME.txt
pgbench_run() {
  local name=$1 seconds=$2 script=$3
  log "pgbench $name: $(basename "$script"), ${seconds}s, $PGBENCH_CLIENTS clients, $PGBENCH_THREADS threads (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$PGBENCH" -n -M prepared -c "$PGBENCH_CLIENTS" -j "$PGBENCH_THREADS" -T "$seconds" \
    -f "$script" "$PGBENCH_DB" >"$OUT/$name.txt" 2>&1 &
  echo $! >"$OUT/$name.pid"
  wait $! || die "pgbench $name failed (see $OUT/$name.txt)"
  rm "$OUT/$name.pid" # reaped: the exit trap must not signal whoever gets the pid next
  [[ "$(pgbench_field "$name" failed)" == 0 ]] || die "pgbench $name: transactions failed (see $OUT/$name.txt)"
  cut -d' ' -f1 /proc/loadavg >"$OUT/$name.load"
}
# pgbench_field NAME tps|latency|failed: transactions/s without the connection time, average
# latency in ms, failed transactions (pgbench before 15 does not count them: 0)
pgbench_field() {
  awk -v key="$2" '
    key == "tps" && /^tps = .*without initial connection time/ { printf "%.0f", $3; found = 1 }
    key == "latency" && /^latency average = / { printf "%.2f", $4; found = 1 }
    key == "failed" && /^number of failed transactions: / { print $5; found = 1 }
    END { if (!found && key == "failed") print 0 }' "$OUT/$1.txt"
}

machine() {
  echo "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, $(java -version 2>&1 | head -1 | tr -d '"'),"
  echo "PostgreSQL $(psql -d postgres -qAtc 'show server_version' | cut -d' ' -f1) on the same machine"
}

# --- timing admin reads over HTTP (stats.sh, results.sh): BASE and AUTH set by the caller -------------
# time_requests PATH NAME [COUNT [WARMUP]]: WARMUP (default WARMUP_REQUESTS) untimed, then COUNT (default
# REQUESTS) timed one after the other; ms per line in $OUT/NAME.ms
time_requests() {
  local path=$1 name=$2 count=${3:-$REQUESTS} warmup=${4:-$WARMUP_REQUESTS} i
  log "timing GET $path: $warmup warm-up, then $count requests one at a time (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  for ((i = 0; i < warmup; i++)); do
    curl -sf -o /dev/null -H "$AUTH" "$BASE$path"
  done
  for ((i = 0; i < count; i++)); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "$AUTH" "$BASE$path"
  done | awk '{ printf "%.3f\n", $1 * 1000 }' >"$OUT/$name.ms"
}
# percentile NAME P: nearest-rank percentile of the timings, in ms
percentile() { sort -n "$OUT/$1.ms" | awk -v p="$2" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; printf "%.1f", v[i] }'; }

# concurrent PATH NAME [SECONDS [TIMEOUT]]: wrk, 2 threads, 8 connections, SECONDS (10) with a request
# timeout of TIMEOUT (10 s); output in $OUT/NAME-wrk.txt
concurrent() {
  local seconds=${3:-10} timeout=${4:-10}
  log "wrk GET $1: 2 threads, 8 connections, $seconds s (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c8 -d"${seconds}s" --timeout "${timeout}s" --latency -H "$AUTH" "$BASE$1" >"$OUT/$2-wrk.txt" &
  echo $! >"$OUT/$2-wrk.pid"
  wait $!
  rm "$OUT/$2-wrk.pid" # reaped: the exit trap must not signal whoever gets the pid next
}
wrk_rps() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$OUT/$1-wrk.txt"; }
# wrk_p NAME P: wrk's latency percentile P (50, 99) as wrk prints it, with its unit
wrk_p() { awk -v p="$2%" '$1 == p { print $2 }' "$OUT/$1-wrk.txt"; }
# wrk_max NAME: the largest latency wrk saw, with its unit
wrk_max() { awk '$1 == "Latency" && NF >= 4 { print $4; exit }' "$OUT/$1-wrk.txt"; }
# wrk_ms VALUE: a wrk latency (us, ms or s) in ms
wrk_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.1f", n }'; }
# wrk_done NAME: requests completed; wrk_timeouts NAME: requests that timed out
wrk_done() { awk '/requests in/ { print $1; exit }' "$OUT/$1-wrk.txt"; }
wrk_timeouts() { awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i + 1) + 0; found = 1 } END { if (!found) print 0 }' "$OUT/$1-wrk.txt"; }
