#!/usr/bin/env bash
# One command for the whole benchmark: installs what is missing, starts a private PostgreSQL
# (bench/work/pgdata on 127.0.0.1:$PG_PORT), generates the data set, runs the Invois scenarios
# with wrk, the baselines (GET /health/live = HTTP limit, pgbench = database limit), the rate
# limiter comparison and Keycloak as the peer, each measurement RUNS times (median kept), and
# writes bench/results/<timestamp>.md. Everything it starts is stopped on exit.
#
#   bench/run.sh                                  # everything, 1,000,000 users, 30 s per run
#   SCALE=10000 DURATION=10 RUNS=1 bench/run.sh   # quick small-scale pass
#   SCENARIOS="user_by_id search" KEYCLOAK=0 bench/run.sh
#
# See bench/README.md for every variable.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$BENCH_DIR/keycloak.sh"

DURATION=${DURATION:-30}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
WARMUP=${WARMUP:-30}
ALL_SCENARIOS="health_live user_by_id org_by_id list_users deep_page search search_short update_user create_user mix"
SCENARIOS=${SCENARIOS:-$ALL_SCENARIOS}
PGBENCH=${PGBENCH:-1}
PGBENCH_MODE=${PGBENCH_MODE:-prepared}
PGBENCH_SAMPLE=${PGBENCH_SAMPLE:-0.2}
KEYCLOAK=${KEYCLOAK:-1}
LIMITER=${LIMITER:-1}
REDIS=${REDIS:-1}
REDIS_PORT=${REDIS_PORT:-16379}
# Latency of the searches at a concurrency that does not saturate the 2 cores: at 32
# connections every latency is mostly queueing (32 / throughput).
LATENCY_CONNECTIONS=${LATENCY_CONNECTIONS:-2}
LATENCY_SCENARIOS="search search_short deep_page"
# A REPEATABLE READ transaction (as pg_dump holds) open across create_user and the latency runs
# again: the folds of the user search must go on and the reads stay fast (issue 19).
SNAPSHOT=${SNAPSHOT:-1}

