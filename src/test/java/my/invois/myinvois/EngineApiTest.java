package my.invois.myinvois;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import my.invois.shopify.OrderJson;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E6 black-box: the real app with its engine jobs, the built-in simulator over HTTP, the test PostgreSQL. */
class EngineApiTest {

    private static final String CLIENT_ID = "invois-engine-test";
    private static final String SECRET = "engine-test-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration FAULTY_DEADLINE = Duration.ofSeconds(90);
    static final Map<String, Object> ADDRESS = Map.of("lines", List.of("No. 12, Jalan Bukit Bintang"), "city", "Kuala Lumpur",
            "postcode", "55100", "state", "14", "country", "MYS");

    private static Simulator simulator;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO).withDevelopmentSecret(SECRET),
                TestDatabase.get().pool(), Clock.systemUTC());
        MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofMillis(800), TestDatabase.get().jdbi(),
                TestServer.SECRET_BOX, Clock.systemUTC());
        server = TestServer.withEngine(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin), simulator.baseUrl(),
                Clock.systemUTC());
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    @BeforeEach
    void clear() {
        faults("{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false,\"hangMillis\":1500}");
        TestDatabase.clear();
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls"));
    }

    @Test
    void an_individual_invoice_ends_valid_at_the_simulator_with_our_exact_bytes_and_its_validation_link() {
        String org = organization("C2584563202");
        String id = requested(org, 1);

        JsonNode valid = awaitStatus(org, id, "valid");
        String uuid = valid.at("/lhdn/uuid").asText();
        String longId = valid.at("/lhdn/longId").asText();
        assertThat(longId).hasSize(40);
        assertThat(valid.at("/lhdn/submissionUid").asText()).isNotEmpty();
        assertThat(valid.at("/lhdn/validationUrl").asText()).isEqualTo(simulator.baseUrl() + "/" + uuid + "/share/" + longId);
        assertThat(valid.get("validatedAt").isNull()).isFalse();
        byte[] ours = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT document FROM einvoices WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).one());
        byte[] theirs = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                "SELECT bytes FROM myinvois_sim.documents WHERE uuid = :uuid").bind("uuid", uuid).mapTo(byte[].class).one());
        assertThat(theirs).isEqualTo(ours);
        assertThat(history(id)).containsExactly("null>draft", "draft>queued", "queued>submitted", "submitted>valid");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_status_changes WHERE einvoice_id = '" + id
                + "' AND to_status IN ('submitted', 'valid') AND lhdn_correlation_id IS NOT NULL")).isEqualTo(2);
        String metrics = api.get("/metrics").body();
        assertThat(metrics).containsPattern("invois_lhdn_calls_total\\{api=\"submit\",outcome=\"accepted\"} [1-9]")
                .containsPattern("invois_einvoice_latency_seconds_count [1-9]")
                .contains("invois_einvoices{status=\"queued\"}").contains("invois_einvoices_at_risk ");
    }

    @Test
    void an_unanswered_submission_is_resent_with_the_same_bytes_and_the_document_is_valid_exactly_once() {
        faults("{\"acceptThenTimeoutRate\":1,\"hangMillis\":1500}");
        String org = organization("C2584563202");
        String id = requested(org, 2);

        JsonNode valid = awaitStatus(org, id, "valid");
        String number = valid.get("number").asText();
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE code_number = '" + number + "'")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(DISTINCT sha256) FROM myinvois_sim.documents WHERE code_number = '" + number + "'"))
                .isEqualTo(1);
        assertThat(history(id)).containsExactly("null>draft", "draft>queued", "queued>submitted", "submitted>valid");
        assertThat(reasons(id)).anyMatch(reason -> reason.contains("found at LHDN by its internal ID"));
    }

    @Test
    void a_429_storm_and_5xx_faults_are_ridden_out_within_the_budget() {
        faults("{\"tooManyRequests\":true}");
        String org = organization("C2584563202");
        // A foreign buyer: no Validate TIN call, which the storm would refuse (BuyerTinApiTest proves that 503).
        String first = requested(api, org, 3, foreignBuyer());
        awaitTrue(() -> TestDatabase.count("SELECT count(*) FROM submissions WHERE attempts >= 3 AND state = 'retry'") > 0);
        assertThat(status(org, first)).isIn("queued");
        faults("{\"tooManyRequests\":false,\"errorRate\":0.5,\"hangRate\":0.2,\"hangMillis\":1500}");
        String second = requested(api, org, 4, foreignBuyer());

        // Back-off after each 503 doubles from 3 s: a minute is room for several in a row.
        awaitStatus(org, first, "valid", FAULTY_DEADLINE);
        awaitStatus(org, second, "valid", FAULTY_DEADLINE);
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.calls")).as("minutes the simulator counted").isPositive();
        assertThat(TestDatabase.count("SELECT coalesce(sum(refused), 0) FROM myinvois_sim.calls")).as("calls over a minute's budget")
                .isZero();
    }

    @Test
    void an_invalid_document_gets_lhdns_errors_and_its_order_falls_back_to_consolidating() {
        String org = organization("C2584563202");
        String id = requested(org, 5);
        // Bytes that no longer match their signature, before the engine first queues them.
        TestDatabase.get().jdbi().useHandle(h -> h.createUpdate("UPDATE einvoices SET document = "
                        + "convert_to(replace(convert_from(document, 'UTF8'), 'Batik shirt', 'Batik skirt'), 'UTF8'), "
                        + "document_sha256 = encode(sha256(convert_to(replace(convert_from(document, 'UTF8'), 'Batik shirt', "
                        + "'Batik skirt'), 'UTF8')), 'hex') WHERE id = :id AND status IN ('draft', 'queued')")
                .bind("id", id).execute());

        JsonNode invalid = awaitStatus(org, id, "invalid");
        assertThat(invalid.at("/lhdn/errors")).isNotEmpty();
        assertThat(invalid.at("/lhdn/errors/0/code").asText()).isEqualTo("DS322");
        JsonNode order = api.get(Api.PREFIX + "/organizations/" + org + "/orders/5").json();
        assertThat(order.get("status").asText()).isEqualTo("consolidating");
        assertThat(order.get("statusReason").asText()).contains("falls back into the consolidation");
    }

    @Test
    void a_refund_note_is_held_until_its_original_is_valid_and_then_references_its_uuid() {
        String org = organization("C2584563202");
        OrderJson refunded = order(8);
        refunded.refund(801).line(100, 1, "100.00", "6.00").transaction("refund", "success", "106.00");
        assertThat(api.post(orders(org), refunded.json()).status()).isEqualTo(202);
        Response requested = api.post(orders(org) + "/8/einvoice-request", buyer());
        String original = requested.json().get("id").asText();
        JsonNode listed = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?order=8").json().get("data");
        String note = listed.get(1).get("id").asText();
        assertThat(api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + note + "/document").status()).isEqualTo(404);

        JsonNode validOriginal = awaitStatus(org, original, "valid");
        JsonNode validNote = awaitStatus(org, note, "valid");
        String document = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + note + "/document").body();
        assertThat(document).contains(validOriginal.at("/lhdn/uuid").asText()).contains(validOriginal.get("number").asText());
        assertThat(history(note)).containsExactly("null>draft", "draft>draft", "draft>queued", "queued>submitted", "submitted>valid");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + validNote.at("/lhdn/uuid").asText()
                + "' AND status = 'Valid' AND '" + validOriginal.at("/lhdn/uuid").asText() + "' = ANY(referenced_uuids)")).isEqualTo(1);
    }

    @Test
    void a_refund_after_its_original_is_valid_gets_its_note_submitted_referencing_the_uuid() {
        String org = organization("C2584563202");
        OrderJson order = order(11);
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
        String original = api.post(orders(org) + "/11/einvoice-request", buyer()).json().get("id").asText();
        JsonNode validOriginal = awaitStatus(org, original, "valid");

        order.refund(1101).line(100, 1, "100.00", "6.00").transaction("refund", "success", "106.00");
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
        JsonNode listed = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?order=11").json().get("data");
        String note = listed.get(1).get("id").asText();

        JsonNode validNote = awaitStatus(org, note, "valid");
        assertThat(validNote.get("type").asText()).isEqualTo("04");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + validNote.at("/lhdn/uuid").asText()
                + "' AND status = 'Valid' AND '" + validOriginal.at("/lhdn/uuid").asText() + "' = ANY(referenced_uuids)")).isEqualTo(1);
    }

    @Test
    void an_order_cancelled_past_72_hours_without_a_refund_gets_a_credit_note_of_the_whole_sale() {
        String org = organization("C2584563202");
        OrderJson order = order(12);
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
        String original = api.post(orders(org) + "/12/einvoice-request", buyer()).json().get("id").asText();
        JsonNode validOriginal = awaitStatus(org, original, "valid");
        TestDatabase.bulk("UPDATE einvoices SET validated_at = now() - interval '73 hours' WHERE id = '" + original + "'");

        order.json().put("cancelled_at", "2026-11-30T10:00:00+08:00");
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
        JsonNode listed = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?order=12").json().get("data");
        String note = listed.get(1).get("id").asText();

        JsonNode validNote = awaitStatus(org, note, "valid");
        assertThat(validNote.get("type").asText()).isEqualTo("02");
        assertThat(validNote.at("/totals/payable").asText()).isEqualTo(validOriginal.at("/totals/payable").asText());
        assertThat(status(org, original)).isEqualTo("valid");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + validNote.at("/lhdn/uuid").asText()
                + "' AND status = 'Valid' AND '" + validOriginal.at("/lhdn/uuid").asText() + "' = ANY(referenced_uuids)")).isEqualTo(1);
    }

    @Test
    void a_valid_einvoice_is_cancelled_at_lhdn_within_72_hours_and_409_after_them() {
        String org = organization("C2584563202");
        String first = requested(org, 9);
        String second = requested(org, 10);
        awaitStatus(org, first, "valid");
        JsonNode late = awaitStatus(org, second, "valid");
        String cancel = Api.PREFIX + "/organizations/" + org + "/einvoices/" + first + "/cancel";

        assertThat(api.deliberatelyBad().post(cancel, Map.of("reason", "x".repeat(301))).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(cancel, Map.of()).status()).isEqualTo(400);
        Response accepted = api.post(cancel, Map.of("reason", "Wrong buyer details"));
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode cancelled = awaitStatus(org, first, "cancelled");
        assertThat(cancelled.get("cancelledAt").isNull()).isFalse();
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + cancelled.at("/lhdn/uuid").asText()
                + "' AND status = 'Cancelled' AND cancel_reason = 'Wrong buyer details'")).isEqualTo(1);
        assertThat(api.deliberatelyBad().post(cancel, Map.of("reason", "again")).status()).isEqualTo(409);

        TestDatabase.get().jdbi().useHandle(h -> h.createUpdate("UPDATE einvoices SET validated_at = validated_at - interval '72 hours 1 second' "
                + "WHERE id = :id").bind("id", second).execute());
        Response tooLate = api.deliberatelyBad().post(Api.PREFIX + "/organizations/" + org + "/einvoices/" + second + "/cancel",
                Map.of("reason", "Wrong buyer details"));
        assertThat(tooLate.status()).isEqualTo(409);
        assertThat(tooLate.json().get("message").asText()).contains("72 hours");
        assertThat(status(org, second)).isEqualTo("valid");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + late.at("/lhdn/uuid").asText()
                + "' AND status = 'Valid'")).isEqualTo(1);
    }

    @Test
    void a_cancelled_orders_valid_invoice_is_cancelled_at_lhdn() {
        String org = organization("C2584563202");
        String id = requested(org, 11);
        awaitStatus(org, id, "valid");
        OrderJson cancelledOrder = order(11);
        cancelledOrder.json().put("cancelled_at", "2026-11-25T10:00:00+08:00");
        assertThat(api.post(orders(org), cancelledOrder.json()).status()).isIn(200, 202);

        JsonNode cancelled = awaitStatus(org, id, "cancelled");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE uuid = '" + cancelled.at("/lhdn/uuid").asText()
                + "' AND status = 'Cancelled'")).isEqualTo(1);
        assertThat(reasons(id)).last().asString().contains("order cancelled in Shopify");
    }

    @Test
    void an_organization_whose_document_may_be_at_lhdn_is_not_deleted() {
        String org = organization("C2584563202");
        String id = requested(org, 12);
        // As after a send without an answer: attached to its submission, not yet known to be submitted.
        TestDatabase.get().jdbi().useHandle(h -> {
            h.execute("INSERT INTO submissions (id, organization_id, state, attempts, unknown_since, next_at, created_at, updated_at) "
                    + "VALUES ('sub-unanswered', ?, 'unknown', 1, now(), now() + interval '1 day', now(), now())", org);
            h.execute("UPDATE einvoices SET status = 'queued', queued_at = now(), submitted_at = NULL, submission_id = 'sub-unanswered' WHERE id = ?", id);
        });
        assertThat(api.deliberatelyBad().delete(Api.PREFIX + "/organizations/" + org).status()).isEqualTo(409);
        assertThat(status(org, id)).isEqualTo("queued");
    }

    @Test
    void a_test_order_never_reaches_the_simulator() {
        String org = organization("C2584563202");
        OrderJson order = order(6);
        order.json().put("test", true);
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
        assertThat(api.post(orders(org) + "/6/einvoice-request", buyer()).status()).isEqualTo(409);
        String id = requested(org, 7);
        awaitStatus(org, id, "valid");
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices e JOIN einvoice_orders o ON o.einvoice_id = e.id "
                + "WHERE o.shopify_order_id = 6")).isZero();
    }

    // --- helpers

    private String organization(String tin) {
        return organization(api, tin);
    }

    static String organization(Api api, String tin) {
        String id = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", tin);
        body.put("registrationType", "BRN");
        body.put("registrationNumber", "202001234567");
        body.put("msicCode", "47912");
        body.put("address", ADDRESS);
        body.put("phone", "012-345 6789");
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/einvoice-settings", body).status()).isEqualTo(200);
        return id;
    }

    static String orders(String org) {
        return Api.PREFIX + "/organizations/" + org + "/orders";
    }

    static OrderJson order(long id) {
        OrderJson order = anOrder(1000 + id % 1000).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", id);
        return order;
    }

    static Map<String, Object> buyer() {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "Siti Aminah");
        body.put("tin", "IG12345678090");
        body.put("registrationType", "NRIC");
        body.put("registrationNumber", "900101-14-5678");
        body.put("email", "siti@example.my");
        body.put("phone", "012-345 6789");
        body.put("address", ADDRESS);
        return body;
    }

    /** E5's foreign buyer without a TIN (general TIN EI00000000020, anchors §1.10): LHDN's Validate TIN is not asked. */
    static Map<String, Object> foreignBuyer() {
        var body = new LinkedHashMap<>(buyer());
        body.put("name", "Tan Wei Ming");
        body.put("tin", "EI00000000020");
        body.put("registrationType", "PASSPORT");
        body.put("registrationNumber", "K1234567A");
        body.put("address", Map.of("lines", List.of("1 Raffles Place"), "city", "Singapore", "postcode", "048616", "state", "17",
                "country", "SGP"));
        return body;
    }

    /** An order posted and its buyer's e-invoice requested: the e-invoice's id. */
    static String requested(Api api, String org, long orderId) {
        return requested(api, org, orderId, buyer());
    }

    static String requested(Api api, String org, long orderId, Map<String, Object> buyer) {
        assertThat(api.post(orders(org), order(orderId).json()).status()).isEqualTo(202);
        Response requested = api.post(orders(org) + "/" + orderId + "/einvoice-request", buyer);
        assertThat(requested.status()).isIn(200, 201);
        return requested.json().get("id").asText();
    }

    private String requested(String org, long orderId) {
        return requested(api, org, orderId);
    }

    private String status(String org, String id) {
        return api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + id).json().get("status").asText();
    }

    private JsonNode awaitStatus(String org, String id, String expected) {
        return awaitStatus(org, id, expected, DEADLINE);
    }

    private JsonNode awaitStatus(String org, String id, String expected, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + id).json();
            if (last.get("status").asText().equals(expected)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("not " + expected + " within " + patience + ": " + last + " history " + reasons(id));
    }

    private static void awaitTrue(Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE);
            }
            pause();
        }
    }

    /** Between two looks at an observable condition: spares the two shared cores, synchronises nothing. */
    private static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }

    static List<String> history(String id) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(from_status, 'null') || '>' || to_status "
                + "FROM einvoice_status_changes WHERE einvoice_id = :id ORDER BY id").bind("id", id).mapTo(String.class).list());
    }

    static List<String> reasons(String id) {
        return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT reason FROM einvoice_status_changes "
                + "WHERE einvoice_id = :id ORDER BY id").bind("id", id).mapTo(String.class).list());
    }

    private static void faults(String body) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/faults"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
