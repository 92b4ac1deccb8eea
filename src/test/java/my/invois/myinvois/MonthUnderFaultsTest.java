package my.invois.myinvois;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import my.invois.orders.OrderService;
import my.invois.shopify.OrderJson;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Figures;
import my.invois.testing.MutableClock;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's fault run: two merchants' month (paid orders, refunds before and after the
 * consolidation, buyer requests and their refunds, orders over RM10,000, test, zero and cancelled
 * orders, late orders) goes through the API, the consolidation and the engine while the simulator
 * answers with 503s, hangs past the request timeout, submissions stored and then left unanswered,
 * and a storm of 429s; then the faults stop. Afterwards every document is Valid at the simulator
 * exactly once with our bytes, each note references its original's UUID, every paid order is in
 * exactly one Valid invoice and the payables are Shopify's totals less the refunds.
 *
 * The engine and the simulator share one clock, moved a second every 50 ms (twenty times real
 * time), so that back-offs of up to a minute, LHDN's minutes and its duplicate window pass within
 * the test; hangs and request timeouts stay in real time.
 */
class MonthUnderFaultsTest {

    private static final String CLIENT_ID = "invois-month-faults";
    private static final String SECRET = "month-faults-secret";
    private static final YearMonth CLOSED = YearMonth.now(OrderService.MALAYSIA).minusMonths(1);
    private static final BigDecimal SST = new BigDecimal("0.06");
    private static final Duration TICK = Duration.ofMillis(50);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String MIXED = "{\"errorRate\":0.2,\"hangRate\":0.05,\"acceptThenTimeoutRate\":0.3,\"tooManyRequests\":false,"
            + "\"hangMillis\":1500,\"seed\":18}";
    private static final String STORM = "{\"tooManyRequests\":true}";
    private static final String NONE = "{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false}";
    private static final Pattern OUTCOME = Pattern.compile("invois_lhdn_calls_total\\{api=\"[^\"]+\",outcome=\"([a-z]+)\"} ([0-9.]+)");

    enum Kind { PLAIN, TEST, ZERO, CANCELLED, OVER_LIMIT, REQUESTED, REQUESTED_REFUNDED_EARLY, REQUESTED_REFUNDED_LATE, REFUND_BEFORE,
        REFUND_AFTER, CANCELLED_AFTER }

    /** One order of the month, as planned, and its Shopify body (refunds are added to it as they happen). */
    record Planned(long number, Kind kind, OrderJson order) {
    }

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ScheduledExecutorService time = Executors.newSingleThreadScheduledExecutor();
    private Simulator simulator;
    private TestServer server;
    private Api api;
    private BigDecimal invoiced = BigDecimal.ZERO.setScale(2);
    private BigDecimal refundedByNotes = BigDecimal.ZERO.setScale(2);
    private final List<String> paidOrders = new ArrayList<>();
    private int individualInvoices;
    private int notes;
    private int consolidatedDocuments;