# Keep the durations bounded.
[[ "$DURATION" =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 1 ] && [ "$DURATION" -le 600 ] || die "DURATION must be 1..600 seconds"
[[ "$RUNS" =~ ^[0-9]+$ ]] && [ "$RUNS" -ge 1 ] && [ "$RUNS" -le 9 ] || die "RUNS must be 1..9"
for s in $SCENARIOS; do
    [[ " $ALL_SCENARIOS " == *" $s "* ]] || die "unknown scenario '$s' (known: $ALL_SCENARIOS)"
done

trap 'stop_all' EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS" "$WORK"
OUT="$RESULTS/$STAMP.md"
RAW="$RESULTS/$STAMP.raw.txt"
: >"$RAW"

declare -A RPS P50 P99 ERR RSS NOTE RUN_RPS RUN_P50 RUN_P99
# CPU per request in core-milliseconds: the server process, PostgreSQL, and the rest of the
# machine's busy time (the load generator, mostly), medians over the runs like the rest.
declare -A CPU_SERVER CPU_PG CPU_REST RUN_CPU_SERVER RUN_CPU_PG RUN_CPU_REST
REDIS_PID=

# ---------------------------------------------------------------------------------------------
# measurement helpers
# ---------------------------------------------------------------------------------------------
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

wrk_once() {
    # wrk_once SCENARIO BASE_URL SECONDS: prints the RESULT line (or nothing on failure).
    local scenario=$1 url=$2 secs=$3
    SCENARIO=$scenario BENCH_DATA=$DATA_DIR_EXPORT KEY=$KEY KC_TOKEN=${KC_TOKEN:-} KC_REALM=$KC_REALM \
        timeout --foreground $((secs + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout "$WRK_TIMEOUT" --latency \
        -s "$BENCH_DIR/lua/scenario.lua" "$url" 2>&1 | tee -a "$RAW" | grep '^RESULT' || true
}

record_cpu() {
    # record_cpu KEY REQUESTS SNAPSHOT_BEFORE SNAPSHOT_AFTER (each from cpu_snapshot)
    local key=$1 n=$2 busy0 server0 pg0 busy1 server1 pg1
    read -r busy0 server0 pg0 <<<"$3"; read -r busy1 server1 pg1 <<<"$4"
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || return 0
    local per="1000 / $CLK_TCK / $n"
    RUN_CPU_SERVER[$key]+=" $(awk "BEGIN {printf \"%.4f\", ($server1 - $server0) * $per}")"
    RUN_CPU_PG[$key]+=" $(awk "BEGIN {printf \"%.4f\", ($pg1 - $pg0) * $per}")"
    RUN_CPU_REST[$key]+=" $(awk "BEGIN {r = ($busy1 - $busy0 - ($server1 - $server0) - ($pg1 - $pg0)) * $per; printf \"%.4f\", r < 0 ? 0 : r}")"
}

settle_cpu() {
    local key=$1
    CPU_SERVER[$key]=$(median <<<"${RUN_CPU_SERVER[$key]:-}"); CPU_PG[$key]=$(median <<<"${RUN_CPU_PG[$key]:-}")
    CPU_REST[$key]=$(median <<<"${RUN_CPU_REST[$key]:-}")
}

wrk_run() {
    # wrk_run KEY SCENARIO BASE_URL LABEL [SERVER_PID]: one measured run, kept for the medians
    # of settle; CPU is charged to SERVER_PID (default: the Invois server).
    local key=$1 scenario=$2 url=$3 label=$4 server_pid=${5:-${SERVER_PID:-}} line before
    echo "### $key $label" >>"$RAW"
    before=$(cpu_snapshot "$server_pid")
    line=$(wrk_once "$scenario" "$url" "$DURATION")
    record_cpu "$key" "$(field requests <<<"$line")" "$before" "$(cpu_snapshot "$server_pid")"
    if [ -z "$line" ]; then
        log "  $key $label: wrk failed (see $RAW)"
        ERR[$key]=$(( ${ERR[$key]:-0} + 1 ))
        return 0
    fi
    RUN_RPS[$key]+=" $(field rps <<<"$line")"; RUN_P50[$key]+=" $(field p50_ms <<<"$line")"; RUN_P99[$key]+=" $(field p99_ms <<<"$line")"
    ERR[$key]=$(( ${ERR[$key]:-0} + $(field errors <<<"$line") ))
    log "  $key $label: $(field rps <<<"$line") req/s, p50 $(field p50_ms <<<"$line") ms, p99 $(field p99_ms <<<"$line") ms, errors $(field errors <<<"$line") ($(field statuses <<<"$line"))"
}

settle() {
    # settle KEY [PID for RSS]: the medians of KEY's runs into the tables.
    local key=$1 pid=${2:-}
    RPS[$key]=$(median <<<"${RUN_RPS[$key]:-}"); P50[$key]=$(median <<<"${RUN_P50[$key]:-}"); P99[$key]=$(median <<<"${RUN_P99[$key]:-}")
    settle_cpu "$key"
    ERR[$key]=${ERR[$key]:-0}
    if [ -n "$pid" ]; then RSS[$key]=$(( $(rss_kib "$pid") / 1024 )); fi
}

measure_wrk() {
    # measure_wrk KEY SCENARIO BASE_URL [PID for RSS]: RUNS runs, medians into the tables.
    local key=$1 scenario=$2 url=$3 pid=${4:-} i
    for ((i = 1; i <= RUNS; i++)); do
        wrk_run "$key" "$scenario" "$url" "run $i" "$pid"
    done
    settle "$key" "$pid"
}

pgbench_once() {
    # pgbench_once NAME SECONDS ARGS...: prints "tps p50_ms p99_ms failed transactions".
    local name=$1 secs=$2; shift 2
    local dir="$WORK/pgbench-log/$name.$$.$RANDOM"
    rm -rf "$dir"; mkdir -p "$dir"
    local out
    out=$(cd "$dir" && PGOPTIONS="-c client_min_messages=warning" timeout --foreground $((secs + 120)) "$PG_BIN/pgbench" \
        -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -n -M "$PGBENCH_MODE" -c "$CONNECTIONS" -j "$THREADS" -T "$secs" \
        -l --sampling-rate="$PGBENCH_SAMPLE" --log-prefix=tx \
        -D users="$DB_USERS" -D orgs="$DB_ORGS" -D search_terms="$DB_TERMS" -D short_terms="$DB_SHORT" \
        "$@" "$PG_DB" 2>&1) || true
    printf '%s\n' "$out" >>"$RAW"
    local tps failed pcts done
    tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' <<<"$out")
    done=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
    failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
    if grep -q "aborted" <<<"$out"; then failed=$(( ${failed:-0} + 1 )); fi
    pcts=$(cat "$dir"/tx* 2>/dev/null | awk '$3 ~ /^[0-9]+$/ {print $3}' | sort -n | awk '{a[NR] = $1} END {if (NR == 0) print "n/a n/a"; else printf "%.3f %.3f\n", a[int((NR - 1) * 0.50) + 1] / 1000, a[int((NR - 1) * 0.99) + 1] / 1000}')
    rm -rf "$dir"
    echo "${tps:-n/a} $pcts ${failed:-0} ${done:-0}"
}

measure_pgbench() {
    # measure_pgbench KEY PGBENCH_ARGS...
    local key=$1; shift
    local i res rps="" p50="" p99="" errs=0 before
    for ((i = 1; i <= RUNS; i++)); do
        echo "### pgbench $key run $i" >>"$RAW"
        before=$(cpu_snapshot)
        read -r t a b f n <<<"$(pgbench_once "$key" "$DURATION" "$@")"
        record_cpu "$key" "$n" "$before" "$(cpu_snapshot)"
        [ "$t" != n/a ] && rps+=" $t"; [ "$a" != n/a ] && p50+=" $a"; [ "$b" != n/a ] && p99+=" $b"
        errs=$((errs + f))
        log "  pgbench $key run $i: $t tps, p50 $a ms, p99 $b ms, failed $f"
    done
    RPS[$key]=$(median <<<"$rps"); P50[$key]=$(median <<<"$p50"); P99[$key]=$(median <<<"$p99"); ERR[$key]=$errs
    settle_cpu "$key"
}

cleanup_writes() {
    # Removes what the write scenarios created, so that every measurement sees the same data.
    local n
    n=$(psql_db -Atc "WITH d AS (DELETE FROM users WHERE email LIKE '%@wrk.bench.example.com' OR email LIKE '%@pgbench.bench.example.com' RETURNING 1) SELECT count(*) FROM d")
    # Folded as a running server's fold would (V18): pgbench runs with no server, and its reads
    # would otherwise add up the deletes' log rows every time.
    psql_db -c "BEGIN ISOLATION LEVEL REPEATABLE READ" -c "LOCK TABLE users IN ACCESS SHARE MODE" \
        -c "SELECT user_search_fold('{}')" -c "COMMIT" >/dev/null
    psql_db -c "VACUUM (ANALYZE) users" -c "VACUUM (ANALYZE) memberships" -c "VACUUM (ANALYZE) user_search_changes" >/dev/null
    log "removed $n users created by the write scenarios"
}

search_log_triggers() {
    # search_log_triggers ENABLE|DISABLE: the user search log's triggers (V18), for the write limits.
    local t
    for t in user_search_inserted user_search_deleted user_search_updated; do
        psql_db -c "ALTER TABLE users $1 TRIGGER $t" >/dev/null
    done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b}'; }
fmt() {
    # fmt VALUE [DECIMALS]: numbers rounded, empty as a dash.
    local v=${1:-} d=${2:-}
    if [ -z "$v" ]; then echo "–"
    elif [ -n "$d" ] && [[ "$v" =~ ^[0-9.]+$ ]]; then printf "%.${d}f\n" "$v"
    else echo "$v"; fi
}
# ratio, flagged when the numerator's measurement had errors (its req/s then counts failures too)
ratio_e() { local r; r=$(ratio "$1" "$2"); if [ "${3:-0}" != 0 ] && [ "$r" != n/a ]; then echo "$r (with errors)"; else echo "$r"; fi; }
cpu_total() { awk -v a="${CPU_SERVER[$1]:-}" -v b="${CPU_PG[$1]:-}" -v c="${CPU_REST[$1]:-}" 'BEGIN {if (b == "" || b == "n/a") print "n/a"; else printf "%.3f\n", a + b + c}'; }
# The most requests per second a server could serve on this machine's cores if each request cost
# it no more than GET /health/live (with wrk) plus pgbench's user_by_id transaction (PostgreSQL
# and pgbench's C client): empty when either was not measured.
ceiling() {
    local http db
    http=$(cpu_total invois:health_live); db=$(cpu_total pgbench:user_by_id)
    [ "$http" != n/a ] && [ "$db" != n/a ] || return 0
    awk -v h="$http" -v d="$db" -v n="$(nproc)" 'BEGIN {if (h + d > 0) printf "%.1f\n", n * 1000 / (h + d)}'
}
min2() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "n/a" || a == "") print b; else if (b == "n/a" || b == "") print a; else print (a + 0 < b + 0) ? a : b}'; }

# ---------------------------------------------------------------------------------------------
# 1. tools, database, data
# ---------------------------------------------------------------------------------------------
T_ALL=$(now_s)
tools=(wrk); [ "$REDIS" = 1 ] && [ "$LIMITER" = 1 ] && tools+=(redis)
ensure_tools "${tools[@]}"
[ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw package, or set JAR=...)"
cp "$JAR" "$WORK/invois-bench.jar"   # the build may replace target/invois.jar meanwhile
JAR_ORIG=$JAR
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
JAR="$WORK/invois-bench.jar"
pg_start
ensure_schema
GENERATE_SECONDS=
generate_data "$SCALE"
DB_USERS=$(psql_db -Atc "SELECT users FROM bench.params()")
DB_ORGS=$(psql_db -Atc "SELECT orgs FROM bench.params()")
DB_TERMS=$(psql_db -Atc "SELECT bench.search_terms_count()")
DB_SHORT=$(psql_db -Atc "SELECT bench.short_terms_count()")
cleanup_writes

# ---------------------------------------------------------------------------------------------
# 2. Invois scenarios (+ GET /health/live, the HTTP limit), limiter at a very high limit
# ---------------------------------------------------------------------------------------------
BASE="http://127.0.0.1:$SERVER_PORT"
if [ -n "$SCENARIOS" ]; then
    start_server main
    log "warm-up: mix and user_by_id, $WARMUP s each"
    wrk_once mix "$BASE" "$WARMUP" >/dev/null
    wrk_once user_by_id "$BASE" "$WARMUP" >/dev/null
    cleanup_writes
    case " $SCENARIOS " in *" search "* | *" mix "*) keep_search_counts "$BASE" ;; esac
    for s in $SCENARIOS; do
        log "scenario $s: $RUNS x ${DURATION}s, -t$THREADS -c$CONNECTIONS"
        measure_wrk "invois:$s" "$s" "$BASE" "$SERVER_PID"
        case $s in create_user | mix) cleanup_writes ;; esac
    done
    for s in $LATENCY_SCENARIOS; do
        [[ " $SCENARIOS " == *" $s "* ]] || continue
        log "scenario $s at $LATENCY_CONNECTIONS connections: $RUNS x ${DURATION}s"
        CONNECTIONS=$LATENCY_CONNECTIONS measure_wrk "latency:$s" "$s" "$BASE" "$SERVER_PID"
    done
    if [ "$SNAPSHOT" = 1 ] && [[ " $SCENARIOS " == *" create_user "* ]]; then
        held_s=$(( (RUNS * DURATION + 60) * 4 + 120 ))
        log "long snapshot: REPEATABLE READ held open (at most $held_s s) across create_user and the latency runs"
        WATERMARK_BEFORE=$(psql_db -Atc "SELECT folded_below FROM user_search_watermark")
        PGAPPNAME=bench-snapshot psql_db -c "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM users; SELECT pg_sleep($held_s); COMMIT" \
            >/dev/null 2>&1 &
        SNAPSHOT_PID=$!
        STARTED_PIDS+=("$SNAPSHOT_PID")
        measure_wrk "snapshot:create_user" create_user "$BASE" "$SERVER_PID"
        for s in $LATENCY_SCENARIOS; do
            [[ " $SCENARIOS " == *" $s "* ]] || continue
            CONNECTIONS=$LATENCY_CONNECTIONS measure_wrk "snapshot:$s" "$s" "$BASE" "$SERVER_PID"
        done
        WATERMARK_AFTER=$(psql_db -Atc "SELECT folded_below FROM user_search_watermark")
        SNAPSHOT_LOG_ROWS=$(psql_db -Atc "SELECT count(*) FROM user_search_changes")
        SNAPSHOT_XMIN=$(psql_db -Atc "SELECT backend_xmin FROM pg_stat_activity WHERE application_name = 'bench-snapshot'")
        psql_db -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bench-snapshot'" >/dev/null
        stop_pid "$SNAPSHOT_PID" 10; forget_pid "$SNAPSHOT_PID"
        # The same reads on the same rows (create_user's users still there) with no snapshot held:
        # what the snapshot itself costs, apart from the rows just written.
        for s in $LATENCY_SCENARIOS; do
            [[ " $SCENARIOS " == *" $s "* ]] || continue
            CONNECTIONS=$LATENCY_CONNECTIONS measure_wrk "released:$s" "$s" "$BASE" "$SERVER_PID"
        done
        cleanup_writes
    fi
    SERVER_HWM=$(( $(hwm_kib "$SERVER_PID") / 1024 ))
    stop_server
    cleanup_writes
