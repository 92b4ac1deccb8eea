# Shared functions of the benchmark kit; sourced by run.sh, generate.sh and keycloak.sh.
# Everything listens on 127.0.0.1 only, and every process started here is recorded so that
# stop_all (called from an EXIT trap) ends exactly those processes.

BENCH_DIR=${BENCH_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}
PROJECT_DIR=${PROJECT_DIR:-$(cd "$BENCH_DIR/.." && pwd)}
WORK=${WORK:-$BENCH_DIR/work}
RESULTS=${RESULTS:-$BENCH_DIR/results}
SCALE=${SCALE:-1000000}
# One database per scale, so that a small-scale run leaves the million-user data set alone.
if [ "$SCALE" = 1000000 ]; then PG_DB=${PG_DB:-invois}; else PG_DB=${PG_DB:-invois_$SCALE}; fi
DATA_DIR_EXPORT=${DATA_DIR_EXPORT:-$WORK/data-$PG_DB}

PG_PORT=${PG_PORT:-55432}
PG_DATA=${PG_DATA:-$WORK/pgdata}
PG_SOCK=${PG_SOCK:-$WORK/pgsock}
PG_LOG=${PG_LOG:-$WORK/postgres.log}
PG_USER=${PG_USER:-invois}
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-2GB}
HUGE_PAGES=${HUGE_PAGES:-1}

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------
APT_UPDATED=
apt_install() {
    # apt_install PACKAGE... : installs Debian packages that are missing (root only).
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || die "missing packages ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
    if [ -z "$APT_UPDATED" ]; then
        log "apt-get update"
        apt-get update -qq >/dev/null || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
}

pg_bindir() {
    # The newest installed Debian PostgreSQL server.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] && [ -x "$dir/postgres" ] && [ -x "$dir/pgbench" ] || return 1
    echo "$dir"
}

ensure_tools() {
    # ensure_tools [wrk] [redis] : PostgreSQL server + contrib (pg_trgm, pgbench) always.
    local pkgs=(postgresql postgresql-contrib curl procps jq unzip)
    for t in "$@"; do
        case $t in
            wrk) pkgs+=(wrk) ;;
            redis) pkgs+=(redis-server) ;;
        esac
    done
    apt_install "${pkgs[@]}"
    PG_BIN=$(pg_bindir) || die "no PostgreSQL server binaries under /usr/lib/postgresql"
    export PG_BIN
}

# ---------------------------------------------------------------------------------------------
# Process bookkeeping
# ---------------------------------------------------------------------------------------------
STARTED_PIDS=()     # plain child processes started by this shell (server, keycloak, redis)
PG_STARTED=         # set when this shell started the PostgreSQL cluster

stop_pid() {
    # stop_pid PID [SECONDS]: SIGTERM, wait, then SIGKILL.
    local pid=$1 wait_s=${2:-30} i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < wait_s * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    log "pid $pid did not stop in ${wait_s}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 0
}

forget_pid() {
    local pid=$1 kept=() p
    for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
    STARTED_PIDS=("${kept[@]}")
}