    @BeforeEach
    void start() {
        TestDatabase.clear();
        simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ofMillis(300))
                .withDevelopmentSecret(SECRET), TestDatabase.get().pool(), clock);
        clearSimulator();
        MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), SECOND, TestDatabase.get().jdbi(),
                TestServer.SECRET_BOX, clock);
        server = TestServer.withEngine(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin), simulator.baseUrl(), clock);
        api = server.api();
        time.scheduleAtFixedRate(() -> clock.advance(SECOND), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        time.shutdownNow();
        server.close();
        simulator.close();
        // The shared clock ran ahead of real time: nothing of it may meet the next test's budgets and tokens.
        TestDatabase.clear();
        clearSimulator();
    }

    @Test
    void a_month_under_errors_hangs_unanswered_submits_and_a_429_storm_ends_with_every_document_valid_exactly_once() {
        long started = System.nanoTime();
        faults(MIXED);
        String first = EngineApiTest.organization(api, "C2584563202");
        String second = EngineApiTest.organization(api, "C2584563203");
        // Every other number for the first merchant: each order is a range of its own, so its month splits into two documents.
        List<Planned> firstMonth = month(first, 1001, 2, 170, 18);
        List<Planned> secondMonth = month(second, 5001, 1, 50, 19);

        refundsBeforeConsolidation(first, firstMonth);
        refundsBeforeConsolidation(second, secondMonth);
        assertThat(consolidate(first)).as("documents of the first merchant's month").hasSizeGreaterThanOrEqualTo(2);
        assertThat(consolidate(second)).hasSize(1);

        faults(STORM);
        awaitWhileTimePasses("a storm of 429s", () -> outcomes().getOrDefault("throttled", 0.0) >= 10);
        faults(MIXED);
        refundsAfterConsolidation(first, firstMonth);
        refundsAfterConsolidation(second, secondMonth);
        refundsOfValidInvoices(first, firstMonth);
        refundsOfValidInvoices(second, secondMonth);
        lateOrders(first, 1001 + 2 * 170, 4);
        lateOrders(second, 5001 + 50, 3);
        assertThat(consolidate(first)).as("supplementary document").hasSize(1);
        assertThat(consolidate(second)).as("supplementary document").hasSize(1);
        awaitWhileTimePasses("half the documents valid under faults", () -> valid() * 2 >= expectedDocuments());

        faults(NONE);
        // Every e-invoice exists by now (notes included, waiting as drafts for their original): all must end Valid.
        awaitWhileTimePasses("every e-invoice valid after the faults",
                () -> TestDatabase.count("SELECT count(*) FROM einvoices WHERE status <> 'valid'") == 0);

        assertEveryDocumentValidOnceWithOurBytes();
        assertNotesReferenceTheirOriginals();
        assertNothingLostNothingTwice(first, firstMonth);
        assertNothingLostNothingTwice(second, secondMonth);
        assertPayables();
        assertWithinLhdnsBudgets();
        assertThat(DatabaseChecks.violations()).isEmpty();
        figures(Duration.ofNanos(System.nanoTime() - started));
    }

    // --- the month

    /** Orders of one merchant, every kind at least once, then mostly plain ones; posted, requested, cancelled as planned. */
    private List<Planned> month(String org, long firstNumber, int step, int count, long seed) {
        var random = new Random(seed);
        Kind[] kinds = Kind.values();
        var planned = new ArrayList<Planned>();
        for (int i = 0; i < count; i++) {
            Kind kind = i < kinds.length ? kinds[i] : random.nextInt(10) < 7 ? Kind.PLAIN : kinds[random.nextInt(kinds.length)];
            BigDecimal price = BigDecimal.valueOf(100 + random.nextInt(89_900), 2);
            long number = firstNumber + (long) i * step;
            Planned order = new Planned(number, kind, order(number, kind, price));
            post(org, order.order().json());
            if (kind.name().startsWith("REQUESTED")) {
                requestUnderFaults(org, number);
                individualInvoices++;
            }
            if (kind == Kind.OVER_LIMIT) {
                individualInvoices++;
            }
            if (!List.of(Kind.TEST, Kind.ZERO, Kind.CANCELLED).contains(kind)) {
                paidOrders.add(org + "/" + number);
                invoiced = invoiced.add(total(order));
            }
            planned.add(order);
        }
        return planned;
    }

    /** Refunds netted into the consolidation, and refunds of requested invoices that are not Valid yet (their notes wait). */
    private void refundsBeforeConsolidation(String org, List<Planned> month) {
        for (Planned order : month) {
            if (order.kind() == Kind.REFUND_BEFORE) {
                invoiced = invoiced.subtract(refund(org, order));
            } else if (order.kind() == Kind.REQUESTED_REFUNDED_EARLY) {
                refundedByNotes = refundedByNotes.add(refund(org, order));
                notes++;
            }
        }
    }

    /**
     * A refund of a consolidated order, or its cancellation with all the money back: a note against the
     * consolidated document (EINVOICE.md E5), held until that is Valid; the order stays in it.
     */
    private void refundsAfterConsolidation(String org, List<Planned> month) {
        for (Planned order : month) {
            if (order.kind() == Kind.REFUND_AFTER) {
                refundedByNotes = refundedByNotes.add(refund(org, order));
                notes++;
            } else if (order.kind() == Kind.CANCELLED_AFTER) {
                order.order().json().put("cancelled_at", CLOSED.plusMonths(1).atDay(1) + "T09:00:00+08:00");
                refundedByNotes = refundedByNotes.add(refundAll(org, order));
                notes++;
            }
        }
    }

    /** A refund of a requested invoice once it is Valid: its note is built at once. */
    private void refundsOfValidInvoices(String org, List<Planned> month) {
        for (Planned order : month) {
            if (order.kind() == Kind.REQUESTED_REFUNDED_LATE) {
                awaitWhileTimePasses("the invoice of order " + order.number() + " valid", () -> TestDatabase.count(
                        "SELECT count(*) FROM einvoices e JOIN einvoice_orders o ON o.einvoice_id = e.id WHERE e.type = '01' "
                                + "AND e.status = 'valid' AND o.organization_id = '" + org + "' AND o.shopify_order_id = " + order.number()) == 1);
                refundedByNotes = refundedByNotes.add(refund(org, order));
                notes++;
            }
        }
    }

    /** Orders of the closed month that arrive after its consolidation: a supplementary document. */
    private void lateOrders(String org, long firstNumber, int count) {
        for (int i = 0; i < count; i++) {
            Planned late = new Planned(firstNumber + i, Kind.PLAIN, order(firstNumber + i, Kind.PLAIN, new BigDecimal("250.00")));
            post(org, late.order().json());
            paidOrders.add(org + "/" + late.number());
            invoiced = invoiced.add(total(late));
        }
    }

    private List<JsonNode> consolidate(String org) {
        Response ran = api.post(Api.PREFIX + "/organizations/" + org + "/consolidations", Map.of("month", CLOSED.toString()));
        assertThat(ran.status()).as(ran.body()).isEqualTo(202);
        var created = new ArrayList<JsonNode>();
        ran.json().get("created").forEach(created::add);
        consolidatedDocuments += created.size();
        return created;
    }

    private static OrderJson order(long number, Kind kind, BigDecimal price) {
        BigDecimal amount = switch (kind) {
            case ZERO -> new BigDecimal("0.00");
            case OVER_LIMIT -> price.add(new BigDecimal("10000.00"));
            default -> price;
        };
        BigDecimal tax = amount.multiply(SST).setScale(2, RoundingMode.HALF_UP);
        OrderJson order = anOrder(number).line("Batik shirt", 1, amount.toPlainString(), discounts(), "0.06", tax.toPlainString())
                .total(amount.add(tax).toPlainString());
        ObjectNode json = order.json().put("id", number).put("processed_at", CLOSED.atDay(1 + (int) (number % 28)) + "T10:00:00+08:00");
        json.putObject("billing_address").put("name", "Aisyah Rahman").put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY");
        if (kind == Kind.TEST) {
            json.put("test", true);
        }
        if (kind == Kind.CANCELLED) {
            json.put("cancelled_at", CLOSED.atDay(28) + "T10:00:00+08:00");
        }
        return order;
    }

    /** Half the line back (its subtotal and tax halved) as money returned, posted as the order's next version; the money. */
    private BigDecimal refund(String org, Planned planned) {
        OrderJson order = planned.order();
        BigDecimal price = new BigDecimal(order.json().get("line_items").get(0).get("price_set").get("shop_money").get("amount").asText());
        BigDecimal subtotal = price.divide(new BigDecimal("2"), 2, RoundingMode.DOWN);
        BigDecimal tax = subtotal.multiply(SST).setScale(2, RoundingMode.DOWN);
        BigDecimal money = subtotal.add(tax);
        order.refund(planned.number() * 10).line(100, 1, subtotal.toPlainString(), tax.toPlainString())
                .transaction("refund", "success", money.toPlainString());
        post(org, order.json());
        return money;
    }

    /** The whole line and its tax back: all the money. */
    private BigDecimal refundAll(String org, Planned planned) {
        OrderJson order = planned.order();
        JsonNode line = order.json().get("line_items").get(0);
        String subtotal = line.get("price_set").get("shop_money").get("amount").asText();
        String tax = line.get("tax_lines").get(0).get("price_set").get("shop_money").get("amount").asText();
        BigDecimal money = total(planned);
        order.refund(planned.number() * 10).line(100, 1, subtotal, tax).transaction("refund", "success", money.toPlainString());
        post(org, order.json());
        return money;
    }

    private static BigDecimal total(Planned planned) {
        return new BigDecimal(planned.order().json().get("total_price_set").get("shop_money").get("amount").asText());
    }

    private void post(String org, ObjectNode order) {
        Response response = api.post(EngineApiTest.orders(org), order);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
    }

    // --- what must hold afterwards

    private int expectedDocuments() {
        return individualInvoices + notes + consolidatedDocuments;
    }

    private static long valid() {
        return TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'valid'");
    }

    private void assertEveryDocumentValidOnceWithOurBytes() {
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).as("e-invoices: individual, notes, consolidated")
                .isEqualTo(expectedDocuments());
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents")).as("documents at the simulator")
                .isEqualTo(expectedDocuments());
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Valid'")).isEqualTo(expectedDocuments());
        assertThat(TestDatabase.count("SELECT count(*) FROM (SELECT 1 FROM myinvois_sim.documents GROUP BY issuer_tin, code_number "
                + "HAVING count(*) > 1 OR count(DISTINCT sha256) > 1) twice")).as("numbers held twice or with two hashes").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices e JOIN myinvois_sim.documents d ON d.uuid = e.uuid "
                + "AND d.code_number = e.number AND d.bytes = e.document AND d.sha256 = e.document_sha256"))
                .as("our bytes are the simulator's").isEqualTo(expectedDocuments());
    }

    private void assertNotesReferenceTheirOriginals() {
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE type IN ('02', '04')")).isEqualTo(notes);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices n JOIN einvoices o ON o.id = n.original_id "
                + "JOIN myinvois_sim.documents d ON d.uuid = n.uuid WHERE n.type IN ('02', '04') AND o.status = 'valid' "
                + "AND o.uuid = ANY(d.referenced_uuids) AND position(o.number IN convert_from(n.document, 'UTF8')) > 0"))
                .as("notes Valid at the simulator referencing their original's UUID and number").isEqualTo(notes);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices n JOIN einvoices o ON o.id = n.original_id "
                + "WHERE o.consolidated")).as("notes of consolidated documents").isPositive();
    }

    private void assertNothingLostNothingTwice(String org, List<Planned> month) {
        for (Planned order : month) {
            long invoices = TestDatabase.count("SELECT count(*) FROM einvoice_orders o JOIN einvoices e ON e.id = o.einvoice_id "
                    + "WHERE e.type = '01' AND e.status = 'valid' AND o.organization_id = '" + org + "' AND o.shopify_order_id = "
                    + order.number());
            assertThat(invoices).as("Valid invoices of order %d (%s)", order.number(), order.kind())
                    .isEqualTo(List.of(Kind.TEST, Kind.ZERO, Kind.CANCELLED).contains(order.kind()) ? 0 : 1);
        }
        for (Planned order : month) {
            String status = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT status FROM orders "
                    + "WHERE organization_id = :org AND shopify_order_id = :id").bind("org", org).bind("id", order.number())
                    .mapTo(String.class).one());
            assertThat(status).as("status of order %d (%s)", order.number(), order.kind()).isEqualTo(status(order.kind()));
        }
    }

    private static String status(Kind kind) {
        return switch (kind) {
            case TEST, ZERO, CANCELLED -> "excluded";
            case OVER_LIMIT, REQUESTED, REQUESTED_REFUNDED_EARLY, REQUESTED_REFUNDED_LATE -> "individual";
            default -> "consolidated";
        };
    }

    private void assertPayables() {
        assertThat(TestDatabase.count("SELECT count(DISTINCT (o.organization_id, o.shopify_order_id)) FROM einvoice_orders o "
                + "JOIN einvoices e ON e.id = o.einvoice_id WHERE e.type = '01' AND e.status = 'valid'")).isEqualTo(paidOrders.size());
        assertThat(sum("SELECT coalesce(sum(payable), 0) FROM einvoices WHERE type = '01' AND status = 'valid'"))
                .as("invoices: Shopify's totals less the refunds netted").isEqualByComparingTo(invoiced);
        assertThat(sum("SELECT coalesce(sum(payable), 0) FROM einvoices WHERE type = '04' AND status = 'valid'"))
                .as("refund notes: the money returned").isEqualByComparingTo(refundedByNotes);
        assertThat(sum("SELECT coalesce(sum(total_payable), 0) FROM myinvois_sim.documents WHERE status = 'Valid' AND type_code = '01'"))
                .as("at the simulator").isEqualByComparingTo(invoiced);
    }

    private static void assertWithinLhdnsBudgets() {
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.calls WHERE client_id = '" + CLIENT_ID + "' AND calls > "
                + "CASE api WHEN 'login' THEN 12 WHEN 'submit' THEN 100 WHEN 'getSubmission' THEN 300 WHEN 'details' THEN 125 "
                + "WHEN 'cancel' THEN 12 WHEN 'search' THEN 12 WHEN 'validateTin' THEN 60 ELSE 60 END"))
                .as("(API, minute) over LHDN's budget").isZero();
        assertThat(TestDatabase.count("SELECT coalesce(sum(refused), 0) FROM myinvois_sim.calls")).as("calls refused for the budget")
                .isZero();
    }

    private static BigDecimal sum(String sql) {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(BigDecimal.class).one());
    }

    private void figures(Duration took) {
        String source = "MonthUnderFaultsTest";
        Map<String, Double> outcomes = outcomes();
        Figures.record(source, "documents Valid exactly once after the faults", valid());
        Figures.record(source, "paid orders, each in one Valid invoice", paidOrders.size());
        Figures.record(source, "LHDN answers 429 or budget spent (throttled)", outcomes.getOrDefault("throttled", 0.0).longValue());
        Figures.record(source, "LHDN answers 503 or refused (transient)", outcomes.getOrDefault("transient", 0.0).longValue());
        Figures.record(source, "calls unanswered, hangs and accepted-then-silent (unknown)", outcomes.getOrDefault("unknown", 0.0).longValue());
        Figures.record(source, "resends answered duplicate", outcomes.getOrDefault("duplicate", 0.0).longValue());
        Figures.record(source, "submissions", TestDatabase.count("SELECT count(*) FROM submissions"));
        Figures.record(source, "simulated minutes with calls", TestDatabase.count("SELECT count(DISTINCT minute) FROM myinvois_sim.calls"));
        Figures.record(source, "seconds", took.toSeconds());
    }

    // --- helpers

    /** Engine outcomes of LHDN calls so far, summed over the APIs, from the server's own metrics. */
    private Map<String, Double> outcomes() {
        Matcher matcher = OUTCOME.matcher(api.get("/metrics").body());
        var totals = new HashMap<String, Double>();
        while (matcher.find()) {
            totals.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
        }
        return totals;
    }

    /**
     * The buyer's request while LHDN fails: its Validate TIN may be answered 503 (nothing stored), and the
     * merchant's app sends it again, as the answer says, until LHDN has checked the TIN.
     */
    private void requestUnderFaults(String org, long number) {
        var answers = new ArrayList<Integer>();
        awaitWhileTimePasses("the buyer's request of order " + number + " (answers so far " + answers + ")", () -> {
            Response requested = api.post(EngineApiTest.orders(org) + "/" + number + "/einvoice-request", EngineApiTest.buyer());
            assertThat(requested.status()).as(requested.body()).isIn(201, 503);
            answers.add(requested.status());
            return requested.status() == 201;
        });
    }

    private static void awaitWhileTimePasses(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + PATIENCE + "; " + statuses());
            }
            // Between two looks at the database: spares the two shared cores, synchronises nothing.
            LockSupport.parkNanos(TICK.toNanos());
        }
    }

    private static String statuses() {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT kind || ': ' || n FROM (SELECT e.type "
                + "|| ' ' || e.status || ' ' || coalesce(s.state, '-') || CASE WHEN e.document IS NULL THEN ' no document' ELSE '' END "
                + "AS kind, count(*) AS n FROM einvoices e LEFT JOIN submissions s ON s.id = e.submission_id GROUP BY 1) k ORDER BY 1")
                .mapTo(String.class).list()) + " notes awaiting their document: " + TestDatabase.get().jdbi().withHandle(handle -> handle
                .createQuery("SELECT n.number || ' of ' || o.number || ' (' || o.status || ')' FROM einvoices n JOIN einvoices o "
                        + "ON o.id = n.original_id WHERE n.document IS NULL").mapTo(String.class).list());
    }

    private void faults(String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                            + "/simulator/faults")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("faults set: %s", response.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void clearSimulator() {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls"));
    }
}
