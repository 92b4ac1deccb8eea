#!/usr/bin/env bash
# Shopify webhook intake (E3) under load: deliveries per second and acknowledgement latency of
# POST /webhooks/shopify at 32 connections, next to the bare route (GET /health/live) measured in
# the same run, plus the redelivery (dedup) path. The intake is measured twice: with the job idle
# (deliveries for a shop not linked yet: the same statement stores them, and no job claims them)
# and with process-webhooks working the linked shop's deliveries on the same cores meanwhile, with the server at -Xmx256m and its RSS sampled
# every second. Builds nothing: it runs target/invois.jar (./mvnw -q package -DskipTests first,
# or JAR=...). Database: the kit's PostgreSQL cluster (bench/work/pgdata, as run.sh), in a
# database of its own that is made again each run, so the rows counted are this run's.
#
#   bench/webhooks.sh                   # 5 x 30 s measured after 240 s of warm-up, then the job (~17 minutes)
#   HTTP_THREADS=250 bench/webhooks.sh  # the server's default pool instead of 16
#   DURATION=10 WARMUP=5 bench/webhooks.sh
#
# The warm-up is long because the JIT is: at 60 s the compiler threads still took a third of a core
# and the bare route ran at 3,900 req/s; after 120 s, 11,200 (run 20261202T132851Z against 20261202T1336).
#
# Writes bench/results/webhooks-<timestamp>.md (+ .raw.txt, .rss.txt); exits 1 when a check fails
# (a non-2xx answer, stored rows that do not match the 200s, a redelivery stored twice).
set -euo pipefail
PG_DB=${PG_DB:-invois_webhooks}
# A small database reused by 32 pooled connections: no need to touch the kernel's huge pages.
HUGE_PAGES=${HUGE_PAGES:-0}
source "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-240}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
# Jetty's request threads: the setting for instances that take Shopify's webhooks (README); 250 is the default.
HTTP_THREADS=${HTTP_THREADS:-16}
SECRET=${SECRET:-bench-shopify-secret-0123456789}
SHOP=${SHOP:-kedai-bench.myshopify.com}
# Stored as any delivery is (one INSERT; its organization found by the same subselect), then left
# waiting for the shop's link, which never comes in this run.
UNLINKED_SHOP=${UNLINKED_SHOP:-kedai-belum.myshopify.com}
BODY_SOURCE=$BENCH_DIR/webhooks/orders_paid.json
[[ "$DURATION" =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 1 ] && [ "$DURATION" -le 60 ] || die "DURATION must be 1..60 seconds"
[[ "$WARMUP" =~ ^[0-9]+$ ]] && [ "$WARMUP" -le 300 ] || die "WARMUP must be 0..300 seconds"

trap 'stop_all' EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS" "$WORK"
OUT="$RESULTS/webhooks-$STAMP.md"
RAW="$RESULTS/webhooks-$STAMP.raw.txt"
RSS_LOG="$RESULTS/webhooks-$STAMP.rss.txt"
: >"$RAW"
T_ALL=$(now_s)

ensure_tools wrk
command -v openssl >/dev/null || apt_install openssl
[ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw -q package -DskipTests, or set JAR=...)"
cp "$JAR" "$WORK/invois-webhooks.jar"   # a rebuild during the run does not disturb it
JAR_ORIG=$JAR
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
JAR="$WORK/invois-webhooks.jar"

pg_start
pg_drop_db "$PG_DB" >/dev/null
pg_ensure_db "$PG_DB" "$PG_USER"

# The body as Shopify sends it (minified, no trailing newline); its HMAC once, over those bytes.
BODY="$WORK/webhook-orders-paid.json"
jq -c . "$BODY_SOURCE" | tr -d '\n' >"$BODY"
BODY_BYTES=$(wc -c <"$BODY")
HMAC=$(openssl dgst -sha256 -hmac "$SECRET" -binary <"$BODY" | base64)

BASE="http://127.0.0.1:$SERVER_PORT"
# With DATABASE_URL the server needs a key of its own for what it encrypts (LHDN tokens).
start_server webhooks SHOPIFY_API_SECRET="$SECRET" INVOIS_HTTP_THREADS="$HTTP_THREADS"
sample_rss() {
    # sample_rss PID: "epoch-seconds VmRSS-KiB" every second until the process ends.
    while kill -0 "$1" 2>/dev/null; do echo "$(date +%s) $(rss_kib "$1")"; sleep 1; done
}
sample_rss "$SERVER_PID" >"$RSS_LOG" &
STARTED_PIDS+=("$!")

api() {
    # api METHOD PATH JSON: the answer's body; fails on a non-2xx.
    curl -fsS -X "$1" -H "X-Invois-Key: $KEY" -H 'Content-Type: application/json' --data "$3" "$BASE/api/integrations$2"
}
ORG=$(api POST /organizations '{"name":"Kedai Bench Sdn Bhd"}' | jq -r .id)
api PUT "/organizations/$ORG/shopify" "{\"shopDomain\":\"$SHOP\"}" >/dev/null
log "shop $SHOP linked to organization $ORG; body $BODY_BYTES bytes, HMAC precomputed"

deliver() {
    # deliver WEBHOOK_ID: one delivery with curl; prints the status.
    curl -sS -o /dev/null -w '%{http_code}' -X POST "$BASE/webhooks/shopify" --data-binary "@$BODY" \
        -H 'Content-Type: application/json' -H "X-Shopify-Hmac-Sha256: $HMAC" -H 'X-Shopify-Topic: orders/paid' \
        -H "X-Shopify-Shop-Domain: $SHOP" -H "X-Shopify-Webhook-Id: $1" -H 'X-Shopify-API-Version: 2026-07'
}
[ "$(deliver "bench-$STAMP-check")" = 200 ] || die "a signed delivery was not answered 200 (log: $WORK/server-webhooks.log)"

stored() { psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id LIKE '$1%'"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

declare -A RPS P50 P99 REQ NON2XX SOCK CPU_SERVER CPU_PG
FAILURES=()
wrk_run() {
    # wrk_run KEY SCENARIO SECONDS [RUN_TAG [SHOP]]: one wrk run; measured runs (KEY not empty) are kept.
    local key=$1 scenario=$2 secs=$3 tag=${4:-} shop=${5:-$SHOP} before after line
    echo "### ${key:-warm-up} $scenario" >>"$RAW"
    before=$(cpu_snapshot "$SERVER_PID")
    line=$(SCENARIO=$scenario WEBHOOK_BODY=$BODY WEBHOOK_HMAC=$HMAC WEBHOOK_SHOP=$shop WEBHOOK_RUN=$tag \
        WEBHOOK_ID="bench-$STAMP-redelivered" \
        timeout --foreground $((secs + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout "$WRK_TIMEOUT" --latency \
        -s "$BENCH_DIR/lua/scenario.lua" "$BASE" 2>&1 | tee -a "$RAW" | grep '^RESULT' || true)
    after=$(cpu_snapshot "$SERVER_PID")
    [ -n "$line" ] || die "wrk failed ($scenario); see $RAW"
    [ -n "$key" ] || return 0
    RPS[$key]=$(field rps <<<"$line"); P50[$key]=$(field p50_ms <<<"$line"); P99[$key]=$(field p99_ms <<<"$line")
    REQ[$key]=$(field requests <<<"$line"); NON2XX[$key]=$(field non2xx <<<"$line"); SOCK[$key]=$(field socket_errors <<<"$line")
    local b0 s0 p0 b1 s1 p1
    read -r b0 s0 p0 <<<"$before"; read -r b1 s1 p1 <<<"$after"
    CPU_SERVER[$key]=$(awk -v d=$((s1 - s0)) -v n="${REQ[$key]}" -v t="$CLK_TCK" 'BEGIN {printf "%.3f", n ? d * 1000 / t / n : 0}')
    CPU_PG[$key]=$(awk -v d=$((p1 - p0)) -v n="${REQ[$key]}" -v t="$CLK_TCK" 'BEGIN {printf "%.3f", n ? d * 1000 / t / n : 0}')
    log "  $key: ${RPS[$key]} req/s, p50 ${P50[$key]} ms, p99 ${P99[$key]} ms, non-2xx ${NON2XX[$key]}, socket errors ${SOCK[$key]} ($(field statuses <<<"$line"))"
}

log "warm-up: GET /health/live $((WARMUP / 3)) s, deliveries $((WARMUP - WARMUP / 3)) s"
[ "$WARMUP" -lt 3 ] || wrk_run "" health_live $((WARMUP / 3))
[ "$WARMUP" -lt 3 ] || wrk_run "" webhook $((WARMUP - WARMUP / 3)) "$STAMP-warmup" "$UNLINKED_SHOP"

log "measuring: -t$THREADS -c$CONNECTIONS, ${DURATION} s each"
wrk_run bare_before health_live "$DURATION"
wrk_run alone webhook "$DURATION" "$STAMP-alone" "$UNLINKED_SHOP"
ALONE_ROWS=$(stored "bench-$STAMP-alone-")
WRONG_ALONE=$(psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id LIKE 'bench-$STAMP-alone-%'
    AND (state <> 'received' OR organization_id IS NOT NULL OR shop_domain <> '$UNLINKED_SHOP' OR octet_length(body) <> $BODY_BYTES)")
# Checked, then removed: waiting for a link that never comes, they are the oldest waiting rows,
# and every claim of the job would walk past them first (docs/EINVOICING.md, webhook intake).
psql_db -Atc "DELETE FROM shopify_webhook_deliveries WHERE shop_domain = '$UNLINKED_SHOP'" >/dev/null
[ "$(deliver "bench-$STAMP-redelivered")" = 200 ] || die "the first delivery of the redelivered id was not answered 200"
BEFORE_REDELIVERY=$(psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries")
wrk_run redeliveries webhook_redelivery "$DURATION"
AFTER_REDELIVERY=$(psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries")
# The linked shop's deliveries: process-webhooks claims them from the first second on and works
# the same order again and again (settled "nothing new"), so it is busy throughout this run.
wrk_run deliveries webhook "$DURATION" "$STAMP-measured"
DELIVERED_ROWS=$(stored "bench-$STAMP-measured-")
wrk_run bare_after health_live "$DURATION"

# What the measured deliveries stored: each row for the linked shop, the exact bytes, and either
# waiting or worked by the job (which runs throughout, as in production: the first of these
# identical bodies stores the order, the rest are settled "nothing new").
WRONG_ROWS=$(psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id LIKE 'bench-$STAMP-measured-%'
    AND (state NOT IN ('received', 'processed', 'ignored') OR organization_id IS DISTINCT FROM '$ORG' OR shop_domain <> '$SHOP'
         OR octet_length(body) <> $BODY_BYTES)")


# ---------------------------------------------------------------------------------------------
# the job that follows: distinct orders, each a new order for process-webhooks to store
# ---------------------------------------------------------------------------------------------
ORDERS_JAVA=$BENCH_DIR/webhooks/Orders.java
# (the linked shop's only: the unlinked shop's deliveries wait for a link by design)
backlog() { psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id LIKE '$1%' AND state = 'received' AND shop_domain = '$SHOP'"; }
drain() {
    # drain PREFIX LOG: the waiting deliveries of PREFIX every second until none, at most DRAIN_LIMIT s
    # (runs in send_orders' subshell: deliveries still waiting then fail the "processed" check below).
    local waiting t0=$SECONDS
    while waiting=$(backlog "$1"); echo "$(date +%s) $waiting" >>"$2"; [ "$waiting" != 0 ]; do
        [ $((SECONDS - t0)) -lt "$DRAIN_LIMIT" ] || return 0
        sleep 1
    done
}
send_orders() {
    # send_orders PREFIX FIRST MODE A B: Orders.java's RESULT line, backlog sampled every second meanwhile.
    local prefix=$1 first=$2 log=$RESULTS/webhooks-$STAMP.$3.backlog.txt sampler line
    shift
    : >"$log"
    ( while :; do echo "$(date +%s) $(backlog "$prefix")"; sleep 1; done ) >>"$log" &
    sampler=$!
    line=$("$JAVA" "$ORDERS_JAVA" "$BASE" "$SECRET" "$SHOP" "$BODY" "$prefix" "$first" "$2" "$3" "$4" 2>&1 | tee -a "$RAW" | grep '^RESULT' || true)
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
    [ -n "$line" ] || die "Orders.java failed ($2); see $RAW"
    drain "$prefix" "$log"
    echo "$line"
}
lag() {
    # lag PREFIX: "p50 p99 max" seconds from received to processed, "first-received last-processed" span, and states.
    psql_db -Atc "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 2) || ' ' ||
                         round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 2) || ' ' || round(max(l)::numeric, 2) || ' ' ||
                         round(extract(epoch FROM max(processed_at) - min(received_at))::numeric, 1) || ' ' ||
                         count(*) FILTER (WHERE state = 'processed') || ' ' || count(*)
                  FROM (SELECT state, received_at, processed_at, extract(epoch FROM processed_at - received_at) AS l
                        FROM shopify_webhook_deliveries WHERE webhook_id LIKE '$1%') d"
}
PACED_RATE=${PACED_RATE:-100}
PACED_SECONDS=${PACED_SECONDS:-60}
BURST=${BURST:-10000}
DRAIN_LIMIT=${DRAIN_LIMIT:-900}
ORDERS_BEFORE=$(psql_db -Atc "SELECT count(*) FROM orders WHERE organization_id = '$ORG'")
# The intake runs left the job a backlog (it works each delivery, even the same order again):
# the keep-up phases start once it has worked through, so they measure only their own orders.
INTAKE_BACKLOG=$(backlog "bench-")
T_INTAKE_DRAIN=$(now_s)
drain "bench-" "$RESULTS/webhooks-$STAMP.intake.backlog.txt"
INTAKE_DRAIN_S=$(awk -v a="$T_INTAKE_DRAIN" -v b="$(now_s)" 'BEGIN {printf "%.1f", b - a}')
INTAKE_LEFT=$(backlog "bench-")
[ "$INTAKE_LEFT" = 0 ] || FAILURES+=("the job left $INTAKE_LEFT intake deliveries waiting after ${DRAIN_LIMIT} s")
log "the job worked the intake's backlog of $INTAKE_BACKLOG in $INTAKE_DRAIN_S s"
log "the job: $PACED_RATE new orders a second for $PACED_SECONDS s"
PACED_LINE=$(send_orders "bench-$STAMP-paced" 0 paced "$PACED_RATE" "$PACED_SECONDS")
read -r PACED_P50 PACED_P99 PACED_MAX PACED_SPAN PACED_DONE PACED_ROWS <<<"$(lag "bench-$STAMP-paced")"
PACED_BACKLOG=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$RESULTS/webhooks-$STAMP.paced.backlog.txt")
log "  paced: $PACED_LINE; processed $PACED_DONE of $PACED_ROWS, lag p50 $PACED_P50 s, p99 $PACED_P99 s, max $PACED_MAX s, backlog at most $PACED_BACKLOG"
log "the job: a burst of $BURST new orders at $CONNECTIONS in flight"
BURST_LINE=$(send_orders "bench-$STAMP-burst" $((PACED_RATE * PACED_SECONDS)) burst "$BURST" "$CONNECTIONS")
read -r BURST_P50 BURST_P99 BURST_MAX BURST_SPAN BURST_DONE BURST_ROWS <<<"$(lag "bench-$STAMP-burst")"
BURST_SEND_S=$(field seconds <<<"$BURST_LINE")
BURST_BACKLOG=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "$RESULTS/webhooks-$STAMP.burst.backlog.txt")
log "  burst: $BURST_LINE; processed $BURST_DONE of $BURST_ROWS, all settled $BURST_SPAN s after the first arrived, backlog at most $BURST_BACKLOG"
ORDERS_STORED=$(( $(psql_db -Atc "SELECT count(*) FROM orders WHERE organization_id = '$ORG'") - ORDERS_BEFORE ))
TABLE_SIZE=$(psql_db -Atc "SELECT pg_size_pretty(pg_total_relation_size('shopify_webhook_deliveries'))")
ALL_ROWS=$(psql_db -Atc "SELECT count(*) FROM shopify_webhook_deliveries")
SERVER_HWM=$(( $(hwm_kib "$SERVER_PID") / 1024 ))
stop_server
RSS_PEAK=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {printf "%d", m / 1024}' "$RSS_LOG")
RSS_SAMPLES=$(wc -l <"$RSS_LOG")

# ---------------------------------------------------------------------------------------------
# checks and report
# ---------------------------------------------------------------------------------------------
OK_DELIVERIES=$(( ${REQ[deliveries]} - ${NON2XX[deliveries]} ))
IN_FLIGHT=$(( DELIVERED_ROWS - OK_DELIVERIES ))
OK_ALONE=$(( ${REQ[alone]} - ${NON2XX[alone]} ))
IN_FLIGHT_ALONE=$(( ALONE_ROWS - OK_ALONE ))
for k in bare_before alone redeliveries deliveries bare_after; do
    [ "${NON2XX[$k]}" = 0 ] && [ "${SOCK[$k]}" = 0 ] || FAILURES+=("$k: ${NON2XX[$k]} non-2xx, ${SOCK[$k]} socket errors")
done
# wrk stops with up to one request per connection in flight: the server may have committed those
# without wrk reading the 200, so the rows may exceed the 200s counted by at most the connections.
[ "$IN_FLIGHT" -ge 0 ] && [ "$IN_FLIGHT" -le "$CONNECTIONS" ] \
    || FAILURES+=("deliveries: $DELIVERED_ROWS rows stored for $OK_DELIVERIES 200s counted")
[ "$WRONG_ROWS" = 0 ] || FAILURES+=("deliveries: $WRONG_ROWS stored rows not as sent")
[ "$IN_FLIGHT_ALONE" -ge 0 ] && [ "$IN_FLIGHT_ALONE" -le "$CONNECTIONS" ] \
    || FAILURES+=("deliveries with the job idle: $ALONE_ROWS rows stored for $OK_ALONE 200s counted")
[ "$WRONG_ALONE" = 0 ] || FAILURES+=("deliveries with the job idle: $WRONG_ALONE stored rows not as sent")
for k in PACED BURST; do
    line_var=${k}_LINE; done_var=${k}_DONE; rows_var=${k}_ROWS
    sent=$(field sent <<<"${!line_var}"); okc=$(field ok <<<"${!line_var}")
    [ "$okc" = "$sent" ] || FAILURES+=("$k: $okc of $sent new orders answered 200")
    [ "${!done_var}" = "$sent" ] && [ "${!rows_var}" = "$sent" ] || FAILURES+=("$k: ${!done_var} processed of ${!rows_var} stored for $sent sent")
done
[ "$ORDERS_STORED" = $(( $(field sent <<<"$PACED_LINE") + $(field sent <<<"$BURST_LINE") )) ] \
    || FAILURES+=("the job stored $ORDERS_STORED orders for $(( $(field sent <<<"$PACED_LINE") + $(field sent <<<"$BURST_LINE") )) new ones sent")
[ "$AFTER_REDELIVERY" = "$BEFORE_REDELIVERY" ] \
    || FAILURES+=("redeliveries: $((AFTER_REDELIVERY - BEFORE_REDELIVERY)) rows stored for a webhook id already stored")

BARE=$(awk -v a="${RPS[bare_before]}" -v b="${RPS[bare_after]}" 'BEGIN {printf "%.1f", (a + b) / 2}')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b ? a / b : 0}'; }
row() {
    local k=$1 label=$2
    echo "| $label | $(printf '%.1f' "${RPS[$k]}") | $(printf '%.2f' "${P50[$k]}") | $(printf '%.2f' "${P99[$k]}") | $(ratio "${RPS[$k]}" "$BARE") | ${NON2XX[$k]} | ${SOCK[$k]} | ${CPU_SERVER[$k]} | ${CPU_PG[$k]} |"
}
{
    echo "# Invois webhook intake $STAMP"
    echo
    echo "| setting | value |"
    echo "|---|---|"
    echo "| load | wrk -t$THREADS -c$CONNECTIONS, ${DURATION} s per run, one run each, timeout $WRK_TIMEOUT, after a warm-up of ${WARMUP} s (a third GET /health/live, the rest deliveries) |"
    echo "| body | bench/webhooks/orders_paid.json minified: $BODY_BYTES bytes, topic orders/paid, HMAC-SHA256 precomputed once; webhook id unique per request (run tag, wrk thread, counter) |"
    echo "| server | $JAR_ORIG (sha256 $JAR_SHA…), $($JAVA -version 2>&1 | head -1), $SERVER_HEAP, INVOIS_HTTP_THREADS=$HTTP_THREADS |"
    echo "| database | PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT, database $PG_DB made again for this run |"
    echo "| machine | $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| total run time | $(elapsed "$T_ALL") s |"
    echo
    echo "| run | req/s | p50 ms | p99 ms | / bare route | non-2xx | socket errors | server core-ms per request | PostgreSQL core-ms per request |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    row bare_before "GET /health/live (before)"
    row alone "POST /webhooks/shopify, new delivery each, the job idle"
    row redeliveries "POST /webhooks/shopify, the same delivery again"
    row deliveries "POST /webhooks/shopify, new delivery each, the job working them meanwhile"
    row bare_after "GET /health/live (after)"
    echo
    echo "The bare route is the mean of the two GET /health/live runs: $BARE req/s."
    echo
    echo "- The job idle: deliveries for $UNLINKED_SHOP (not linked: stored by the same statement, claimed by no job). Answered 200: $OK_ALONE; rows stored with their ids: $ALONE_ROWS ($IN_FLIGHT_ALONE committed while wrk stopped, their 200 unread); rows not as sent: $WRONG_ALONE."
    echo "- The job working: deliveries for the linked $SHOP. Answered 200: $OK_DELIVERIES; rows stored with their ids: $DELIVERED_ROWS ($IN_FLIGHT committed while wrk stopped, their 200 unread; at most one per connection); rows not as sent: $WRONG_ROWS."
    echo "- Redeliveries: $((AFTER_REDELIVERY - BEFORE_REDELIVERY)) rows added by ${REQ[redeliveries]} deliveries of one stored webhook id."
    echo "- shopify_webhook_deliveries at the end: $ALL_ROWS rows, $TABLE_SIZE (warm-up included)."
    echo
    echo "The job that follows (process-webhooks, every 2 s, batches of 20), with a new order in every delivery (bench/webhooks/Orders.java):"
    echo
    echo "| load | sent | answered 200 | ack p50 ms | ack p99 ms | processed | received → processed p50 s | p99 s | max s | most waiting |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "| $PACED_RATE a second for $PACED_SECONDS s | $(field sent <<<"$PACED_LINE") | $(field ok <<<"$PACED_LINE") | $(field p50_ms <<<"$PACED_LINE") | $(field p99_ms <<<"$PACED_LINE") | $PACED_DONE | $PACED_P50 | $PACED_P99 | $PACED_MAX | $PACED_BACKLOG |"
    echo "| burst at $CONNECTIONS in flight | $(field sent <<<"$BURST_LINE") | $(field ok <<<"$BURST_LINE") | $(field p50_ms <<<"$BURST_LINE") | $(field p99_ms <<<"$BURST_LINE") | $BURST_DONE | $BURST_P50 | $BURST_P99 | $BURST_MAX | $BURST_BACKLOG |"
    echo
    echo "- The intake run with the job working left $INTAKE_BACKLOG of the linked shop's deliveries waiting (the same order again: each is worked and settled \"nothing new\"); the job worked through them in $INTAKE_DRAIN_S s before the phases above began."
    echo "- Burst: taken in $BURST_SEND_S s ($(awk -v n="$BURST" -v s="$BURST_SEND_S" 'BEGIN {printf "%.0f", n / s}') deliveries/s), all processed $BURST_SPAN s after the first arrived: the job works $(awk -v n="$BURST" -v s="$BURST_SPAN" 'BEGIN {printf "%.0f", n / s}') new orders a second, $(awk -v n="$BURST" -v s="$BURST_SPAN" -v r="$PACED_RATE" 'BEGIN {printf "%.1f", n / s / r}')× the paced rate."
    echo "- Orders stored by the job: $ORDERS_STORED for $(( $(field sent <<<"$PACED_LINE") + $(field sent <<<"$BURST_LINE") )) new ones sent; backlog every second in webhooks-$STAMP.{paced,burst}.backlog.txt."
    echo "- Server RSS, sampled every second from its start to its stop ($RSS_SAMPLES samples): peak **$RSS_PEAK MiB** (VmHWM $SERVER_HWM MiB) at $SERVER_HEAP."
    echo "- p99 acknowledgement target ≤ 100 ms: $(awk -v p="${P99[alone]}" 'BEGIN {print (p <= 100) ? "met" : "missed"}') with the job idle (${P99[alone]} ms), $(awk -v p="${P99[deliveries]}" 'BEGIN {print (p <= 100) ? "met" : "missed"}') with the job working (${P99[deliveries]} ms); Shopify waits 5 s."
    echo
    if [ ${#FAILURES[@]} = 0 ]; then echo "Checks: all passed."; else printf 'Check failed: %s\n' "${FAILURES[@]}"; fi
} >"$OUT"
cat "$OUT"
log "report: $OUT"
[ ${#FAILURES[@]} = 0 ]