fi

# ---------------------------------------------------------------------------------------------
# 3. Rate limiter cost: user_by_id with the limiter off (and with Redis counters)
# ---------------------------------------------------------------------------------------------
if [ "$LIMITER" = 1 ]; then
    # Each variant gets a fresh server and the same warm-up, and the variants take turns, so
    # that neither JIT state nor the machine's drift favours one of them.
    variants="local off"
    if [ "$REDIS" = 1 ]; then
        variants+=" redis"
        mkdir -p "$WORK/redis"
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --dir "$WORK/redis" \
            --protected-mode yes >"$WORK/redis.log" 2>&1 &
        REDIS_PID=$!
        STARTED_PIDS+=("$REDIS_PID")
        sleep 1
        kill -0 "$REDIS_PID" 2>/dev/null || die "redis-server did not start (log: $WORK/redis.log)"
    fi
    for ((i = 1; i <= RUNS; i++)); do
        for v in $variants; do
            case $v in
                local) start_server limiter-local ;;
                off) start_server limiter-off INVOIS_RATE_LIMITS_ENABLED=false ;;
                redis) start_server limiter-redis REDIS_URL="redis://127.0.0.1:$REDIS_PORT" ;;
            esac
            wrk_once user_by_id "$BASE" "$WARMUP" >/dev/null
            wrk_run "limiter_$v:user_by_id" user_by_id "$BASE" "round $i"
            stop_server
        done
    done
    for v in $variants; do settle "limiter_$v:user_by_id"; done
    if [ -n "$REDIS_PID" ]; then stop_pid "$REDIS_PID"; forget_pid "$REDIS_PID"; REDIS_PID=; fi
