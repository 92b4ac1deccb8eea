package my.invois.orders;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import my.invois.myinvois.LhdnAccess;
import my.invois.myinvois.LhdnAccount;
import my.invois.myinvois.MyInvois;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Merchants;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E5 black-box: the buyer's TIN checked with the simulator's Validate TIN over HTTP, cached, on the
 * test PostgreSQL. The server runs no jobs: the e-invoices made stay drafts.
 */
class BuyerTinApiTest {

    private static final String CLIENT_ID = "invois-buyer-tin-test";
    private static final String SECRET = "buyer-tin-test-secret";
    private static final String UNKNOWN_TIN = "IG98765432100";

    private static Simulator simulator;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO).withDevelopmentSecret(SECRET),
                TestDatabase.get().pool(), Clock.systemUTC());
        MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofMillis(800), TestDatabase.get().jdbi(),
                TestServer.SECRET_BOX, Clock.systemUTC());
        server = TestServer.withLhdn(new LhdnAccess(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin)));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    @BeforeEach
    void clear() {
        faults("{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false}");
        TestDatabase.clear();
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("TRUNCATE lhdn_tin_checks, myinvois_sim.calls"));
    }

    @Test
    void a_known_tin_passes_and_the_same_buyer_again_is_not_asked_of_lhdn_again() {
        String org = organization();
        post(org, 1);
        post(org, 2);

        Response first = request(org, 1, buyer("IG12345678090", "NRIC", "900101-14-5678"));
        Response again = request(org, 1, buyer("IG12345678090", "NRIC", "900101-14-5678"));
        Response otherOrder = request(org, 2, buyer("IG12345678090", "NRIC", "900101145678"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(otherOrder.status()).isEqualTo(201);
        assertThat(validateTinCalls()).as("Validate TIN calls at the simulator").isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks WHERE valid")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks t WHERE t::text LIKE '%900101145678%'"
                + " OR t::text LIKE '%IG12345678090%'")).as("the cache holds no identity number").isZero();
    }

    @Test
    void a_tin_lhdn_does_not_know_is_400_naming_tin_and_registration_and_stores_nothing() {
        String org = organization();
        post(org, 3);
        String before = DatabaseChecks.checksum();

        Response unknown = request(org, 3, buyer(UNKNOWN_TIN, "NRIC", "900101145678"));
        Response wrongNumber = request(org, 3, buyer("IG12345678090", "NRIC", "900101145679"));
        Response unknownAgain = request(org, 3, buyer(UNKNOWN_TIN, "NRIC", "900101145678"));

        for (Response refused : List.of(unknown, wrongNumber, unknownAgain)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("Validation Error");
            assertThat(refused.json().get("details").get("tin").get(0).asText()).contains("Validate TIN knows no taxpayer");
            assertThat(refused.json().get("details").get("registrationNumber").get(0).asText()).contains("NRIC number");
        }
        assertThat(DatabaseChecks.checksum()).isEqualTo(before);
        assertThat(api.get(order(org, 3)).json().get("status").asText()).isEqualTo("consolidating");
        assertThat(validateTinCalls()).as("the second not-found answer came from the cache").isEqualTo(2);
    }

    @Test
    void lhdn_answering_429_is_503_with_its_retry_after_and_stores_nothing() {
        String org = organization();
        post(org, 4);
        String before = DatabaseChecks.checksum();
        faults("{\"tooManyRequests\":true}");

        Response throttled = request(org, 4, buyer("IG12345678090", "NRIC", "900101145678"));

        assertThat(throttled.status()).isEqualTo(503);
        assertThat(throttled.json().get("error").asText()).isEqualTo("Service Unavailable");
        assertThat(throttled.json().get("message").asText()).contains("Validate TIN").contains("nothing was stored");
        assertThat(throttled.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
        assertThat(DatabaseChecks.checksum()).isEqualTo(before);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks")).isZero();
    }

    @Test
    void lhdn_failing_is_503_with_retry_after_and_once_it_answers_the_same_request_succeeds() {
        String org = organization();
        post(org, 5);
        String before = DatabaseChecks.checksum();
        faults("{\"errorRate\":1}");

        Response failed = request(org, 5, buyer("IG12345678090", "NRIC", "900101145678"));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("message").asText()).contains("LHDN answered 503");
        assertThat(failed.header("Retry-After")).hasValue("5");
        assertThat(DatabaseChecks.checksum()).isEqualTo(before);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks")).isZero();
        faults("{\"errorRate\":0}");
        assertThat(request(org, 5, buyer("IG12345678090", "NRIC", "900101145678")).status()).isEqualTo(201);
    }

    @Test
    void a_general_tin_is_accepted_without_asking_lhdn() {
        String org = organization();
        post(org, 6);
        post(org, 7);

        Response foreign = request(org, 6, buyer("EI00000000020", "PASSPORT", "A12345678"));
        Response nricOnly = request(org, 7, buyer("EI00000000010", "NRIC", "900101145678"));

        assertThat(foreign.status()).isEqualTo(201);
        assertThat(nricOnly.status()).isEqualTo(201);
        assertThat(validateTinCalls()).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks")).isZero();
    }

    // --- helpers

    private static String organization() {
        String id = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/einvoice-settings", Merchants.completeSettings()).status())
                .isEqualTo(200);
        return id;
    }

    private static void post(String org, long orderId) {
        var order = anOrder(1000 + orderId).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", orderId);
        assertThat(api.post(orders(org), order.json()).status()).isEqualTo(202);
    }

    private static String orders(String org) {
        return Api.PREFIX + "/organizations/" + org + "/orders";
    }

    private static String order(String org, long orderId) {
        return orders(org) + "/" + orderId;
    }

    private static Response request(String org, long orderId, Map<String, Object> buyer) {
        return api.post(order(org, orderId) + "/einvoice-request", buyer);
    }

    private static Map<String, Object> buyer(String tin, String registrationType, String registrationNumber) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", "Siti Aminah");
        body.put("tin", tin);
        body.put("registrationType", registrationType);
        body.put("registrationNumber", registrationNumber);
        body.put("email", "siti@example.my");
        body.put("phone", "012-345 6789");
        body.put("address", Merchants.ADDRESS);
        return body;
    }

    private static long validateTinCalls() {
        return TestDatabase.count("SELECT coalesce(sum(calls), 0) FROM myinvois_sim.calls WHERE client_id = '" + CLIENT_ID
                + "' AND api = 'validateTin'");
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
