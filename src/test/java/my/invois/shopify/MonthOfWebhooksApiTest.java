package my.invois.shopify;

import static my.invois.testing.Merchants.completeSettings;
import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import my.invois.myinvois.LhdnAccount;
import my.invois.myinvois.MyInvois;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E3 to E7 end to end on a server running every job, against the built-in simulator over HTTP: a
 * month of a shop's webhooks (300 orders, with refunds, cancellations, test orders, redeliveries
 * and out-of-order updates) is processed, consolidated into signed documents whose totals are
 * Shopify's, submitted and validated. The result is checked at the simulator: each document is
 * Valid there exactly once, with our exact bytes, and no test order reached it.
 */
class MonthOfWebhooksApiTest {

    private static final String SHOP = "kedai-ali.myshopify.com";
    private static final YearMonth CLOSED = YearMonth.now(ZoneId.of("Asia/Kuala_Lumpur")).minusMonths(1);
    private static final int ORDERS = 300;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SECRET = "month-test-secret";
    private static Simulator simulator;
    private static TestServer server;

    @BeforeAll
    static void startWithJobs() {
        simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO).withDevelopmentSecret(SECRET),
                TestDatabase.get().pool(), Clock.systemUTC());
        MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), TestDatabase.get().jdbi(),
                TestServer.SECRET_BOX, Clock.systemUTC());
        server = TestServer.withEngine(lhdn, tin -> LhdnAccount.intermediary("invois-month-test", SECRET, tin), simulator.baseUrl(),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
        simulator.close();
    }

    private static OrderJson order(long number) {
        OrderJson order = anOrder(number).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", number).put("processed_at", CLOSED.atDay(1 + (int) (number % 28)) + "T10:00:00+08:00");
        return order;
    }

    @Test
    void a_month_of_webhooks_becomes_consolidated_documents_valid_at_the_simulator_with_shopifys_totals() {
        TestDatabase.clear();
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls"));
        Api api = server.api();
        String org = anOrganization().create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + org + "/einvoice-settings", completeSettings()).status()).isEqualTo(200);
        assertThat(api.put(Api.PREFIX + "/organizations/" + org + "/shopify", Map.of("shopDomain", SHOP)).status()).isEqualTo(200);

        BigDecimal expected = BigDecimal.ZERO;
        int paid = 0;
        int refunds = 0;
        for (long number = 1001; number < 1001 + ORDERS; number++) {
            OrderJson order = order(number);
            if (number % 50 == 0) {
                order.json().put("test", true);
            }
            if (number % 37 == 0) {
                send(api, "orders/updated", order.json());
            }
            SignedDelivery paidDelivery = send(api, "orders/paid", order.json());
            if (number % 41 == 0) {
                api.send(paidDelivery.request(api.base()));
            }
            if (number % 50 == 0) {
                continue;
            }
            if (number % 29 == 0) {
                order.json().put("cancelled_at", CLOSED.atDay(28) + "T12:00:00+08:00");
                send(api, "orders/cancelled", order.json());
                continue;
            }
            BigDecimal total = new BigDecimal("106.00");
            if (number % 7 == 0) {
                order.refund(number * 10).line(100, 1, "50.00", "3.00").transaction("refund", "success", "53.00");
                ObjectNode refund = (ObjectNode) order.json().get("refunds").get(0).deepCopy();
                refund.put("order_id", number);
                send(api, "refunds/create", refund);
                send(api, "orders/updated", order.json());
                total = total.subtract(new BigDecimal("53.00"));
                refunds++;
            }
            expected = expected.add(total);
            paid++;
        }
        awaitProcessed();

        Response ran = api.post(Api.PREFIX + "/organizations/" + org + "/consolidations", Map.of("month", CLOSED.toString()));

        assertThat(ran.status()).as(ran.body()).isEqualTo(202);
        assertThat(TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries WHERE state = 'failed'")).isZero();
        BigDecimal invoiced = BigDecimal.ZERO;
        int covered = 0;
        JsonNode created = ran.json().get("created");
        for (JsonNode document : created) {
            String id = document.get("id").asText();
            JsonNode einvoice = awaitValid(api, org, id);
            assertThat(einvoice.get("lines").size()).isLessThanOrEqualTo(100);
            String bytes = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + id + "/document").body();
            assertThat(bytes).contains("UBLExtensions").contains("General Public").contains("Orders #");
            String uuid = einvoice.at("/lhdn/uuid").asText();
            byte[] ours = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT document FROM einvoices WHERE id = :id")
                    .bind("id", id).mapTo(byte[].class).one());
            byte[] atLhdn = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
                    "SELECT bytes FROM myinvois_sim.documents WHERE uuid = :uuid AND status = 'Valid'").bind("uuid", uuid)
                    .mapTo(byte[].class).one());
            assertThat(atLhdn).as("the simulator holds our exact bytes, Valid").isEqualTo(ours);
            invoiced = invoiced.add(new BigDecimal(einvoice.get("totals").get("payable").asText()));
            covered += einvoice.get("orderIds").size();
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents")).as("each document once at the simulator")
                .isEqualTo(created.size());
        assertThat(TestDatabase.count("SELECT count(DISTINCT code_number) FROM myinvois_sim.documents WHERE status = 'Valid'"))
                .isEqualTo(created.size());
        assertThat(covered).isEqualTo(paid);
        assertThat(invoiced).isEqualByComparingTo(expected);
        assertThat(TestDatabase.count("SELECT count(*) FROM order_refunds")).as("each refund once, whichever way it came").isEqualTo(refunds);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    private static SignedDelivery send(Api api, String topic, JsonNode body) {
        SignedDelivery delivery = SignedDelivery.of(topic, body.toString());
        assertThat(api.send(delivery.request(api.base())).status()).isEqualTo(200);
        return delivery;
    }

    private static JsonNode awaitValid(Api api, String org, String id) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode einvoice = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + id).json();
            String status = einvoice.get("status").asText();
            if (status.equals("valid")) {
                return einvoice;
            }
            assertThat(status).as("%s: %s", id, einvoice.at("/lhdn/errors")).isIn("queued", "submitted");
            assertThat(Instant.now()).as("%s still %s after %s", id, status, PATIENCE).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static void awaitProcessed() {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries WHERE state = 'received'") > 0) {
            assertThat(Instant.now()).as("deliveries still waiting after %s", PATIENCE).isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
