#!/usr/bin/env bash
# A month of ORDERS paid orders of one merchant consolidated through the real server (E7): the wall
# time of POST …/consolidations, per order and as a ratio to the pure builder (bench/documents.sh's
# month, run in the same script), the documents and their signed sizes against LHDN's 300 KB, the
# server's RSS at -Xmx256m sampled every second, and the SQL statements per order
# (pg_stat_statements over the consolidation's window). Builds nothing: it runs target/invois.jar
# (./mvnw -q package -DskipTests first, or JAR=...).
#
# The orders: API_ORDERS of them go through POST …/orders (PARALLEL at a time), bodies made from
# bench/webhooks/orders_paid.json (3 lines, shipping, 6 % SST, 223.84), one in REFUND_EVERY with a
# recorded refund of one line (45.05, netted into the consolidation), a gap in the order numbers
# every GAP_EVERY (bench/documents.sh's month has one every 97, which 100,000 does not divide). The
# rest are copies made inside PostgreSQL of those stored orders (their rows and refunds, with new
# Shopify ids and order numbers in the body as in the columns): what the intake stores, without
# paying the intake's time, which bench/webhooks.sh measures.
#
# Database: a cluster of its own (bench/work/pgdata of this tree on 127.0.0.1:PG_PORT, not the
# kit's default port, so a cluster another tree runs is left alone) and database PG_DB made again
# each run.
#
#   bench/consolidation.sh                          # 100,000 orders (~2-5 minutes)
#   ORDERS=4850 API_ORDERS=970 GAP_EVERY=97 bench/consolidation.sh
#
# Writes bench/results/consolidation-<timestamp>.md (+ .rss.txt, .raw.txt); exits 1 when a check
# fails (an order not consolidated, an order in two documents, a document over 300,000 bytes).
set -euo pipefail
PG_DB=${PG_DB:-invois_consolidation}
PG_PORT=${PG_PORT:-55471}
SERVER_PORT=${SERVER_PORT:-18471}
PG_SHARED_BUFFERS=${PG_SHARED_BUFFERS:-1GB}
HUGE_PAGES=${HUGE_PAGES:-0}
source "$(dirname "$0")/lib.sh"

ORDERS=${ORDERS:-100000}
API_ORDERS=${API_ORDERS:-1000}
PARALLEL=${PARALLEL:-6}
GAP_EVERY=${GAP_EVERY:-100}
REFUND_EVERY=${REFUND_EVERY:-20}
CONSOLIDATION_TIMEOUT=${CONSOLIDATION_TIMEOUT:-3600}
[[ "$ORDERS" =~ ^[0-9]+$ ]] && [ "$ORDERS" -ge 1 ] && [ "$ORDERS" -le 1000000 ] || die "ORDERS must be 1..1000000"
[[ "$API_ORDERS" =~ ^[0-9]+$ ]] && [ "$API_ORDERS" -ge 1 ] && [ $((ORDERS % API_ORDERS)) = 0 ] \
    || die "API_ORDERS must divide ORDERS"
[[ "$GAP_EVERY" =~ ^[0-9]+$ ]] && [ "$GAP_EVERY" -ge 2 ] && [ $((API_ORDERS % GAP_EVERY)) = 0 ] \
    || die "GAP_EVERY must be at least 2 and divide API_ORDERS, so every copy has the same gaps"

trap 'stop_all' EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS" "$WORK"
OUT="$RESULTS/consolidation-$STAMP.md"
RAW="$RESULTS/consolidation-$STAMP.raw.txt"
RSS_LOG="$RESULTS/consolidation-$STAMP.rss.txt"
: >"$RAW"
T_ALL=$(now_s)

ensure_tools
[ -f "$JAR" ] || die "server jar not found: $JAR (build it with ./mvnw -q package -DskipTests, or set JAR=...)"
cp "$JAR" "$WORK/invois-consolidation.jar"
JAR_ORIG=$JAR
JAR_SHA=$(sha256sum "$JAR" | cut -c1-12)
JAR="$WORK/invois-consolidation.jar"

pg_start
if ! psql_admin -d postgres -Atc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
    [ -n "$PG_STARTED" ] || die "the cluster on port $PG_PORT was not started here and has no pg_stat_statements"
    psql_admin -d postgres -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
    pg_stop
    pg_start
