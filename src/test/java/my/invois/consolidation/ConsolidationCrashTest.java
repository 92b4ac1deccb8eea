package my.invois.consolidation;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import my.invois.orders.OrderService;
import my.invois.shopify.OrderJson;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Figures;
import my.invois.testing.Merchants;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E7 under kill -9: the real Main in a child JVM consolidates a month of 600 orders (two
 * documents, orders over RM10,000 getting individual e-invoices, refunds netted) and is killed
 * with SIGKILL before the run writes anything, while it is half-way (the first document and its
 * orders written, the second being inserted) and just after it commits. A month is consolidated in
 * one transaction, so a kill before the commit leaves nothing and the next run makes the month
 * whole, once; a kill after it leaves the run, and the next run adds nothing.
 *
 * Where each kill lands is pinned by a lock this test holds, seen in pg_stat_activity as the
 * server's session waiting: the organization's row (the run's first lock) for "before", an
 * uncommitted row holding the second document's number for "half-way". The engine is pointed at a
 * closed port, so the documents stay queued and the consolidation alone is what is checked.
 */
class ConsolidationCrashTest {

    private static final YearMonth CLOSED = YearMonth.now(OrderService.MALAYSIA).minusMonths(1);
    private static final String SERIES = "CON" + CLOSED.toString().replace("-", "");
    private static final int ORDERS = 600;
    private static final BigDecimal SST = new BigDecimal("0.06");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String database = "consolidation_crash_" + System.nanoTime();
    private final String key = TestServer.randomKey();
    private final List<ChildServer> children = new ArrayList<>();
    private final ExecutorService requests = Executors.newFixedThreadPool(4);
    private Jdbi jdbi;
    /** One session of the test's own for its looks at the database: polling opens no connection each time. */
    private Handle looks;
    private Map<String, String> environment;

    @BeforeEach
    void createDatabase() {
        String jdbcUrl = TestDatabase.createDatabase(database);
        jdbi = Jdbi.create(jdbcUrl);
        looks = jdbi.open();
        String nowhere = "http://127.0.0.1:" + closedPort();
        environment = Map.of("INVOIS_API_KEY", key, "DATABASE_URL", jdbcUrl, "INVOIS_RATE_LIMITS_ENABLED", "false",
                "INVOIS_DB_POOL_SIZE", "5", "INVOIS_MYINVOIS_URL", nowhere, "INVOIS_MYINVOIS_PORTAL_URL", nowhere,
                "INVOIS_MYINVOIS_CLIENT_ID", "invois-consolidation-crash", "INVOIS_MYINVOIS_CLIENT_SECRET", "consolidation-crash-secret");
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        requests.shutdownNow();
        looks.close();
        // A step that failed leaves its server running: it must not outlive the test.
        for (ChildServer child : children) {
            child.kill();
        }
        TestDatabase.dropDatabase(database);
    }

    @Test
    void kill_9_before_half_way_through_and_after_the_commit_leaves_none_or_all_of_the_run_and_the_month_is_consolidated_once(
            @TempDir Path directory) throws Exception {
        long started = System.nanoTime();
        Path log = directory.resolve("server.log");
        ChildServer first = start(log);
        String org = organization(first.api(key));
        Month month = month(first.api(key), org);
        long consolidating = count("SELECT count(*) FROM orders WHERE status = 'consolidating'");

        // (1) Before: the run waits for the organization's row, which this test holds.
        try (Handle holder = jdbi.open()) {
            holder.begin();
            holder.createQuery("SELECT 1 FROM organizations WHERE id = :id FOR NO KEY UPDATE").bind("id", org).mapTo(Integer.class).one();
            Future<Response> run = consolidate(first.api(key), org);
            await("the run waiting for the organization's row", () -> waiting("SELECT 1 FROM organizations%"));
            first.kill();
            holder.rollback();
            assertThat(run).failsWithin(PATIENCE);
        }
        awaitSessionsGone();
        assertNothingOfTheRun(consolidating);

        // (2) Half-way: the first document and its orders written, the second waiting for its number.
        ChildServer second = start(log);
        try (Handle holder = jdbi.open()) {
            holder.begin();
            holder.execute("INSERT INTO einvoices (id, organization_id, number, type, consolidated, status, month, buyer, currency, "
                    + "excluding_tax, tax, including_tax, payable, lines, created_at, updated_at) VALUES ('einv-holds-the-number', ?, ?, "
                    + "'01', true, 'draft', ?, '{}', 'MYR', 0, 0, 0, 0, '[]', now(), now())", org, SERIES + "B", CLOSED.toString());
            Future<Response> run = consolidate(second.api(key), org);
            await("the second document waiting for its number", () -> waiting("INSERT INTO einvoices %"));
            second.kill();
            holder.rollback();
            assertThat(run).failsWithin(PATIENCE);
        }
        awaitSessionsGone();
        assertNothingOfTheRun(consolidating);

        // (3) Just after the commit: killed once the run's documents are visible, before or after its answer.
        ChildServer third = start(log);
        long before = System.nanoTime();
        Future<Response> run = consolidate(third.api(key), org);
        await("the run committed", () -> count("SELECT count(*) FROM einvoices WHERE consolidated") > 0);
        third.kill();
        long consolidation = System.nanoTime() - before;
        try {
            run.get();
        } catch (ExecutionException killedBeforeItsAnswer) {
            // The run committed; whether its 202 left before the kill does not matter.
        }

        try (ChildServer restarted = start(log)) {
            Response again = restarted.api(key).post(Api.PREFIX + "/organizations/" + org + "/consolidations",
                    Map.of("month", CLOSED.toString()));
            assertThat(again.status()).as(again.body()).isEqualTo(202);
            assertThat(again.json().get("created")).as("documents made by the run after the restart").isEmpty();
            JsonNode months = restarted.api(key).get(Api.PREFIX + "/organizations/" + org + "/consolidations").json();
            assertThat(months.get("data")).as("the month, recorded once").hasSize(1);
            assertThat(months.at("/data/0/documents")).extracting(d -> d.get("number").asText())
                    .containsExactly(SERIES + "A", SERIES + "B");
        }
        assertTheMonthConsolidatedOnce(month);
        assertThat(DatabaseChecks.violations(jdbi)).isEmpty();

        Figures.record("ConsolidationCrashTest", "kill -9 of Main during a month's consolidation (before, half-way, after the commit)", 3);
        Figures.record("ConsolidationCrashTest", "orders of the month, each in exactly one document afterwards", month.paid().size());
        Figures.record("ConsolidationCrashTest", "milliseconds from the run's request to its commit", consolidation / 1_000_000);
        Figures.record("ConsolidationCrashTest", "seconds, four starts of Main included", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** What the month should come to: the orders each consolidated document must cover, the individual ones, the payable. */
    private record Month(List<Long> paid, List<Long> overLimit, int refunds, BigDecimal payable) {
    }

    /**
     * Every sixth number missing (about 140 ranges, so two documents); every 97th order over RM10,000,
     * every 89th a test order, every 83rd cancelled, every 13th refunded by half before the run. Sent
     * four at a time.
     */
    private Month month(Api api, String org) throws Exception {
        var paid = new ArrayList<Long>();
        var overLimit = new ArrayList<Long>();
        int refunds = 0;
        BigDecimal payable = BigDecimal.ZERO.setScale(2);
        var posts = new ArrayList<Callable<Void>>();
        for (int i = 1; i <= ORDERS; i++) {
            long number = 1000 + i + i / 5;
            BigDecimal price = BigDecimal.valueOf(1_000 + (i * 7_919L) % 50_000, 2).add(i % 97 == 0 ? new BigDecimal("10000.00") : BigDecimal.ZERO);
            OrderJson order = order(number, price);
            BigDecimal total = new BigDecimal(order.json().at("/total_price_set/shop_money/amount").asText());
            if (i % 89 == 0) {
                order.json().put("test", true);
            } else if (i % 83 == 0) {
                order.json().put("cancelled_at", CLOSED.atDay(28) + "T10:00:00+08:00");
            } else if (i % 97 == 0) {
                overLimit.add(number);
            } else {
                if (i % 13 == 0) {
                    total = total.subtract(refundHalf(order, price));
                    refunds++;
                }
                paid.add(number);
                payable = payable.add(total);
            }
            posts.add(() -> {
                Response response = api.post(Api.PREFIX + "/organizations/" + org + "/orders", order.json());
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                return null;
            });
        }
        for (Future<Void> post : requests.invokeAll(posts)) {
            post.get();
        }
        return new Month(paid, overLimit, refunds, payable);
    }

    private static OrderJson order(long number, BigDecimal price) {
        BigDecimal tax = price.multiply(SST).setScale(2, RoundingMode.HALF_UP);
        OrderJson order = anOrder(number).line("Batik shirt", 1, price.toPlainString(), discounts(), "0.06", tax.toPlainString())
                .total(price.add(tax).toPlainString());
        ObjectNode json = order.json().put("id", number).put("processed_at", CLOSED.atDay(1 + (int) (number % 28)) + "T10:00:00+08:00");
        json.putObject("billing_address").put("name", "Aisyah Rahman").put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY");
        return order;
    }

    /** Half the line and its tax back, in the order's first version; the money returned. */
    private static BigDecimal refundHalf(OrderJson order, BigDecimal price) {
        BigDecimal subtotal = price.divide(new BigDecimal("2"), 2, RoundingMode.DOWN);
        BigDecimal tax = subtotal.multiply(SST).setScale(2, RoundingMode.DOWN);
        BigDecimal money = subtotal.add(tax);
        order.refund(order.json().get("id").asLong() * 10).line(100, 1, subtotal.toPlainString(), tax.toPlainString())
                .transaction("refund", "success", money.toPlainString());
        return money;
    }

    private static String organization(Api api) {
        String id = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/einvoice-settings", Merchants.completeSettings()).status())
                .isEqualTo(200);
        return id;
    }

    private Future<Response> consolidate(Api api, String org) {
        return requests.submit(() -> api.post(Api.PREFIX + "/organizations/" + org + "/consolidations", Map.of("month", CLOSED.toString())));
    }

    // --- what must hold

    /** A killed run left nothing: no e-invoice, no number taken, every order still waiting, every refund still to net. */
    private void assertNothingOfTheRun(long consolidating) {
        assertThat(count("SELECT count(*) FROM einvoices")).as("e-invoices left by the killed run").isZero();
        assertThat(count("SELECT count(*) FROM einvoice_orders")).isZero();
        assertThat(count("SELECT count(*) FROM einvoice_status_changes")).isZero();
        assertThat(count("SELECT count(*) FROM einvoice_numbers")).as("numbers taken by the killed run").isZero();
        assertThat(count("SELECT count(*) FROM orders WHERE status = 'consolidating'")).isEqualTo(consolidating);
        assertThat(count("SELECT count(*) FROM order_refunds WHERE outcome LIKE 'netted%'")).isZero();
    }

    private void assertTheMonthConsolidatedOnce(Month month) {
        List<String> numbers = looks.createQuery("SELECT number FROM einvoices WHERE consolidated ORDER BY number")
                .mapTo(String.class).list();
        assertThat(numbers).as("consolidated documents, numbered once from A").containsExactly(SERIES + "A", SERIES + "B");
        List<Long> covered = looks.createQuery("SELECT o.shopify_order_id FROM einvoice_orders o JOIN einvoices e "
                + "ON e.id = o.einvoice_id WHERE e.consolidated ORDER BY 1").mapTo(Long.class).list();
        assertThat(covered).as("orders covered by the consolidated documents, each once").containsExactlyElementsOf(month.paid());
        assertThat(count("SELECT count(*) FROM orders o WHERE o.status = 'consolidated' AND o.status_reason = 'in consolidated e-invoice ' "
                + "|| (SELECT e.number FROM einvoice_orders eo JOIN einvoices e ON e.id = eo.einvoice_id "
                + "WHERE eo.shopify_order_id = o.shopify_order_id AND e.consolidated)")).as("orders naming the one document covering them")
                .isEqualTo(month.paid().size());
        assertThat(count("SELECT count(*) FROM einvoices WHERE NOT consolidated AND type = '01' AND status = 'queued'"))
                .as("individual e-invoices of the orders over RM10,000").isEqualTo(month.overLimit().size());
        assertThat(count("SELECT count(*) FROM einvoice_numbers WHERE series = 'INV' AND last_number = " + month.overLimit().size()))
                .as("their numbers, each taken once").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_refunds WHERE outcome LIKE 'netted into consolidated e-invoice " + SERIES + "_'"))
                .as("refunds netted, each once").isEqualTo(month.refunds());
        assertThat(count("SELECT count(*) FROM einvoices e WHERE e.consolidated AND (e.status <> 'queued' OR e.document IS NULL "
                + "OR (SELECT string_agg(coalesce(c.from_status, 'null') || '>' || c.to_status, ' ' ORDER BY c.id) "
                + "FROM einvoice_status_changes c WHERE c.einvoice_id = e.id) <> 'null>draft draft>queued')"))
                .as("half-built documents").isZero();
        BigDecimal payable = looks.createQuery("SELECT sum(payable) FROM einvoices WHERE consolidated").mapTo(BigDecimal.class).one();
        assertThat(payable).as("payables: Shopify's totals less the refunds netted").isEqualByComparingTo(month.payable());
    }

    // --- helpers

    private ChildServer start(Path log) {
        ChildServer child = ChildServer.start(environment, log);
        children.add(child);
        return child;
    }

    /** Whether a session of the server waits for a lock in a statement like this one. */
    private boolean waiting(String statement) {
        return count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
                + "AND query LIKE '" + statement + "'") > 0;
    }

    /** The killed server's sessions ended (PostgreSQL rolled their transactions back): only this look is left. */
    private void awaitSessionsGone() {
        await("the killed server's sessions gone", () -> count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()") == 0);
    }

    private long count(String sql) {
        return looks.createQuery(sql).mapTo(Long.class).one();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + PATIENCE).isLessThan(deadline);
            // Between two looks at the database: spares the two shared cores, synchronises nothing.
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
