#!/usr/bin/env bash
# The submission engine (E6) against the MyInvois simulator enforcing LHDN's budgets: documents
# accepted per minute while backlogged, as a fraction of LHDN's ceiling (100 submissions of 100
# documents a minute per client ID), every API's calls per minute against LHDN's figure, every
# document Valid exactly once with our bytes, and the server's memory at -Xmx256m throughout.
# Builds nothing: it runs target/invois.jar (./mvnw -q package -DskipTests first, or JAR=...)
# twice, as two processes: the server (on the kit's PostgreSQL, database invois_engine, made again
# each run) and `invois.jar simulator` (its own embedded PostgreSQL, made again each run), so that
# the two are measured apart. All merchants share the one intermediary client ID, so one budget.
#
#   bench/engine.sh                      # 20 merchants x 1,800 documents (~9 minutes)
#   DOCUMENTS=4000 bench/engine.sh       # a quick check of the kit (fails the 3-minute check)
#
# The backlog is built through the API with the server's submit job held (its db-scheduler row
# taken by this script), so the engine starts on the complete backlog at one instant, 10 s before
# a minute begins (the first minute's logins then fall in the few seconds before it). The
# measured minutes are the whole calendar minutes between the first and the last document
# accepted, in each of which documents were waiting at the start and at the end.
#
# Writes bench/results/engine-<timestamp>.md (+ .minutes.txt, .rss.txt); exits 1 when a check
# fails (a minute over any budget, a 429, a document not Valid exactly once with our bytes,
# fewer than 3 backlogged minutes).
set -euo pipefail
PG_DB=${PG_DB:-invois_engine}
HUGE_PAGES=${HUGE_PAGES:-0}
source "$(dirname "$0")/lib.sh"

MERCHANTS=${MERCHANTS:-20}
DOCUMENTS=${DOCUMENTS:-36000}
WORKERS=${WORKERS:-8}
SIM_PORT=${SIM_PORT:-18090}
SIM_HEAP=${SIM_HEAP:--Xmx512m}
VALIDATION_DELAY_MS=${VALIDATION_DELAY_MS:-1000}
DRAIN_LIMIT=${DRAIN_LIMIT:-480}
# PROFILER=/path/to/libasyncProfiler.so: the server profiled from the release to the end (bench/README.md, Profiling).
PROFILER=${PROFILER:-}
PROFILE_EVENT=${PROFILE_EVENT:-wall}
CLIENT_ID=invois-bench-engine
SIM_SECRET=${SIM_SECRET:-bench-simulator-secret-0123456789}
[[ "$MERCHANTS" =~ ^[0-9]+$ ]] && [ "$MERCHANTS" -ge 1 ] && [ "$MERCHANTS" -le 100 ] || die "MERCHANTS must be 1..100"
[[ "$DOCUMENTS" =~ ^[0-9]+$ ]] && [ "$DOCUMENTS" -ge "$MERCHANTS" ] && [ "$DOCUMENTS" -le 100000 ] \
    && [ $((DOCUMENTS % MERCHANTS)) = 0 ] || die "DOCUMENTS must be a multiple of MERCHANTS, at most 100,000"
[[ "$DRAIN_LIMIT" =~ ^[0-9]+$ ]] && [ "$DRAIN_LIMIT" -ge 60 ] && [ "$DRAIN_LIMIT" -le 900 ] || die "DRAIN_LIMIT must be 60..900 seconds"
PER_MERCHANT=$((DOCUMENTS / MERCHANTS))

SIM_DIR="$WORK/simulator-engine"
SIM_PID=
stop_simulator() {
    # The simulator's shutdown hook stops its PostgreSQL; after a SIGKILL it would be left running.
    [ -z "$SIM_PID" ] || { stop_pid "$SIM_PID" 30; forget_pid "$SIM_PID"; SIM_PID=; }
    local pm
    pm=$(head -1 "$SIM_DIR/postgres/postmaster.pid" 2>/dev/null) || return 0
    if kill -0 "$pm" 2>/dev/null && grep -q "$SIM_DIR/postgres" "/proc/$pm/cmdline" 2>/dev/null; then
        log "the simulator's PostgreSQL (pid $pm) outlived it: stopping it"
        stop_pid "$pm" 30
    fi
}
trap 'stop_server; stop_simulator; stop_all' EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS" "$WORK"
OUT="$RESULTS/engine-$STAMP.md"
MINUTES_LOG="$RESULTS/engine-$STAMP.minutes.txt"
RSS_LOG="$RESULTS/engine-$STAMP.rss.txt"
T_ALL=$(now_s)