fi
pg_drop_db "$PG_DB" >/dev/null
pg_ensure_db "$PG_DB" "$PG_USER"
psql_admin -d "$PG_DB" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null

BASE="http://127.0.0.1:$SERVER_PORT"
start_server consolidation
sample_rss() {
    while kill -0 "$1" 2>/dev/null; do echo "$(date +%s) $(rss_kib "$1")"; sleep 1; done
}
sample_rss "$SERVER_PID" >"$RSS_LOG" &
STARTED_PIDS+=("$!")

api() {
    curl -fsS -X "$1" -H "X-Invois-Key: $KEY" -H 'Content-Type: application/json' --data "$3" "$BASE/api/integrations$2"
}
ORG=$(api POST /organizations '{"name":"Kedai Batik Sdn Bhd"}' | jq -r .id)
api PUT "/organizations/$ORG/einvoice-settings" '{"tin":"C2584563202","registrationType":"BRN",
    "registrationNumber":"202001234567","msicCode":"47912","phone":"012-345 6789","address":{"lines":["No. 12, Jalan Bukit Bintang"],
    "city":"Kuala Lumpur","postcode":"55100","state":"14","country":"MYS"}}' >/dev/null
MONTH=$(TZ=Asia/Kuala_Lumpur date -d "$(TZ=Asia/Kuala_Lumpur date +%Y-%m-15) -1 month" +%Y-%m)
log "organization $ORG with complete settings; month $MONTH"

# Order i (1-based) of the API share: Shopify id ID0+i, number 1000 + i + the gaps before it.
ID0=7000000000000
number_of() { echo $((1000 + $1 + ($1 - 1) / GAP_EVERY)); }
NUMBER_STEP=$(( $(number_of "$API_ORDERS") - 1000 + 1 ))
ID_STEP=$((API_ORDERS * 10))
BODIES="$WORK/consolidation-bodies.ndjson"
jq -c --argjson n "$API_ORDERS" --argjson gap "$GAP_EVERY" --argjson every "$REFUND_EVERY" --argjson id0 "$ID0" \
    --arg processed "$MONTH-15T10:00:00+08:00" '
    . as $o | range(1; $n + 1) | . as $i | (1000 + $i + (($i - 1) / $gap | floor)) as $number
    | $o + {id: ($id0 + $i), name: "#\($number)", order_number: $number, processed_at: $processed,
            refunds: (if $i % $every == 0 then [{id: ($id0 + 5000000 + $i), order_id: ($id0 + $i), created_at: $processed,
                restock: true, refund_shipping_lines: [], order_adjustments: [],
                refund_line_items: [{id: ($id0 + 6000000 + $i), line_item_id: $o.line_items[1].id, quantity: 1, restock_type: "return",
                    subtotal: 42.50, total_tax: 2.55,
                    subtotal_set: {shop_money: {amount: "42.50", currency_code: "MYR"}, presentment_money: {amount: "42.50", currency_code: "MYR"}},
                    total_tax_set: {shop_money: {amount: "2.55", currency_code: "MYR"}, presentment_money: {amount: "2.55", currency_code: "MYR"}}}],
                transactions: [{kind: "refund", status: "success", amount: "45.05", gateway: "bogus", currency: "MYR"}]}]
            else [] end)}' "$BENCH_DIR/webhooks/orders_paid.json" >"$BODIES"

log "posting $API_ORDERS orders through POST …/orders, $PARALLEL at a time"
T_POST=$(now_s)
STATUSES=$(xargs -d '\n' -P "$PARALLEL" -I{} curl -sS -o /dev/null -w '%{http_code}\n' -X POST -H "X-Invois-Key: $KEY" \
    -H 'Content-Type: application/json' --data '{}' "$BASE/api/integrations/organizations/$ORG/orders" <"$BODIES" | sort | uniq -c | xargs)
POST_SECONDS=$(elapsed "$T_POST")
log "posted in ${POST_SECONDS} s: $STATUSES"
[ "$(psql_db -Atc "SELECT count(*) FROM orders WHERE status = 'consolidating'")" = "$API_ORDERS" ] \
    || die "not every posted order is consolidating: $(psql_db -Atc "SELECT status, count(*) FROM orders GROUP BY 1")"
