#!/usr/bin/env bash
# Keycloak as the peer of the benchmark: downloaded from Maven Central
# (org.keycloak:keycloak-quarkus-dist, zip), run on 127.0.0.1 with its own database on the
# benchmark PostgreSQL, loaded with a subset of the Invois users (KC_USERS, default 100,000),
# and benchmarked through its admin REST API with a bearer token from the admin-cli client.
#
# Sourced by run.sh (functions kc_*). Run on its own, it sets Keycloak up and checks it:
#   bench/keycloak.sh            # download, start, import (if needed), one request each, stop
# The benchmark data must exist (bench/generate.sh).

[ -n "${BENCH_DIR:-}" ] || source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KC_VERSION=${KC_VERSION:-26.7.3}
KC_HOME=${KC_HOME:-$WORK/keycloak-$KC_VERSION}
KC_PORT=${KC_PORT:-18180}
KC_MGMT_PORT=${KC_MGMT_PORT:-19000}
KC_HEAP=${KC_HEAP:--Xms256m -Xmx1g}
KC_REALM=${KC_REALM:-bench}
KC_USERS=${KC_USERS:-100000}
KC_BATCH=${KC_BATCH:-500}
KC_IMPORT_JOBS=${KC_IMPORT_JOBS:-2}
KC_ADMIN=${KC_ADMIN:-admin}
KC_ADMIN_PASSWORD=${KC_ADMIN_PASSWORD:-bench-admin-password}
KC_DB=${KC_DB:-keycloak}
KC_URL="http://127.0.0.1:$KC_PORT"
KC_PID=
KC_TOKEN=

