package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import my.invois.testing.Api;
import my.invois.testing.Merchants;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E3: the process-webhooks job, running on a server of its own, works what the intake stored. */
class ProcessWebhooksApiTest {

    private static final String SHOP = "kedai-ali.myshopify.com";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** Between two reads of the delivery while polling (not a synchronisation: the loop waits for the state). */
    private static final Duration POLL = Duration.ofMillis(20);
    private static TestServer server;
    private Api api;
    private String organization;

    @BeforeAll
    static void startWithJobs() {
        server = TestServer.withJobs(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void linkedShopWithCompleteSettings() {
        TestDatabase.clear();
        api = server.api();
        organization = Merchants.withLinkedShop(api, SHOP);
    }

    /** One line of 100.00 with 6 % tax: 106.00. */
    private static OrderJson order(long id) {
        OrderJson order = anOrder(1000 + id).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", id);
        return order;
    }

    private static OrderJson refunded(long id, long refundId) {
        OrderJson order = order(id);
        order.refund(refundId).line(100, 1, "50.00", "3.00").transaction("refund", "success", "53.00");
        return order;
    }

    /** Sends the delivery and waits until the job settled it; its row. */
    private Map<String, Object> deliver(String topic, JsonNode body) {
        SignedDelivery delivery = SignedDelivery.of(topic, body.toString());
        Response response = api.send(delivery.request(api.base()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Map<String, Object> row = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT state, reason FROM shopify_webhook_deliveries WHERE webhook_id = :id")
                    .bind("id", delivery.webhookId()).mapToMap().one());
            if (!row.get("state").equals("received")) {
                return row;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError(topic + " still waiting after " + PATIENCE);
    }

    private JsonNode stored(long orderId) {
        Response response = api.get(Api.PREFIX + "/organizations/" + organization + "/orders/" + orderId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static long refundRows(long orderId) {
        return TestDatabase.count("SELECT count(*) FROM order_refunds WHERE shopify_order_id = " + orderId);
    }

    @Test
    void orders_paid_creates_the_order_as_the_api_would_and_the_same_again_is_ignored() {
        assertThat(deliver("orders/paid", order(1).json())).containsEntry("state", "processed");
        assertThat(stored(1).get("status").asText()).isEqualTo("consolidating");

        assertThat(deliver("orders/updated", order(1).json()))
                .containsEntry("state", "ignored").containsEntry("reason", ProcessWebhooks.NOTHING_NEW);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    @Test
    void an_update_before_its_paid_creates_the_order_and_the_late_paid_changes_nothing() {
        assertThat(deliver("orders/updated", refunded(2, 501).json())).containsEntry("state", "processed");
        assertThat(refundRows(2)).isEqualTo(1);

        assertThat(deliver("orders/paid", order(2).json())).containsEntry("state", "ignored");
        assertThat(refundRows(2)).isEqualTo(1);
        assertThat(stored(2).get("refunds")).hasSize(1);
    }

    @Test
    void refunds_create_applies_to_the_stored_order_once_whichever_way_the_refund_arrives() {
        deliver("orders/paid", order(3).json());
        ObjectNode refund = (ObjectNode) refunded(3, 502).json().get("refunds").get(0).deepCopy();
        refund.put("order_id", 3);

        assertThat(deliver("refunds/create", refund)).containsEntry("state", "processed");
        assertThat(deliver("refunds/create", refund)).containsEntry("state", "ignored");
        assertThat(deliver("orders/updated", refunded(3, 502).json())).containsEntry("state", "ignored");

        assertThat(refundRows(3)).isEqualTo(1);
        assertThat(stored(3).get("refunds").get(0).get("moneyReturned").asText()).isEqualTo("53.00");
    }

    @Test
    void a_refund_of_an_order_not_stored_is_ignored_with_the_reason() {
        ObjectNode refund = (ObjectNode) refunded(4, 503).json().get("refunds").get(0).deepCopy();
        refund.put("order_id", 4);

        assertThat(deliver("refunds/create", refund))
                .containsEntry("state", "ignored").containsEntry("reason", ProcessWebhooks.ORDER_NOT_STORED);
        assertThat(TestDatabase.count("SELECT count(*) FROM order_refunds")).isZero();
    }

    @Test
    void orders_cancelled_excludes_the_order() {
        deliver("orders/paid", order(5).json());
        OrderJson cancelled = order(5);
        cancelled.json().put("cancelled_at", "2026-11-24T10:00:00+08:00");

        assertThat(deliver("orders/cancelled", cancelled.json())).containsEntry("state", "processed");
        assertThat(stored(5).get("status").asText()).isEqualTo("excluded");
    }

    @Test
    void an_order_that_can_never_be_processed_fails_with_the_fields_named_and_changes_nothing() {
        ObjectNode broken = order(6).json();
        broken.remove("processed_at");
        broken.put("currency", "ringgit");

        Map<String, Object> row = deliver("orders/paid", broken);

        assertThat(row).containsEntry("state", "failed");
        assertThat((String) row.get("reason")).contains("processed_at").contains("currency");
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isZero();
        assertThat(deliver("orders/paid", order(7).json())).as("the next delivery is not held up").containsEntry("state", "processed");
    }

    @Test
    void after_app_uninstalled_order_deliveries_are_ignored_until_the_shop_is_linked_again() {
        assertThat(deliver("app/uninstalled", OrderJson.read(WebhookPayloads.SHOP))).containsEntry("state", "processed");

        assertThat(deliver("orders/paid", order(8).json()))
                .containsEntry("state", "ignored").containsEntry("reason", ProcessWebhooks.UNINSTALLED);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isZero();

        assertThat(api.put(Api.PREFIX + "/organizations/" + organization + "/shopify", Map.of("shopDomain", SHOP)).status())
                .isEqualTo(200);
        assertThat(deliver("orders/paid", order(8).json())).containsEntry("state", "processed");
        assertThat(stored(8).get("status").asText()).isEqualTo("consolidating");
    }
}