POST_RATE=$(awk -v n="$API_ORDERS" -v s="$POST_SECONDS" 'BEGIN {printf "%.0f", n / s}')

COPIES=$((ORDERS / API_ORDERS))
log "copying the stored orders $((COPIES - 1)) times inside PostgreSQL"
T_COPY=$(now_s)
psql_db -v copies="$COPIES" -v id_step="$ID_STEP" -v number_step="$NUMBER_STEP" >>"$RAW" <<'SQL'
BEGIN;
CREATE TEMP TABLE copies AS SELECT k, k * :id_step AS id_shift, k * :number_step AS number_shift
    FROM generate_series(1, :copies - 1) AS k;
INSERT INTO orders (organization_id, shopify_order_id, name, order_number, processed_at, month, currency, test, payable, status,
        status_reason, cancelled_at, body, created_at, updated_at)
SELECT o.organization_id, o.shopify_order_id + c.id_shift, '#' || (o.order_number + c.number_shift), o.order_number + c.number_shift,
       o.processed_at, o.month, o.currency, o.test, o.payable, o.status, o.status_reason, o.cancelled_at,
       o.body || jsonb_build_object('id', o.shopify_order_id + c.id_shift, 'order_number', o.order_number + c.number_shift,
           'name', '#' || (o.order_number + c.number_shift),
           'refunds', (SELECT coalesce(jsonb_agg(r || jsonb_build_object('id', (r->>'id')::bigint + c.id_shift,
               'order_id', o.shopify_order_id + c.id_shift)), '[]') FROM jsonb_array_elements(o.body->'refunds') AS r)),
       o.created_at, o.updated_at
FROM orders o CROSS JOIN copies c;
INSERT INTO order_refunds (organization_id, shopify_order_id, shopify_refund_id, money_returned, body, einvoice_id, outcome,
        refunded_at, created_at)
SELECT r.organization_id, r.shopify_order_id + c.id_shift, r.shopify_refund_id + c.id_shift, r.money_returned,
       r.body || jsonb_build_object('id', r.shopify_refund_id + c.id_shift, 'order_id', r.shopify_order_id + c.id_shift),
       r.einvoice_id, r.outcome, r.refunded_at, r.created_at
FROM order_refunds r CROSS JOIN copies c;
COMMIT;
VACUUM ANALYZE orders, order_refunds;
SQL
COPY_SECONDS=$(elapsed "$T_COPY")
STORED=$(psql_db -Atc "SELECT count(*) FROM orders WHERE status = 'consolidating'")
REFUNDS=$(psql_db -Atc "SELECT count(*) FROM order_refunds")
ORDERS_SIZE=$(psql_db -Atc "SELECT pg_size_pretty(pg_total_relation_size('orders'))")
[ "$STORED" = "$ORDERS" ] || die "$STORED orders consolidating after the copy, not $ORDERS"
log "$STORED orders ($REFUNDS refunds, $ORDERS_SIZE) in ${COPY_SECONDS} s"

log "consolidating $MONTH: POST …/consolidations"
psql_admin -d "$PG_DB" -Atc "SELECT pg_stat_statements_reset()" >/dev/null
RSS_BEFORE=$(( $(rss_kib "$SERVER_PID") / 1024 ))
CPU_BEFORE=$(cpu_snapshot "$SERVER_PID")
T_RUN=$(now_s); RUN_START=$(date +%s)
RUN_STATUS=$(curl -sS -o "$WORK/consolidation-answer.json" -w '%{http_code}' --max-time "$CONSOLIDATION_TIMEOUT" -X POST \
    -H "X-Invois-Key: $KEY" -H 'Content-Type: application/json' --data "{\"month\":\"$MONTH\"}" \
    "$BASE/api/integrations/organizations/$ORG/consolidations" || echo 000)
RUN_SECONDS=$(elapsed "$T_RUN"); RUN_END=$(date +%s)
CPU_AFTER=$(cpu_snapshot "$SERVER_PID")
log "answered $RUN_STATUS in ${RUN_SECONDS} s"
psql_admin -d "$PG_DB" -Atc "SELECT calls, rows, round(total_exec_time)::bigint, regexp_replace(left(query, 150), '\s+', ' ', 'g')
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$PG_DB') ORDER BY calls DESC" >"$WORK/consolidation-statements.txt"
STATEMENTS=$(awk -F'|' '{s += $1} END {print s + 0}' "$WORK/consolidation-statements.txt")
{ echo "### pg_stat_statements over the consolidation (calls|rows|ms|query)"; cat "$WORK/consolidation-statements.txt"; } >>"$RAW"
jq . "$WORK/consolidation-answer.json" >>"$RAW" 2>/dev/null || cat "$WORK/consolidation-answer.json" >>"$RAW"