ensure_tools
[ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw -q package -DskipTests, or set JAR=...)"
cp "$JAR" "$WORK/invois-engine.jar"   # a rebuild during the run does not disturb it
JAR_ORIG=$JAR
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
JAR="$WORK/invois-engine.jar"

pg_start
pg_drop_db "$PG_DB" >/dev/null
pg_ensure_db "$PG_DB" "$PG_USER"

# ---------------------------------------------------------------------------------------------
# The simulator, a process of its own, LHDN's budgets enforced per calendar minute
# ---------------------------------------------------------------------------------------------
SIM="http://127.0.0.1:$SIM_PORT"
rm -rf "$SIM_DIR"
mkdir -p "$SIM_DIR"
log "starting the MyInvois simulator: $JAVA $SIM_HEAP -jar $JAR simulator on 127.0.0.1:$SIM_PORT"
"$JAVA" $SIM_HEAP -jar "$JAR" simulator --port "$SIM_PORT" --data-dir "$SIM_DIR" --development-secret "$SIM_SECRET" \
    --validation-delay-ms "$VALIDATION_DELAY_MS" >"$WORK/simulator-engine.log" 2>&1 &
SIM_PID=$!
STARTED_PIDS+=("$SIM_PID")
wait_http "$SIM/simulator/stats" 180 "$SIM_PID" || { tail -30 "$WORK/simulator-engine.log" >&2; die "the simulator did not start"; }
SIM_PG_PORT=$(sed -n 4p "$SIM_DIR/postgres/postmaster.pid")
psql_sim() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$SIM_PG_PORT" -U postgres -d postgres "$@"; }
sim_pg_ticks() { PG_DATA="$SIM_DIR/postgres" pg_ticks; }
log "simulator pid $SIM_PID, its PostgreSQL on 127.0.0.1:$SIM_PG_PORT"

# ---------------------------------------------------------------------------------------------
# The server, its engine pointed at the simulator as at LHDN, its submit job held
# ---------------------------------------------------------------------------------------------
BASE="http://127.0.0.1:$SERVER_PORT"
start_server engine INVOIS_MYINVOIS_URL="$SIM" INVOIS_MYINVOIS_PORTAL_URL="$SIM" \
    INVOIS_MYINVOIS_CLIENT_ID="$CLIENT_ID" INVOIS_MYINVOIS_CLIENT_SECRET="$SIM_SECRET"
hold_submit() {
    # Takes the submit job's row as db-scheduler does when it picks an execution (picked, a newer
    # version), with a heartbeat a day ahead, so that no instance runs it or takes it for dead.
    # Only while it is not running: a running execution would overwrite the row when it ends.
    local i
    for ((i = 0; i < 120; i++)); do
        [ "$(psql_db -Atc "WITH held AS (UPDATE scheduled_tasks SET picked = true, picked_by = 'bench-engine-hold',
                last_heartbeat = now() + interval '1 day', version = version + 1
                WHERE task_name = 'submit' AND NOT picked RETURNING 1) SELECT count(*) FROM held")" = 1 ] && return 0
        sleep 0.25
    done
    die "could not hold the submit job (no idle row 'submit' in scheduled_tasks)"
}
release_submit() {
    psql_db -Atc "UPDATE scheduled_tasks SET picked = false, picked_by = NULL, last_heartbeat = NULL, execution_time = now(),
        version = version + 1 WHERE task_name = 'submit' AND picked_by = 'bench-engine-hold'" >/dev/null
}
hold_submit
log "submit job held: drafts stay drafts until the backlog is complete"

sample_rss() {
    # "epoch-seconds server-VmRSS-KiB simulator-VmRSS-KiB" every second while the server runs.
    while kill -0 "$1" 2>/dev/null; do echo "$(date +%s) $(rss_kib "$1") $(rss_kib "$2")"; sleep 1; done
}
sample_rss "$SERVER_PID" "$SIM_PID" >"$RSS_LOG" &
STARTED_PIDS+=("$!")