stop_all() {
    local p
    for p in "${STARTED_PIDS[@]}"; do stop_pid "$p" 30; done
    STARTED_PIDS=()
    if [ -n "$PG_STARTED" ]; then pg_stop; fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: a private cluster in $PG_DATA on 127.0.0.1:$PG_PORT, run as the postgres user
# ---------------------------------------------------------------------------------------------
as_postgres() { runuser -u postgres -- "$@"; }

pg_running() { [ -f "$PG_DATA/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

pg_init() {
    [ -f "$PG_DATA/PG_VERSION" ] && return 0
    log "initdb $PG_DATA"
    mkdir -p "$PG_DATA" "$PG_SOCK"
    chown postgres:postgres "$PG_DATA" "$PG_SOCK"
    chmod 700 "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || die "initdb failed"
    # Benchmark settings: sized for the 2-core / 24 GiB machine; loopback only; trust auth on
    # loopback (this cluster exists only for the benchmark). wal_level=minimal lets the data
    # load skip WAL for tables truncated in the same transaction; durability stays on
    # (fsync, synchronous_commit) so that write scenarios pay a real commit.
    cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- invois bench ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCK'
max_connections = 300
shared_buffers = $PG_SHARED_BUFFERS
effective_cache_size = 12GB
work_mem = 16MB
maintenance_work_mem = 1GB
max_parallel_maintenance_workers = 2
random_page_cost = 1.1
wal_level = minimal
max_wal_senders = 0
max_wal_size = 8GB
checkpoint_timeout = 15min
jit = off
log_min_duration_statement = -1
logging_collector = off
EOF
}

reserve_huge_pages() {
    # PostgreSQL maps shared_buffers with huge pages when the kernel has enough free (its
    # huge_pages = try). Every backend faults in the shared buffers it touches, 4 kB at a time
    # without them. Measured at a million users: pgbench search (32 new connections per run)
    # 321 tx/s without, 930 with; the server's fresh pool at 2 connections 186 and 300 req/s
    # in its first two 30 s runs without, 482 and 542 with. Reserved (as root) only when too
    # few are free, and given back by pg_stop.
    [ "$HUGE_PAGES" = 1 ] && [ -w /proc/sys/vm/nr_hugepages ] || return 0
    local need total free
    need=$(as_postgres "$PG_BIN/postgres" -D "$PG_DATA" -C shared_memory_size_in_huge_pages 2>/dev/null) || return 0
    [[ "$need" =~ ^[0-9]+$ ]] || return 0
    total=$(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo)
    free=$(awk '/^HugePages_Free:/ {print $2}' /proc/meminfo)
    [ "$free" -ge "$need" ] && return 0
    [ -f "$WORK/nr_hugepages.before" ] || echo "$total" >"$WORK/nr_hugepages.before"
    echo $((total + need - free)) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    log "huge pages: $(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo) reserved (was $total; PostgreSQL needs $need); HUGE_PAGES=0 to leave them alone"
}

release_huge_pages() {
    [ -f "$WORK/nr_hugepages.before" ] || return 0
    cat "$WORK/nr_hugepages.before" >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    rm -f "$WORK/nr_hugepages.before"
}

pg_start() {
    [ -n "${PG_BIN:-}" ] || ensure_tools
    pg_init
    mkdir -p "$PG_SOCK"; chown postgres:postgres "$PG_SOCK"
    if pg_running; then
        log "PostgreSQL already running in $PG_DATA (port $PG_PORT): using it"
    else
        touch "$PG_LOG"; chown postgres:postgres "$PG_LOG"
        reserve_huge_pages
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 120 start >/dev/null \
            || { tail -20 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
        PG_STARTED=1
        log "PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT"
    fi
    pg_ensure_db "$PG_DB" "$PG_USER"
}

pg_stop() {
    if pg_running; then
        log "stopping PostgreSQL"
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 120 stop >/dev/null || true
    fi
    release_huge_pages
    PG_STARTED=
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_db() { PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" "$@"; }

pg_ensure_db() {
    # pg_ensure_db DB OWNER
    local db=$1 owner=$2
    if [ -z "$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_roles WHERE rolname = '$owner'")" ]; then
        psql_admin -d postgres -c "CREATE ROLE \"$owner\" LOGIN PASSWORD '$owner'"
    fi
    if [ -z "$(psql_admin -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        psql_admin -d postgres -c "CREATE DATABASE \"$db\" OWNER \"$owner\""
    fi
    # pg_trgm needs superuser to create on PostgreSQL 15 unless trusted; create it up front.
    psql_admin -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_trgm" >/dev/null
}

pg_drop_db() {
    psql_admin -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
}

database_url() { echo "postgresql://$PG_USER:$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"; }

# ---------------------------------------------------------------------------------------------
# Misc
# ---------------------------------------------------------------------------------------------
wait_http() {
    # wait_http URL SECONDS [PID]: until the URL answers 2xx; fails early if PID has died.
    local url=$1 secs=$2 pid=${3:-} i
    for ((i = 0; i < secs * 4; i++)); do
        curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        sleep 0.25
    done
    return 1
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# CPU time in clock ticks: the whole machine's busy time, one process's (all its threads), and the
# PostgreSQL cluster's (the postmaster, its children that have ended, and the live ones).
CLK_TCK=$(getconf CLK_TCK)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
pid_ticks() { { [ -n "${1:-}" ] && awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; } || echo 0; }
pg_ticks() {
    local pm sum p
    pm=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null) && [ -r "/proc/$pm/stat" ] || { echo 0; return; }
    sum=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for p in $(pgrep -P "$pm"); do sum=$((sum + $(pid_ticks "$p"))); done
    echo "$sum"
}
cpu_snapshot() { echo "$(busy_ticks) $(pid_ticks "${1:-}") $(pg_ticks)"; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

now_s() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}'; }

# ---------------------------------------------------------------------------------------------
# The Invois server
# ---------------------------------------------------------------------------------------------
JAR=${JAR:-$PROJECT_DIR/target/invois.jar}
JAVA=${JAVA:-java}
SERVER_PORT=${SERVER_PORT:-18080}
SERVER_HEAP=${SERVER_HEAP:--Xmx256m}
KEY=${KEY:-bench-key-0123456789abcdef}
HIGH_LIMITS=${HIGH_LIMITS:-100000000/100000000/100000000}
SERVER_PID=

bench_secret_key() {
    # One INVOIS_SECRET_KEY per work directory, so that what one run sealed opens in the next.
    local file="$WORK/secret-key"
    [ -s "$file" ] || (umask 077 && openssl rand -base64 32 >"$file")
    cat "$file"
}

start_server() {
    # start_server LABEL [VAR=VALUE...]: starts the jar with the benchmark database; extra
    # environment assignments override the defaults (e.g. INVOIS_RATE_LIMITS_ENABLED=false).
    local label=$1; shift
    [ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw package, or set JAR=...)"
    local logf="$WORK/server-$label.log"
    log "starting server ($label): $JAVA $SERVER_HEAP -jar $JAR on 127.0.0.1:$SERVER_PORT"
    env PORT="$SERVER_PORT" INVOIS_API_KEY="$KEY" DATABASE_URL="$(database_url)" \
        INVOIS_RATE_LIMIT_DEFAULT="$HIGH_LIMITS" INVOIS_DATA_DIR="$WORK/server-data" \
        INVOIS_SECRET_KEY="${INVOIS_SECRET_KEY:-$(bench_secret_key)}" \
        ${SERVER_EXTRA_ENV:-} "$@" \
        "$JAVA" $SERVER_HEAP ${SERVER_JAVA_OPTS:-} -jar "$JAR" >"$logf" 2>&1 &
    SERVER_PID=$!
    STARTED_PIDS+=("$SERVER_PID")
    if ! wait_http "http://127.0.0.1:$SERVER_PORT/health" 300 "$SERVER_PID"; then
        tail -30 "$logf" >&2
        die "server ($label) did not become healthy; log: $logf"
    fi
    log "server ($label) pid $SERVER_PID healthy"
}

stop_server() {
    [ -n "$SERVER_PID" ] || return 0
    stop_pid "$SERVER_PID" 60
    forget_pid "$SERVER_PID"
    SERVER_PID=
}

schema_present() {
    [ "$(psql_db -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('users', 'organizations', 'memberships')")" = 3 ]
}

migrations_list() {
    # One line per migration in the jar: its name and a digest of its content.
    [ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw package, or set JAR=...)"
    local f
    for f in $(unzip -Z1 "$JAR" 'db/migration/*' 2>/dev/null | grep -v '/$' | sort -V); do
        echo "$f $(unzip -p "$JAR" "$f" | sha256sum | cut -c1-16)"
    done
}

ensure_schema() {
    # The server's Flyway migrations create the schema: start it once on the empty database.
    # When the jar only adds migrations to those that made the database, the server applies
    # them in place; a database made by other (edited or removed) migrations is dropped and
    # made again, since Flyway would refuse it.
    local now before state="$WORK/schema-migrations-$PG_DB"
    if [ ! -f "$JAR" ] && schema_present; then
        log "no server jar at $JAR: keeping the schema that database $PG_DB has"
        return 0
    fi
    now=$(migrations_list)
    before=$(cat "$state" 2>/dev/null || true)
    if schema_present && [ "$before" != "$now" ]; then
        if [ -n "$before" ] && [ "$(head -n "$(wc -l <<<"$before")" <<<"$now")" = "$before" ]; then
            log "the jar adds migrations to those that made database $PG_DB: the server applies them in place"
            start_server migrate
            stop_server
        else
            log "the jar's migrations differ from those that made database $PG_DB: dropping it"
            pg_drop_db "$PG_DB" >/dev/null
            pg_ensure_db "$PG_DB" "$PG_USER"
        fi
    fi
    if ! schema_present; then
        log "no schema yet: starting the server once so that its migrations create it"
        start_server migrate
        stop_server
        schema_present || die "the server started but the tables users/organizations/memberships are missing"
    fi
    echo "$now" >"$state"
}

# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
generated_scale() {
    psql_db -Atc "SELECT users FROM bench.params()" 2>/dev/null || true
}

generate_data() {
    # generate_data USERS: fills the database (skipped when it already holds this scale and
    # REGENERATE is not 1), then exports the id and search-term files.
    local users=$1 t0
    if [ "${REGENERATE:-0}" != 1 ] && [ "$(generated_scale)" = "$users" ] \
        && [ "$(psql_db -Atc "SELECT count(*) FROM users")" -ge "$users" ]; then
        log "database already holds the $users-user data set (REGENERATE=1 to rebuild)"
    else
        log "generating $users users, $((users / 10)) organizations, $((users * 2)) memberships"
        t0=$(now_s)
        psql_db -v users="$users" -f "$BENCH_DIR/generate.sql" 2>&1 | sed 's/^/  /' >&2
        [ "${PIPESTATUS[0]}" = 0 ] || die "generate.sql failed"
        GENERATE_SECONDS=$(elapsed "$t0")
        log "data generated in ${GENERATE_SECONDS} s (wall clock, psql included)"
    fi
    export_data
}

export_data() {
    # Files read by the wrk Lua scripts, one value a line.
    local d=$DATA_DIR_EXPORT
    mkdir -p "$d"
    psql_db -Atc "SELECT id FROM users ORDER BY random() LIMIT 100000" >"$d/user_ids.txt"
    psql_db -Atc "SELECT id FROM organizations ORDER BY random() LIMIT 20000" >"$d/org_ids.txt"
    psql_db -Atc "SELECT term FROM bench.search_terms ORDER BY k" >"$d/search_terms.txt"
    psql_db -Atc "SELECT term FROM bench.short_terms ORDER BY k" >"$d/short_terms.txt"
    log "exported $(wc -l <"$d/user_ids.txt") user ids, $(wc -l <"$d/org_ids.txt") organization ids, $(wc -l <"$d/search_terms.txt") search terms, $(wc -l <"$d/short_terms.txt") short terms to $d"
}

keep_search_counts() {
    # keep_search_counts BASE_URL: searches every term of search_terms.txt (4 at a time) until
    # the server keeps the totals of all popular ones (V18). A long term's search counts its
    # matches; the server remembers a popular one and its fold adopts it within seconds (a few per
    # fold). This is a cost paid once per database (the kept totals live in it), not per run; it
    # is timed and reported.
    local url=$1 pass kept before t0 was i
    local kept_sql="SELECT count(*) FROM user_search_totals WHERE length(term) >= 4"
    t0=$(now_s)
    before=$(psql_db -Atc "$kept_sql")
    for pass in 1 2 3 4 5; do
        sed 's/%/%25/g; s/&/%26/g; s/+/%2B/g; s/#/%23/g; s/ /%20/g' "$DATA_DIR_EXPORT/search_terms.txt" \
            | xargs -d '\n' -P 4 -I{} curl -s -o /dev/null -H "X-Invois-Key: $KEY" "$url/api/integrations/users?query={}"
        # until the folds have adopted what this pass remembered: no new term for 5 s (at most 10 min)
        kept=$(psql_db -Atc "$kept_sql"); was=-1
        for ((i = 0; i < 600 && kept != was; i += 5)); do was=$kept; sleep 5; kept=$(psql_db -Atc "$kept_sql"); done
        log "search totals kept after pass $pass: $kept"
        [ "$kept" = "$before" ] && break
        before=$kept
    done
    KEEP_SEARCH_SECONDS=$(elapsed "$t0")
    KEPT_TERMS=$kept
    log "popular search totals kept: $kept terms, in ${KEEP_SEARCH_SECONDS} s"
}