SERVER_HWM=$(( $(hwm_kib "$SERVER_PID") / 1024 ))
RSS_RUN_PEAK=$(awk -v a="$RUN_START" -v b="$RUN_END" 'BEGIN {m = 0} $1 >= a && $1 <= b + 1 && $2 > m {m = $2} END {printf "%d", m / 1024}' "$RSS_LOG")
OOM=$(grep -c 'OutOfMemoryError' "$WORK/server-consolidation.log" || true)
stop_server
RSS_PEAK=$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {printf "%d", m / 1024}' "$RSS_LOG")

# What the run stored: the month's consolidated documents and the orders they cover.
read -r DOCS LARGEST SMALLEST ALL_BYTES MAX_LINES DOC_ORDERS <<<"$(psql_db -Atc "SELECT count(*), coalesce(max(octet_length(document)), 0),
    coalesce(min(octet_length(document)), 0), coalesce(sum(octet_length(document)), 0), coalesce(max(jsonb_array_length(lines)), 0),
    (SELECT count(*) FROM einvoice_orders eo JOIN einvoices e ON e.id = eo.einvoice_id WHERE e.consolidated)
    FROM einvoices WHERE consolidated AND month = '$MONTH'" | tr '|' ' ')"
CONSOLIDATED=$(psql_db -Atc "SELECT count(*) FROM orders WHERE status = 'consolidated'")
NOT_CONSOLIDATED=$(psql_db -Atc "SELECT coalesce(string_agg(status || ' ' || n, ', '), 'none') FROM (SELECT status, count(*) AS n FROM orders WHERE status <> 'consolidated' GROUP BY 1) s")
TWICE=$(psql_db -Atc "SELECT count(*) FROM (SELECT shopify_order_id FROM einvoice_orders GROUP BY 1 HAVING count(*) > 1) t")
NETTED=$(psql_db -Atc "SELECT count(*) FROM order_refunds WHERE outcome LIKE 'netted into consolidated e-invoice %'")
PAYABLE=$(psql_db -Atc "SELECT coalesce(sum(payable), 0) FROM einvoices WHERE consolidated AND month = '$MONTH'")
EXPECTED_PAYABLE=$(awk -v n="$ORDERS" -v r="$REFUNDS" 'BEGIN {printf "%.2f", n * 223.84 - r * 45.05}')

log "the pure builder: bench/documents/DocumentBench.java (its month of 100,000 orders)"
BUILDER_LINE=$("$JAVA" -Xmx256m -XX:+UseSerialGC -DroundMillis=100 -cp "$JAR" "$BENCH_DIR/documents/DocumentBench.java" 2>&1 \
    | tee -a "$RAW" | grep '^RESULT month_orders' || true)
BUILDER_SECONDS=$(sed -n 's/.* month_seconds=\([^ ]*\).*/\1/p' <<<"$BUILDER_LINE")
BUILDER_DOCS=$(sed -n 's/.* month_documents=\([^ ]*\).*/\1/p' <<<"$BUILDER_LINE")

FAILURES=()
[ "$RUN_STATUS" = 202 ] || FAILURES+=("POST …/consolidations answered $RUN_STATUS")
[ "$CONSOLIDATED" = "$ORDERS" ] || FAILURES+=("$CONSOLIDATED of $ORDERS orders consolidated (others: $NOT_CONSOLIDATED)")
[ "$DOC_ORDERS" = "$ORDERS" ] || FAILURES+=("the documents cover $DOC_ORDERS orders, not $ORDERS")
[ "$TWICE" = 0 ] || FAILURES+=("$TWICE orders in two documents")
[ "$LARGEST" -le 300000 ] || FAILURES+=("largest document $LARGEST bytes, over 300,000")
[ "$NETTED" = "$REFUNDS" ] || FAILURES+=("$NETTED of $REFUNDS refunds netted")
[ "$PAYABLE" = "$EXPECTED_PAYABLE" ] || FAILURES+=("documents payable $PAYABLE, expected $EXPECTED_PAYABLE")
[ "$OOM" = 0 ] || FAILURES+=("the server logged OutOfMemoryError")