kc_java_home() {
    # Keycloak 26 needs Java 21 or newer.
    local j v
    for j in "${KC_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
             /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
        [ -n "$j" ] && [ -x "$j/bin/java" ] || continue
        v=$("$j/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
        if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$j"; return 0; fi
    done
    return 1
}

kc_install() {
    [ -x "$KC_HOME/bin/kc.sh" ] && return 0
    local base="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION"
    local zip="$WORK/keycloak-quarkus-dist-$KC_VERSION.zip"
    if [ ! -f "$zip" ]; then
        log "downloading Keycloak $KC_VERSION from Maven Central"
        curl -fsSL --retry 3 -o "$zip.part" "$base/keycloak-quarkus-dist-$KC_VERSION.zip" || die "Keycloak download failed"
        mv "$zip.part" "$zip"
    fi
    local want
    want=$(curl -fsSL --retry 3 "$base/keycloak-quarkus-dist-$KC_VERSION.zip.sha1" | awk '{print $1}') || die "no sha1 for the Keycloak zip"
    [ "$(sha1sum "$zip" | awk '{print $1}')" = "$want" ] || { rm -f "$zip"; die "Keycloak zip checksum mismatch (deleted; run again)"; }
    (cd "$WORK" && unzip -q -o "$zip") || die "unzip failed"
    [ -x "$KC_HOME/bin/kc.sh" ] || die "unexpected Keycloak layout: no $KC_HOME/bin/kc.sh"
}

kc_start() {
    local jh
    jh=$(kc_java_home) || die "Keycloak $KC_VERSION needs Java 21+; none found under /usr/lib/jvm (set KC_JAVA_HOME)"
    kc_install
    pg_ensure_db "$KC_DB" "$KC_DB"
    local opts=(--db=postgres --cache=local --health-enabled=true --http-management-port="$KC_MGMT_PORT")
    if [ ! -f "$KC_HOME/.bench-built" ]; then
        log "building Keycloak (kc.sh build ${opts[*]})"
        JAVA_HOME=$jh "$KC_HOME/bin/kc.sh" build "${opts[@]}" >"$WORK/keycloak-build.log" 2>&1 \
            || { tail -20 "$WORK/keycloak-build.log" >&2; die "kc.sh build failed"; }
        touch "$KC_HOME/.bench-built"
    fi
    log "starting Keycloak $KC_VERSION on $KC_URL (Java $jh, heap $KC_HEAP)"
    JAVA_HOME=$jh JAVA_OPTS_KC_HEAP="$KC_HEAP" \
    KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
        "$KC_HOME/bin/kc.sh" start --optimized \
        --http-enabled=true --http-host=127.0.0.1 --http-port="$KC_PORT" \
        --http-management-port="$KC_MGMT_PORT" --hostname-strict=false \
        --db-url="jdbc:postgresql://127.0.0.1:$PG_PORT/$KC_DB" --db-username="$KC_DB" --db-password="$KC_DB" \
        >"$WORK/keycloak.log" 2>&1 &
    KC_PID=$!
    STARTED_PIDS+=("$KC_PID")
    if ! wait_http "http://127.0.0.1:$KC_MGMT_PORT/health/ready" 300 "$KC_PID"; then
        tail -30 "$WORK/keycloak.log" >&2
        die "Keycloak did not become ready; log: $WORK/keycloak.log"
    fi
    log "Keycloak pid $KC_PID ready"
    kc_configure_master
}

kc_stop() {
    [ -n "$KC_PID" ] || return 0
    stop_pid "$KC_PID" 60
    forget_pid "$KC_PID"
    KC_PID=
}

# The JVM is a child of kc.sh (exec'd or not): find the java process whose parent is KC_PID.
kc_java_pid() {
    local child
    child=$(pgrep -P "$KC_PID" java 2>/dev/null | head -1 || true)
    echo "${child:-$KC_PID}"
}

kc_token() {
    KC_TOKEN=$(curl -fsS --max-time 30 "$KC_URL/realms/master/protocol/openid-connect/token" \
        -d grant_type=password -d client_id=admin-cli \
        --data-urlencode "username=$KC_ADMIN" --data-urlencode "password=$KC_ADMIN_PASSWORD" | jq -r .access_token)
    [ -n "$KC_TOKEN" ] && [ "$KC_TOKEN" != null ] || die "could not get a Keycloak admin token"
    export KC_TOKEN
}

kc_api() {
    # kc_api METHOD PATH [curl args...]: admin REST call; prints the body; fails on >= 400.
    local method=$1 path=$2; shift 2
    # (the token goes through a file descriptor, not the command line that ps shows)
    curl -fsS --max-time 600 -X "$method" -H @<(printf 'Authorization: Bearer %s\n' "$KC_TOKEN") "$KC_URL/admin$path" "$@"
}

kc_configure_master() {
    # Tokens of the master realm (admin-cli) live 24 h, and so do their sessions, so that the
    # token does not expire during a run.
    kc_token
    kc_api PUT /realms/master -H 'Content-Type: application/json' \
        -d '{"accessTokenLifespan": 86400, "ssoSessionIdleTimeout": 86400, "ssoSessionMaxLifespan": 86400, "accessTokenLifespanForImplicitFlow": 86400}' \
        || die "could not raise the master realm token lifespan"
    kc_token
}

kc_user_count() {
    kc_api GET "/realms/$KC_REALM/users/count" 2>/dev/null || echo 0
}

kc_import() {
    # Loads the subset: every step-th user of bench.user_ids (step = users / KC_USERS), through
    # partial import in batches of KC_BATCH. Skipped when the realm already holds them.
    local total step want have batches t0
    total=$(psql_db -Atc "SELECT users FROM bench.params()")
    step=$(( total / KC_USERS )); [ "$step" -ge 1 ] || step=1
    want=$(psql_db -Atc "SELECT count(*) FROM bench.user_ids WHERE n % $step = 0 AND n / $step <= $KC_USERS")
    if kc_api GET "/realms/$KC_REALM" >/dev/null 2>&1; then
        have=$(kc_user_count)
        if [ "$have" = "$want" ] && [ "${KC_REIMPORT:-0}" != 1 ]; then
            log "Keycloak realm $KC_REALM already holds $have users"
            kc_export_ids
            return 0
        fi
        log "Keycloak realm $KC_REALM holds $have users, want $want: recreating it"
        kc_api DELETE "/realms/$KC_REALM" || die "could not delete realm $KC_REALM"
    fi
    kc_api POST /realms -H 'Content-Type: application/json' \
        -d "{\"realm\": \"$KC_REALM\", \"enabled\": true}" || die "could not create realm $KC_REALM"
    # Keep phone and dob as (unmanaged) user attributes, like Invois keeps them as columns.
    kc_api GET "/realms/$KC_REALM/users/profile" | jq '.unmanagedAttributePolicy = "ENABLED"' \
        | kc_api PUT "/realms/$KC_REALM/users/profile" -H 'Content-Type: application/json' -d @- >/dev/null \
        || die "could not set the user profile of realm $KC_REALM"
    log "importing $want users into Keycloak realm $KC_REALM (partial import, batches of $KC_BATCH, $KC_IMPORT_JOBS at a time)"
    t0=$(now_s)
    rm -rf "$WORK/kc-import"; mkdir -p "$WORK/kc-import"
    # One JSON user a line, then batches of KC_BATCH lines (partial import flushes after every
    # user, so large batches grow slower and slower).
    psql_db -Atc "
        SELECT json_strip_nulls(json_build_object(
            'id', u.id,
            'username', u.email,
            'email', u.email,
            'emailVerified', true,
            'enabled', true,
            'firstName', coalesce(u.first_name, split_part(u.name, ' ', 1)),
            'lastName', coalesce(u.last_name, nullif(substr(u.name, length(split_part(u.name, ' ', 1)) + 2), '')),
            'createdTimestamp', (extract(epoch FROM u.created_at) * 1000)::bigint,
            'attributes', json_strip_nulls(json_build_object(
                'phone', CASE WHEN u.phone IS NOT NULL THEN json_build_array(u.phone) END,
                'dob', CASE WHEN u.dob IS NOT NULL THEN json_build_array(u.dob::text) END))))
        FROM bench.user_ids b JOIN users u ON u.id = b.id
        WHERE b.n % $step = 0 AND b.n / $step <= $KC_USERS
        ORDER BY b.n" >"$WORK/kc-import/users.ndjson"
    (cd "$WORK/kc-import" && split -l "$KC_BATCH" -d -a 5 users.ndjson part-)
    batches=$(ls "$WORK/kc-import" | grep -c '^part-')
    local part done_count=0 pids=()
    for part in "$WORK"/kc-import/part-*; do
        { printf '{"ifResourceExists": "SKIP", "users": ['; paste -sd, "$part"; printf ']}'; } >"$part.json"
        rm -f "$part"
        kc_api POST "/realms/$KC_REALM/partialImport" -H 'Content-Type: application/json' \
            --data-binary @"$part.json" -o /dev/null &
        pids+=($!)
        if [ "${#pids[@]}" -ge "$KC_IMPORT_JOBS" ]; then
            kc_wait_one || die "a partial import batch failed (log: $WORK/keycloak.log)"
            done_count=$((done_count + 1))
            if (( done_count % 20 == 0 )); then log "  imported $done_count/$batches batches ($(elapsed "$t0") s)"; fi
        fi
    done
    while [ "${#pids[@]}" -gt 0 ]; do
        kc_wait_one || die "a partial import batch failed (log: $WORK/keycloak.log)"
    done
    rm -rf "$WORK/kc-import"
    have=$(kc_user_count)
    KC_IMPORT_SECONDS=$(elapsed "$t0")
    log "Keycloak holds $have users (import took $KC_IMPORT_SECONDS s)"
    [ "$have" = "$want" ] || die "Keycloak holds $have users, expected $want"
    kc_export_ids
}

kc_wait_one() {
    # Waits for one of the import requests in pids (the caller's array) and drops it from pids.
    local finished status kept=() p
    wait -n -p finished "${pids[@]}"; status=$?
    for p in "${pids[@]}"; do [ "$p" = "$finished" ] || kept+=("$p"); done
    pids=("${kept[@]}")
    return "$status"
}

kc_export_ids() {
    mkdir -p "$DATA_DIR_EXPORT"
    "$PG_BIN/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U "$KC_DB" -d "$KC_DB" -c "
        SELECT u.id FROM user_entity u JOIN realm r ON r.id = u.realm_id
        WHERE r.name = '$KC_REALM' AND u.service_account_client_link IS NULL
        ORDER BY random() LIMIT 100000" >"$DATA_DIR_EXPORT/kc_user_ids.txt"
    log "exported $(wc -l <"$DATA_DIR_EXPORT/kc_user_ids.txt") Keycloak user ids"
}

kc_analyze() {
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U "$KC_DB" -d "$KC_DB" -c "VACUUM (ANALYZE)" >/dev/null 2>&1 || true
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    trap stop_all EXIT
    trap 'exit 130' INT TERM
    ensure_tools
    pg_start
    [ "${KEEP_PG:-0}" = 1 ] && PG_STARTED=
    kc_start
    kc_import
    kc_analyze
    id=$(head -1 "$DATA_DIR_EXPORT/kc_user_ids.txt")
    log "GET user: $(kc_api GET "/realms/$KC_REALM/users/$id" | jq -c '{id, username, firstName, lastName, attributes}')"
    log "GET count: $(kc_api GET "/realms/$KC_REALM/users/count")"
    log "GET search *ahmad*: $(kc_api GET "/realms/$KC_REALM/users?search=*ahmad*&first=0&max=10" | jq length) results"
    log "Keycloak RSS $(rss_kib "$(kc_java_pid)") KiB"
fi