fi

# ---------------------------------------------------------------------------------------------
# 4. Database limit: pgbench running the SQL of each endpoint, same concurrency
# ---------------------------------------------------------------------------------------------
if [ "$PGBENCH" = 1 ]; then
    P="$BENCH_DIR/pgbench"
    for s in $SCENARIOS; do
        case $s in
            health_live) continue ;;
            mix) args=(-f "$P/user_by_id.sql@50" -f "$P/org_by_id.sql@10" -f "$P/list_users.sql@10" -f "$P/search.sql@10"
                       -f "$P/create_user.sql@10" -f "$P/update_user.sql@10") ;;
            *) args=(-f "$P/$s.sql") ;;
        esac
        log "pgbench $s: $RUNS x ${DURATION}s, -j$THREADS -c$CONNECTIONS -M $PGBENCH_MODE"
        # The limit of a write: the same rows into the same table without any counting (the user
        # search log's triggers off, V18); its rows are deleted before they go back on.
        case $s in create_user | update_user) search_log_triggers DISABLE ;; esac
        measure_pgbench "pgbench:$s" "${args[@]}"
        case $s in create_user | update_user) cleanup_writes; search_log_triggers ENABLE ;; esac
    done
    cleanup_writes
fi

# ---------------------------------------------------------------------------------------------
# 5. Keycloak, the peer: admin REST API on the same PostgreSQL server
# ---------------------------------------------------------------------------------------------
if [ "$KEYCLOAK" = 1 ]; then
    kc_start
    kc_import
    kc_analyze
    kc_token
    KC_BASE="$KC_URL"
    log "Keycloak warm-up: $WARMUP s"
    wrk_once kc_user_by_id "$KC_BASE" "$WARMUP" >/dev/null
    wrk_once kc_search "$KC_BASE" "$WARMUP" >/dev/null
    for s in kc_user_by_id kc_search kc_count; do
        log "Keycloak $s: $RUNS x ${DURATION}s"
        measure_wrk "kc:$s" "$s" "$KC_BASE" "$(kc_java_pid)"
    done
    KC_HWM=$(( $(hwm_kib "$(kc_java_pid)") / 1024 ))
    kc_stop