per_order() { awk -v a="$1" -v n="$ORDERS" 'BEGIN {printf "%.3f", a * 1000 / n}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 > 0) printf "%.1f", a / b; else print "n/a"}'; }
read -r _ s0 p0 <<<"$CPU_BEFORE"; read -r _ s1 p1 <<<"$CPU_AFTER"
CPU_SERVER_S=$(awk -v d=$((s1 - s0)) -v t="$CLK_TCK" 'BEGIN {printf "%.1f", d / t}')
CPU_PG_S=$(awk -v d=$((p1 - p0)) -v t="$CLK_TCK" 'BEGIN {printf "%.1f", d / t}')
{
    echo "# Invois month consolidation $STAMP"
    echo
    echo "| setting | value |"
    echo "|---|---|"
    echo "| orders | $ORDERS paid orders of $MONTH for one organization: $API_ORDERS through POST …/orders ($PARALLEL at a time, ${POST_SECONDS} s, $POST_RATE orders/s: $STATUSES), the rest $((COPIES - 1)) copies of them made inside PostgreSQL (${COPY_SECONDS} s); bench/webhooks/orders_paid.json (3 lines + shipping, 223.84); a gap in the order numbers every $GAP_EVERY; one order in $REFUND_EVERY with a recorded refund (45.05): $REFUNDS refunds; orders table $ORDERS_SIZE |"
    echo "| server | $JAR_ORIG (sha256 $JAR_SHA…), $($JAVA -version 2>&1 | head -1), $SERVER_HEAP |"
    echo "| database | PostgreSQL $("$PG_BIN/postgres" -V | awk '{print $3}') on 127.0.0.1:$PG_PORT, database $PG_DB made again for this run |"
    echo "| machine | $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg) |"
    echo "| total run time | $(elapsed "$T_ALL") s |"
    echo
    echo "| measure | value |"
    echo "|---|---:|"
    echo "| POST …/consolidations, wall time | **${RUN_SECONDS} s** ($RUN_STATUS) |"
    echo "| per order | $(per_order "$RUN_SECONDS") ms |"
    echo "| server CPU / PostgreSQL CPU during it | ${CPU_SERVER_S} s / ${CPU_PG_S} s |"
    echo "| pure builder, same run (DocumentBench: 100,000 orders, a gap every 97, $BUILDER_DOCS documents) | ${BUILDER_SECONDS:-n/a} s |"
    echo "| consolidation / pure builder | $(ratio "$RUN_SECONDS" "${BUILDER_SECONDS:-0}") × (orders: $ORDERS vs 100,000) |"
    echo "| SQL statements during it (pg_stat_statements, background jobs included) | $STATEMENTS ($(awk -v s="$STATEMENTS" -v n="$ORDERS" 'BEGIN {printf "%.2f", s / n}') per order) |"
    echo "| documents | $DOCS, at most $MAX_LINES lines; signed sizes $SMALLEST..$LARGEST bytes (largest $(awk -v l="$LARGEST" 'BEGIN {printf "%.0f", l * 100 / 300000}') % of LHDN's 300,000), $ALL_BYTES in all |"
    echo "| orders consolidated / refunds netted | $CONSOLIDATED / $NETTED; payable $PAYABLE (expected $EXPECTED_PAYABLE) |"
    echo "| server RSS: before the run / peak during it / peak overall (VmHWM) | $RSS_BEFORE / $RSS_RUN_PEAK / $RSS_PEAK ($SERVER_HWM) MiB at $SERVER_HEAP |"
    echo
    echo "Statements by calls during the consolidation (calls | rows | ms | query):"
    echo
    echo '```'
    head -12 "$WORK/consolidation-statements.txt"
    echo '```'
    echo
    if [ ${#FAILURES[@]} = 0 ]; then echo "Checks: all passed."; else printf 'Check failed: %s\n' "${FAILURES[@]}"; fi
} >"$OUT"
cat "$OUT"
log "report: $OUT"
[ ${#FAILURES[@]} = 0 ]