api() {
    # api METHOD PATH JSON: the answer's body; fails on a non-2xx.
    curl -fsS -X "$1" -H "X-Invois-Key: $KEY" -H 'Content-Type: application/json' --data "$3" "$BASE/api/integrations$2"
}
ORGS="$WORK/engine-organizations.txt"
: >"$ORGS"
for ((m = 0; m < MERCHANTS; m++)); do
    org=$(api POST /organizations "{\"name\":\"Kedai Bench $m Sdn Bhd\"}" | jq -r .id)
    api PUT "/organizations/$org/einvoice-settings" "$(printf '{"tin":"C25845632%02d0","registrationType":"BRN",
        "registrationNumber":"202001234567","msicCode":"47912","phone":"012-345 6789","address":{"lines":["No. 12, Jalan Bukit Bintang"],
        "city":"Kuala Lumpur","postcode":"55100","state":"14","country":"MYS"}}' "$m")" >/dev/null
    echo "$org" >>"$ORGS"
done
log "$MERCHANTS merchants with complete settings (TINs C2584563200 0..), one intermediary client ID $CLIENT_ID"

# ---------------------------------------------------------------------------------------------
# The backlog: orders and their buyers' requests, through the API
# ---------------------------------------------------------------------------------------------
log "backlog: $DOCUMENTS e-invoices ($MERCHANTS x $PER_MERCHANT orders + requests, $WORKERS workers)"
T_SETUP=$(now_s)
SETUP_BEFORE=$(cpu_snapshot "$SERVER_PID")
BACKLOG_LINE=$("$JAVA" -Xmx256m "$BENCH_DIR/engine/Backlog.java" "$BASE" "$KEY" "$ORGS" "$PER_MERCHANT" "$WORKERS" | grep '^BACKLOG')
SETUP_AFTER=$(cpu_snapshot "$SERVER_PID")
SETUP_SECONDS=$(elapsed "$T_SETUP")
log "$BACKLOG_LINE"
DRAFTS=$(psql_db -Atc "SELECT count(*) FROM einvoices WHERE status = 'draft' AND document IS NOT NULL")
EARLY=$(psql_sim -Atc "SELECT coalesce(sum(calls), 0) FROM myinvois_sim.calls")
[ "$DRAFTS" = "$DOCUMENTS" ] || die "the backlog holds $DRAFTS drafts, not $DOCUMENTS: $BACKLOG_LINE (log: $WORK/server-engine.log)"
[ "$EARLY" = 0 ] && [ "$(psql_db -Atc "SELECT count(*) FROM submissions")" = 0 ] \
    || die "the engine called the simulator ($EARLY calls) before the backlog was complete: the hold did not work"