fi

# ---------------------------------------------------------------------------------------------
# 6. Report
# ---------------------------------------------------------------------------------------------
TOTAL_SECONDS=$(elapsed "$T_ALL")
HTTP_LIMIT=${RPS[invois:health_live]:-n/a}
DB_LIMIT=${RPS[pgbench:user_by_id]:-n/a}
{
    echo "# Invois benchmark $STAMP"
    echo
    echo "| setting | value |"
    echo "|---|---|"
    echo "| scale | $DB_USERS users, $DB_ORGS organizations, $(psql_db -Atc "SELECT memberships FROM bench.params()") memberships (database $(psql_db -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")) |"
    if [ -n "${GENERATE_SECONDS:-}" ]; then echo "| data generation | $GENERATE_SECONDS s (wall clock) |"; else echo "| data generation | reused the data already in the database |"; fi
    [ -n "${KEPT_TERMS:-}" ] && echo "| kept search totals | $KEPT_TERMS of the $DB_TERMS search terms are kept (adopted by the fold, V18); searching every term until no new one was kept took $KEEP_SEARCH_SECONDS s (once per database: the totals stay in it) |"
    echo "| load | wrk -t$THREADS -c$CONNECTIONS, ${DURATION} s per run, $RUNS runs (median), timeout $WRK_TIMEOUT, warm-up ${WARMUP} s |"
    echo "| server | $JAR_ORIG (sha256 $JAR_SHA…, $(date -u -r "$JAR_ORIG" +%Y-%m-%dT%H:%MZ 2>/dev/null || echo '?')), $($JAVA -version 2>&1 | head -1), $SERVER_HEAP, rate limit $HIGH_LIMITS |"
    echo "| database | PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}'), shared_buffers $PG_SHARED_BUFFERS, 127.0.0.1:$PG_PORT; pgbench -M $PGBENCH_MODE, latencies from a ${PGBENCH_SAMPLE} sample |"
    [ "$KEYCLOAK" = 1 ] && echo "| peer | Keycloak $KC_VERSION (start --optimized, cache=local, $KC_HEAP), realm with $(wc -l <"$DATA_DIR_EXPORT/kc_user_ids.txt") users${KC_IMPORT_SECONDS:+, imported in $KC_IMPORT_SECONDS s} |"
    echo "| machine | $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load average at the end $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| total run time | $TOTAL_SECONDS s |"
    echo
    echo "## Scenarios"
    echo
    echo "Invois through HTTP (wrk) against the database limit for the same SQL (pgbench, same concurrency)."
    echo "Errors are non-2xx answers plus socket errors and timeouts, summed over the runs."
    echo
    echo "| scenario | req/s | p50 ms | p99 ms | errors | server RSS MiB | DB limit tx/s | DB p50 ms | DB p99 ms | DB failed | Invois / DB limit |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for s in $SCENARIOS; do
        echo "| $s | $(fmt "${RPS[invois:$s]:-}" 1) | $(fmt "${P50[invois:$s]:-}" 2) | $(fmt "${P99[invois:$s]:-}" 2) | $(fmt "${ERR[invois:$s]:-}") | $(fmt "${RSS[invois:$s]:-}") | $(fmt "${RPS[pgbench:$s]:-}" 1) | $(fmt "${P50[pgbench:$s]:-}" 2) | $(fmt "${P99[pgbench:$s]:-}" 2) | $(fmt "${ERR[pgbench:$s]:-}") | $(ratio_e "${RPS[invois:$s]:-}" "${RPS[pgbench:$s]:-}" "${ERR[invois:$s]:-0}") |"
    done
    [ -n "${SERVER_HWM:-}" ] && { echo; echo "Server peak RSS (VmHWM) over the scenarios: $SERVER_HWM MiB."; }
    echo
    echo "## CPU per request"
    echo
    echo "Core-milliseconds per request (per transaction for pgbench), medians over the runs: the serving process, PostgreSQL (all its processes), and the rest of the machine's busy time, mostly the load generator. The machine has $(nproc) cores, so a run that keeps them busy serves $(nproc) × 1000 / total requests per second."
    echo
    echo "| run | req/s | server | PostgreSQL | load generator and rest | total |"
    echo "|---|---:|---:|---:|---:|---:|"
    for key in $(for s in $SCENARIOS; do echo "invois:$s pgbench:$s"; done) kc:kc_user_by_id kc:kc_search kc:kc_count \
               limiter_local:user_by_id limiter_off:user_by_id limiter_redis:user_by_id; do
        [ -n "${CPU_PG[$key]:-}" ] && [ "${CPU_PG[$key]}" != n/a ] || continue
        echo "| $key | $(fmt "${RPS[$key]:-}" 1) | $(fmt "${CPU_SERVER[$key]}" 3) | $(fmt "${CPU_PG[$key]}" 3) | $(fmt "${CPU_REST[$key]}" 3) | $(cpu_total "$key") |"
    done
    if [ -n "$(ceiling)" ]; then
        echo
        echo "A request to user by id costs at least the HTTP floor (GET /health/live: $(cpu_total invois:health_live) core-ms, server and wrk) plus the database floor (the same SQL under pgbench: $(cpu_total pgbench:user_by_id) core-ms, PostgreSQL and pgbench's C client). On $(nproc) cores no server can exceed $(nproc) × 1000 / ($(cpu_total invois:health_live) + $(cpu_total pgbench:user_by_id)) = $(fmt "$(ceiling)" 0) req/s here, even with no work of its own (JSON, authentication, rate limiting, logging)."
    fi
    if [ -n "${RPS[latency:search]:-}${RPS[latency:search_short]:-}${RPS[latency:deep_page]:-}" ]; then
        echo
        echo "## Latency at $LATENCY_CONNECTIONS connections (wrk -t$THREADS -c$LATENCY_CONNECTIONS)"
        echo
        echo "| scenario | req/s | p50 ms | p99 ms | errors |"
        echo "|---|---:|---:|---:|---:|"
        for s in $LATENCY_SCENARIOS; do
            [ -n "${RPS[latency:$s]:-}" ] || continue
            echo "| $s | $(fmt "${RPS[latency:$s]}" 1) | $(fmt "${P50[latency:$s]:-}" 2) | $(fmt "${P99[latency:$s]:-}" 2) | $(fmt "${ERR[latency:$s]:-}") |"
        done
    fi
    if [ -n "${RPS[snapshot:create_user]:-}" ]; then
        echo
        echo "## With a snapshot held open (REPEATABLE READ, xmin $SNAPSHOT_XMIN, as pg_dump holds one)"
        echo
        echo "create_user at $CONNECTIONS connections, then the latency runs at $LATENCY_CONNECTIONS, all while one transaction kept its snapshot. The fold's watermark (folded_below) went from $WATERMARK_BEFORE to $WATERMARK_AFTER; $SNAPSHOT_LOG_ROWS log rows were left unfolded at the end."
        echo
        echo "Then the same latency runs again on the same rows once the snapshot was released (the right-hand columns)."
        echo
        echo "| scenario | req/s | p50 ms | p99 ms | errors | released: req/s | p50 ms | p99 ms |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|"
        for s in create_user $LATENCY_SCENARIOS; do
            [ -n "${RPS[snapshot:$s]:-}" ] || continue
            echo "| $s | $(fmt "${RPS[snapshot:$s]}" 1) | $(fmt "${P50[snapshot:$s]:-}" 2) | $(fmt "${P99[snapshot:$s]:-}" 2) | $(fmt "${ERR[snapshot:$s]:-}") | $(fmt "${RPS[released:$s]:-}" 1) | $(fmt "${P50[released:$s]:-}" 2) | $(fmt "${P99[released:$s]:-}" 2) |"
        done
    fi
    echo
    echo "## Headline ratios"
    echo
    echo "| ratio | value |"
    echo "|---|---:|"
    LIMIT=$(min2 "$HTTP_LIMIT" "$DB_LIMIT")
    echo "| user by id / min(HTTP limit $(fmt "$HTTP_LIMIT" 1), DB limit $(fmt "$DB_LIMIT" 1)) | $(ratio_e "${RPS[invois:user_by_id]:-}" "$LIMIT" "${ERR[invois:user_by_id]:-0}") |"
    echo "| user by id / HTTP limit (GET /health/live) | $(ratio_e "${RPS[invois:user_by_id]:-}" "$HTTP_LIMIT" "${ERR[invois:user_by_id]:-0}") |"
    echo "| user by id / DB limit (pgbench) | $(ratio_e "${RPS[invois:user_by_id]:-}" "$DB_LIMIT" "${ERR[invois:user_by_id]:-0}") |"
    [ -n "$(ceiling)" ] && echo "| ceiling for any server here (CPU per request, above) / min(HTTP limit, DB limit) | $(ratio "$(ceiling)" "$LIMIT") |"
    if [ "$KEYCLOAK" = 1 ]; then
        echo "| Invois / Keycloak, user by id | $(ratio_e "${RPS[invois:user_by_id]:-}" "${RPS[kc:kc_user_by_id]:-}" "${ERR[invois:user_by_id]:-0}") |"
        echo "| Invois / Keycloak, search (3..10 chars) | $(ratio_e "${RPS[invois:search]:-}" "${RPS[kc:kc_search]:-}" "${ERR[invois:search]:-0}") |"
        echo "| Invois list page 1 (count + page) / Keycloak users/count | $(ratio_e "${RPS[invois:list_users]:-}" "${RPS[kc:kc_count]:-}" "${ERR[invois:list_users]:-0}") |"
    fi
    if [ "$LIMITER" = 1 ]; then
        echo "| limiter on (local, high limit) / limiter off, user by id | $(ratio_e "${RPS[limiter_local:user_by_id]:-}" "${RPS[limiter_off:user_by_id]:-}" "${ERR[limiter_local:user_by_id]:-0}") |"
        [ "$REDIS" = 1 ] && echo "| limiter on (Redis) / limiter off, user by id | $(ratio_e "${RPS[limiter_redis:user_by_id]:-}" "${RPS[limiter_off:user_by_id]:-}" "${ERR[limiter_redis:user_by_id]:-0}") |"
    fi
    if [ "$KEYCLOAK" = 1 ]; then
        echo
        echo "## Keycloak $KC_VERSION (admin REST API, bearer token from admin-cli)"
        echo
        echo "| request | req/s | p50 ms | p99 ms | errors | RSS MiB | Invois equivalent | Invois req/s |"
        echo "|---|---:|---:|---:|---:|---:|---|---:|"
        echo "| GET /admin/realms/$KC_REALM/users/{id} | $(fmt "${RPS[kc:kc_user_by_id]:-}" 1) | $(fmt "${P50[kc:kc_user_by_id]:-}" 2) | $(fmt "${P99[kc:kc_user_by_id]:-}" 2) | $(fmt "${ERR[kc:kc_user_by_id]:-}") | $(fmt "${RSS[kc:kc_user_by_id]:-}") | user_by_id | $(fmt "${RPS[invois:user_by_id]:-}" 1) |"
        echo "| GET /admin/realms/$KC_REALM/users?search=\*term\*&first=0&max=10 | $(fmt "${RPS[kc:kc_search]:-}" 1) | $(fmt "${P50[kc:kc_search]:-}" 2) | $(fmt "${P99[kc:kc_search]:-}" 2) | $(fmt "${ERR[kc:kc_search]:-}") | $(fmt "${RSS[kc:kc_search]:-}") | search | $(fmt "${RPS[invois:search]:-}" 1) |"
        echo "| GET /admin/realms/$KC_REALM/users/count | $(fmt "${RPS[kc:kc_count]:-}" 1) | $(fmt "${P50[kc:kc_count]:-}" 2) | $(fmt "${P99[kc:kc_count]:-}" 2) | $(fmt "${ERR[kc:kc_count]:-}") | $(fmt "${RSS[kc:kc_count]:-}") | list_users | $(fmt "${RPS[invois:list_users]:-}" 1) |"
        [ -n "${KC_HWM:-}" ] && { echo; echo "Keycloak peak RSS (VmHWM): $KC_HWM MiB. Keycloak holds the subset of $(wc -l <"$DATA_DIR_EXPORT/kc_user_ids.txt") users; Invois holds all $DB_USERS."; }
    fi
    if [ "$LIMITER" = 1 ]; then
        echo
        echo "## Rate limiter cost (user by id)"
        echo
        echo "| limiter | req/s | p50 ms | p99 ms | errors |"
        echo "|---|---:|---:|---:|---:|"
        echo "| on, in-process, limit $HIGH_LIMITS | $(fmt "${RPS[limiter_local:user_by_id]:-}" 1) | $(fmt "${P50[limiter_local:user_by_id]:-}" 2) | $(fmt "${P99[limiter_local:user_by_id]:-}" 2) | $(fmt "${ERR[limiter_local:user_by_id]:-}") |"
        echo "| off (INVOIS_RATE_LIMITS_ENABLED=false) | $(fmt "${RPS[limiter_off:user_by_id]:-}" 1) | $(fmt "${P50[limiter_off:user_by_id]:-}" 2) | $(fmt "${P99[limiter_off:user_by_id]:-}" 2) | $(fmt "${ERR[limiter_off:user_by_id]:-}") |"
        [ "$REDIS" = 1 ] && echo "| on, Redis (REDIS_URL) | $(fmt "${RPS[limiter_redis:user_by_id]:-}" 1) | $(fmt "${P50[limiter_redis:user_by_id]:-}" 2) | $(fmt "${P99[limiter_redis:user_by_id]:-}" 2) | $(fmt "${ERR[limiter_redis:user_by_id]:-}") |"
    fi
    echo
    echo "Raw wrk and pgbench output: $(basename "$RAW")."
} >"$OUT"
log "results: $OUT"
cat "$OUT"