# ---------------------------------------------------------------------------------------------
# The drain
# ---------------------------------------------------------------------------------------------
valid_count() { psql_db -Atc "SELECT count(*) FILTER (WHERE status = 'valid') || ' ' || count(*) FILTER (WHERE status IN ('invalid', 'cancelled')) FROM einvoices"; }
sim_ticks() { echo "$(pid_ticks "$SIM_PID") $(sim_pg_ticks)"; }
second=$((10#$(date -u +%S)))
if [ "$second" -lt 45 ] || [ "$second" -gt 52 ]; then
    log "waiting $(( (110 - second) % 60 )) s to release the engine at second 50 of a minute"
    sleep $(( (110 - second) % 60 ))
fi
DRAIN_BEFORE="$(cpu_snapshot "$SERVER_PID") $(sim_ticks)"
T_DRAIN=$(now_s)
RELEASED_AT=$(date -u +%H:%M:%S)
if [ -n "$PROFILER" ]; then
    jcmd "$SERVER_PID" JVMTI.agent_load "$PROFILER" "\"start,event=$PROFILE_EVENT,interval=5ms,threads\"" >/dev/null
fi
release_submit
log "submit job released at $RELEASED_AT UTC: draining (at most $DRAIN_LIMIT s)"
last_log=0
while :; do
    read -r VALID OTHER <<<"$(valid_count)"
    waited=$(awk -v a="$T_DRAIN" -v b="$(now_s)" 'BEGIN {printf "%d", b - a}')
    [ "$((VALID + OTHER))" -lt "$DOCUMENTS" ] || break
    [ "$waited" -lt "$DRAIN_LIMIT" ] || { log "drain limit reached: $VALID valid, $OTHER invalid or cancelled"; break; }
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server died during the drain (log: $WORK/server-engine.log)"
    if [ $((waited - last_log)) -ge 30 ]; then
        last_log=$waited
        log "  ${waited} s: $VALID valid, $OTHER invalid, $(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.documents") at the simulator"
    fi
    sleep 1
done
DRAIN_SECONDS=$(elapsed "$T_DRAIN")
DRAIN_AFTER="$(cpu_snapshot "$SERVER_PID") $(sim_ticks)"
log "drained in $DRAIN_SECONDS s: $VALID valid, $OTHER invalid or cancelled"

if [ -n "$PROFILER" ]; then
    jcmd "$SERVER_PID" JVMTI.agent_load "$PROFILER" "\"stop,file=$RESULTS/engine-$STAMP.server.collapsed,collapsed\"" >/dev/null
    log "profile: $RESULTS/engine-$STAMP.server.collapsed"
fi
ENGINE_METRICS=$(curl -fsS -H "X-Invois-Key: $KEY" "$BASE/metrics" | grep '^invois_lhdn_calls_total' || true)
SUBMISSIONS=$(psql_db -Atc "SELECT count(*) || ' ' || count(*) FILTER (WHERE state <> 'done') FROM submissions")
psql_db -Atc "SELECT uuid || ' ' || document_sha256 FROM einvoices WHERE status = 'valid'" | LC_ALL=C sort >"$WORK/engine-ours.txt"
# Decided at the server per minute (the poll job): "HH:MM valid".
psql_db -F ' ' -Atc "SELECT to_char(date_trunc('minute', changed_at) AT TIME ZONE 'UTC', 'HH24:MI'), count(*) FROM einvoice_status_changes
    WHERE to_status = 'valid' GROUP BY 1 ORDER BY 1" >"$WORK/engine-valid-minutes.txt"
SERVER_HWM=$(( $(hwm_kib "$SERVER_PID") / 1024 ))
SIM_HWM=$(( $(hwm_kib "$SIM_PID") / 1024 ))
stop_server

# ---------------------------------------------------------------------------------------------
# What the simulator saw (its own tables)
# ---------------------------------------------------------------------------------------------
psql_sim -Atc "SELECT uuid || ' ' || sha256 FROM myinvois_sim.documents WHERE status = 'Valid'" | LC_ALL=C sort >"$WORK/engine-theirs.txt"
SIM_DOCS=$(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.documents")
SIM_VALID=$(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Valid'")
SIM_TWICE=$(psql_sim -Atc "SELECT count(*) FROM (SELECT 1 FROM myinvois_sim.documents GROUP BY issuer_tin, code_number HAVING count(*) > 1) AS twice")
SIM_SUBMISSIONS=$(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.submissions")
LOGINS=$(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.tokens")
SAME_BYTES=$(cmp -s "$WORK/engine-ours.txt" "$WORK/engine-theirs.txt" && echo yes || echo no)
# Every API's calls per calendar minute, beside LHDN's figure; refused calls are counted in calls.
OVER=$(psql_sim -Atc "SELECT count(*) FROM myinvois_sim.calls WHERE calls > CASE api WHEN 'login' THEN 12 WHEN 'submit' THEN 100
    WHEN 'getSubmission' THEN 300 WHEN 'details' THEN 125 WHEN 'raw' THEN 60 WHEN 'cancel' THEN 12 WHEN 'search' THEN 12
    WHEN 'validateTin' THEN 60 ELSE 0 END")
REFUSED=$(psql_sim -Atc "SELECT coalesce(sum(refused), 0) FROM myinvois_sim.calls")
# minute | documents accepted | submit | login | getSubmission | details | search | cancel | refused
psql_sim -F ' ' -Atc "WITH m AS (SELECT minute FROM myinvois_sim.calls UNION SELECT date_trunc('minute', received_at) FROM myinvois_sim.documents),
    d AS (SELECT date_trunc('minute', received_at) AS minute, count(*) AS n FROM myinvois_sim.documents GROUP BY 1)
    SELECT to_char(m.minute AT TIME ZONE 'UTC', 'HH24:MI'), coalesce(d.n, 0),
        coalesce(sum(c.calls) FILTER (WHERE c.api = 'submit'), 0), coalesce(sum(c.calls) FILTER (WHERE c.api = 'login'), 0),
        coalesce(sum(c.calls) FILTER (WHERE c.api = 'getSubmission'), 0), coalesce(sum(c.calls) FILTER (WHERE c.api = 'details'), 0),
        coalesce(sum(c.calls) FILTER (WHERE c.api = 'search'), 0), coalesce(sum(c.calls) FILTER (WHERE c.api = 'cancel'), 0),
        coalesce(sum(c.refused), 0)
    FROM (SELECT DISTINCT minute FROM m) m LEFT JOIN d ON d.minute = m.minute LEFT JOIN myinvois_sim.calls c ON c.minute = m.minute
    GROUP BY m.minute, d.n ORDER BY m.minute" >"$MINUTES_LOG"
# Backlogged: the whole minutes after the first document's and before the last document's minute.
read -r BACKLOGGED DOCS_BACKLOGGED MIN_BACKLOGGED MAX_BACKLOGGED SUBMITS_BACKLOGGED <<<"$(psql_sim -F ' ' -Atc "
    WITH d AS (SELECT date_trunc('minute', received_at) AS minute, count(*) AS n FROM myinvois_sim.documents GROUP BY 1),
    b AS (SELECT * FROM d WHERE minute > (SELECT min(minute) FROM d) AND minute < (SELECT max(minute) FROM d))
    SELECT count(*), coalesce(sum(n), 0), coalesce(min(n), 0), coalesce(max(n), 0),
        (SELECT coalesce(sum(calls), 0) FROM myinvois_sim.calls c WHERE c.api = 'submit' AND c.minute IN (SELECT minute FROM b)) FROM b")"
stop_simulator
RSS_PEAK=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {printf "%d", m / 1024}' "$RSS_LOG")
SIM_RSS_PEAK=$(awk 'BEGIN {m = 0} $3 > m {m = $3} END {printf "%d", m / 1024}' "$RSS_LOG")

# ---------------------------------------------------------------------------------------------
# Checks and report
# ---------------------------------------------------------------------------------------------
FAILURES=()
[ "$OVER" = 0 ] || FAILURES+=("$OVER (client, API, minute) over LHDN's figure at the simulator")
[ "$REFUSED" = 0 ] || FAILURES+=("$REFUSED calls answered 429 by the simulator")
[ "$VALID" = "$DOCUMENTS" ] || FAILURES+=("$VALID of $DOCUMENTS e-invoices valid ($OTHER invalid or cancelled) after $DRAIN_SECONDS s")
[ "$SIM_DOCS" = "$DOCUMENTS" ] && [ "$SIM_VALID" = "$DOCUMENTS" ] && [ "$SIM_TWICE" = 0 ] \
    || FAILURES+=("the simulator holds $SIM_DOCS documents, $SIM_VALID Valid, $SIM_TWICE code numbers more than once")
[ "$SAME_BYTES" = yes ] || FAILURES+=("the valid e-invoices' (uuid, sha256) differ from the simulator's Valid documents")
[ "$BACKLOGGED" -ge 3 ] || FAILURES+=("only $BACKLOGGED backlogged minutes (at least 3 needed; more DOCUMENTS)")

RATIO=$(awk -v d="$DOCS_BACKLOGGED" -v n="$BACKLOGGED" 'BEGIN {printf "%.3f", n ? d / n / 10000 : 0}')
per_doc() { awk -v d="$1" -v n="$2" -v t="$CLK_TCK" 'BEGIN {printf "%.3f", n ? d * 1000 / t / n : 0}'; }
read -r b0 s0 p0 j0 q0 <<<"$DRAIN_BEFORE"; read -r b1 s1 p1 j1 q1 <<<"$DRAIN_AFTER"
CPU_SERVER=$(per_doc $((s1 - s0)) "$DOCUMENTS"); CPU_PG=$(per_doc $((p1 - p0)) "$DOCUMENTS")
CPU_SIM=$(per_doc $((j1 - j0)) "$DOCUMENTS"); CPU_SIM_PG=$(per_doc $((q1 - q0)) "$DOCUMENTS")
CPU_REST=$(per_doc $(((b1 - b0) - (s1 - s0) - (p1 - p0) - (j1 - j0) - (q1 - q0))) "$DOCUMENTS")
CPU_ALL=$(per_doc $((b1 - b0)) "$DOCUMENTS")
read -r b0 s0 p0 <<<"$SETUP_BEFORE"; read -r b1 s1 p1 <<<"$SETUP_AFTER"
SETUP_SERVER=$(per_doc $((s1 - s0)) "$DOCUMENTS"); SETUP_PG=$(per_doc $((p1 - p0)) "$DOCUMENTS")
SETUP_REST=$(per_doc $(((b1 - b0) - (s1 - s0) - (p1 - p0))) "$DOCUMENTS")
read -r SUBS SUB_OPEN <<<"$SUBMISSIONS"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
{
    echo "# Invois submission engine $STAMP"
    echo
    echo "| setting | value |"
    echo "|---|---|"
    echo "| backlog | $DOCUMENTS individual e-invoices (general TIN buyer, 2 lines, v1.1 signed) for $MERCHANTS merchants ($PER_MERCHANT each), all created through the API before the engine started ($(field orders <<<"$BACKLOG_LINE") orders, $(field requests <<<"$BACKLOG_LINE") requests, $(field failures <<<"$BACKLOG_LINE") failures, $WORKERS workers, $SETUP_SECONDS s) |"
    echo "| LHDN | \`invois.jar simulator\` as a process of its own ($SIM_HEAP, embedded PostgreSQL), development mode, validation after $VALIDATION_DELAY_MS ms, LHDN's budgets per calendar minute and client ID; one intermediary client ID \`$CLIENT_ID\` for every merchant |"
    echo "| server | $JAR_ORIG (sha256 $JAR_SHA…), $($JAVA -version 2>&1 | head -1), $SERVER_HEAP, one instance |"
    echo "| database | PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT, database $PG_DB made again for this run |"
    echo "| machine | $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| total run time | $(elapsed "$T_ALL") s; engine released at $RELEASED_AT UTC, all decided after $DRAIN_SECONDS s |"
    echo
    echo "**Documents per backlogged minute / LHDN's ceiling (10,000): $RATIO** (target ≥ 0.9; $DOCS_BACKLOGGED documents in $BACKLOGGED whole minutes, each minute $MIN_BACKLOGGED–$MAX_BACKLOGGED, with $SUBMITS_BACKLOGGED submit calls)."
    echo
    echo "| minute (UTC) | documents accepted | submit (100) | login (12) | get submission (300) | details (125) | search (12) | cancel (12) | refused (429) | Valid at the server |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk 'NR == FNR {valid[$1] = $2; next} {printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, valid[$1]}' \
        "$WORK/engine-valid-minutes.txt" "$MINUTES_LOG"
    echo
    echo "- Minutes over a budget of LHDN's (any API): **$OVER**; calls refused with 429: **$REFUSED**."
    echo "- Valid: $VALID of $DOCUMENTS at the server; at the simulator $SIM_DOCS documents, $SIM_VALID Valid, $SIM_TWICE code numbers held twice; (uuid, sha256) of ours and theirs identical: $SAME_BYTES."
    echo "- Submissions: $SUBS at the server ($SUB_OPEN not done), $SIM_SUBMISSIONS at the simulator ($(awk -v d="$SIM_DOCS" -v s="$SIM_SUBMISSIONS" 'BEGIN {printf "%.1f", s ? d / s : 0}') documents each); logins $LOGINS."
    echo "- The engine's calls (invois_lhdn_calls_total; \`throttled\` counts its own budget's refusals): $(awk '{gsub(/invois_lhdn_calls_total/, ""); printf "%s%s", sep, $0; sep = ", "}' <<<"$ENGINE_METRICS")."
    echo "- Memory, sampled every second from the server's start to its stop: server peak RSS **$RSS_PEAK MiB** (VmHWM $SERVER_HWM MiB) at $SERVER_HEAP; simulator $SIM_RSS_PEAK MiB (VmHWM $SIM_HWM MiB) at $SIM_HEAP."
    echo
    echo "CPU per document, core-milliseconds (the machine has $(nproc)):"
    echo
    echo "| phase | server | PostgreSQL (server's) | simulator | simulator's PostgreSQL | rest of the machine | total |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    echo "| drain: submit, poll, validate ($DRAIN_SECONDS s) | $CPU_SERVER | $CPU_PG | $CPU_SIM | $CPU_SIM_PG | $CPU_REST | $CPU_ALL |"
    echo "| set-up: order + request through the API ($SETUP_SECONDS s) | $SETUP_SERVER | $SETUP_PG | – | – | $SETUP_REST (client and others) | |"
    echo
    if [ ${#FAILURES[@]} = 0 ]; then echo "Checks: all passed."; else printf 'Check failed: %s\n' "${FAILURES[@]}"; fi
} >"$OUT"
cat "$OUT"
log "report: $OUT"
[ ${#FAILURES[@]} = 0 ]
