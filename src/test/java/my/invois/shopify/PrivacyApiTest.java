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
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E9: the privacy topics, done by their job on a server of its own. */
class PrivacyApiTest {

    private static final String SHOP = "kedai-ali.myshopify.com";
    private static final String EMAIL = "aisyah.rahman@example.my";
    private static final String NAME = "Aisyah Binti Rahman";
    private static final String PHONE = "012-987 6543";
    private static final String OTHER_EMAIL = "siti.ahmad@example.my";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
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

    private static ObjectNode order(long id, long customerId, String email, String name, String phone) {
        ObjectNode order = anOrder(1000 + id).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00").json();
        order.put("id", id).put("email", email).put("phone", phone);
        order.putObject("customer").put("id", customerId).put("email", email).put("first_name", name).put("phone", phone);
        order.putObject("billing_address").put("name", name).put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY").put("phone", phone);
        return order;
    }

    private Map<String, Object> deliver(String topic, JsonNode body) {
        SignedDelivery delivery = SignedDelivery.of(topic, body.toString());
        assertThat(api.send(delivery.request(api.base())).status()).isEqualTo(200);
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

    /** Rows of every table whose text holds the needle, as text or as the hex of a bytea column. */
    private static List<String> tablesHolding(String needle) {
        return TestDatabase.get().jdbi().withHandle(handle -> {
            List<String> tables = handle.createQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").mapTo(String.class).list();
            return tables.stream().filter(table -> handle.createQuery("SELECT count(*) FROM \"" + table + "\" t WHERE "
                            + "t::text ILIKE '%' || :needle || '%' OR t::text ILIKE '%' || encode(convert_to(:needle, 'UTF8'), 'hex') || '%'")
                    .bind("needle", needle).mapTo(Long.class).one() > 0).toList();
        });
    }

    private static JsonNode customerRedact(long customerId, String email, List<Long> orders) {
        ObjectNode body = OrderJson.read(WebhookPayloads.CUSTOMER_REDACT).deepCopy();
        ((ObjectNode) body.get("customer")).put("id", customerId).put("email", email).put("phone", PHONE);
        body.putArray("orders_to_redact").addAll(orders.stream().map(id -> (JsonNode) OrderJson.read(id.toString())).toList());
        return body;
    }

    @Test
    void after_customers_redact_no_personal_data_of_the_customer_remains_and_other_customers_keep_theirs() {
        deliver("orders/paid", order(1, 191167, EMAIL, NAME, PHONE));
        deliver("orders/paid", order(2, 191167, EMAIL, NAME, PHONE));
        deliver("orders/paid", order(3, 200001, OTHER_EMAIL, "Siti Ahmad", "013-111 2222"));
        var buyer = new LinkedHashMap<String, Object>();
        buyer.put("name", NAME);
        buyer.put("tin", "IG12345678090");
        buyer.put("registrationType", "NRIC");
        buyer.put("registrationNumber", "900101-14-5678");
        buyer.put("email", EMAIL);
        buyer.put("phone", PHONE);
        buyer.put("address", Map.of("lines", List.of("12 Jalan Ampang"), "city", "Kuala Lumpur", "postcode", "50450",
                "state", "14", "country", "MYS"));
        assertThat(api.post(Api.PREFIX + "/organizations/" + organization + "/orders/2/einvoice-request", buyer).status()).isEqualTo(201);
        assertThat(tablesHolding(EMAIL)).isNotEmpty();

        assertThat(deliver("customers/redact", customerRedact(191167, EMAIL, List.of(1L, 2L)))).containsEntry("state", "processed");

        assertThat(tablesHolding(EMAIL)).isEmpty();
        assertThat(tablesHolding(NAME)).isEmpty();
        assertThat(tablesHolding(PHONE)).isEmpty();
        assertThat(tablesHolding(OTHER_EMAIL)).contains("orders", "shopify_webhook_deliveries");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'cancelled' AND document IS NULL")).isEqualTo(1);
    }

    @Test
    void a_data_request_stores_an_export_of_the_customers_orders() {
        deliver("orders/paid", order(1, 191167, EMAIL, NAME, PHONE));
        deliver("orders/paid", order(3, 200001, OTHER_EMAIL, "Siti Ahmad", "013-111 2222"));
        ObjectNode request = OrderJson.read(WebhookPayloads.DATA_REQUEST).deepCopy();
        ((ObjectNode) request.get("customer")).put("id", 191167).put("email", EMAIL);

        assertThat(deliver("customers/data_request", request)).containsEntry("state", "processed");

        Map<String, Object> export = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT customer_id, orders::text AS orders, data_request_id FROM privacy_exports").mapToMap().one());
        assertThat(export).containsEntry("customer_id", 191167L).containsEntry("data_request_id", "9999");
        assertThat((String) export.get("orders")).contains(EMAIL).doesNotContain(OTHER_EMAIL);
        JsonNode fetched = api.get(Api.PREFIX + "/organizations/" + organization + "/privacy-exports").json();
        assertThat(fetched.get("data")).hasSize(1);
        assertThat(fetched.get("data").get(0).get("customerId").asText()).isEqualTo("191167");
        assertThat(fetched.get("data").get(0).get("orders").get(0).get("email").asText()).isEqualTo(EMAIL);
    }

    @Test
    void shop_redact_is_ignored_while_installed_and_erases_every_customer_after_uninstall() {
        deliver("orders/paid", order(1, 191167, EMAIL, NAME, PHONE));
        deliver("orders/paid", order(3, 200001, OTHER_EMAIL, "Siti Ahmad", "013-111 2222"));

        assertThat(deliver("shop/redact", OrderJson.read(WebhookPayloads.SHOP_REDACT)))
                .containsEntry("state", "ignored").containsEntry("reason", ProcessPrivacyRequests.STILL_INSTALLED);
        assertThat(tablesHolding(EMAIL)).isNotEmpty();
        deliver("app/uninstalled", OrderJson.read(WebhookPayloads.SHOP));

        assertThat(deliver("shop/redact", OrderJson.read(WebhookPayloads.SHOP_REDACT))).containsEntry("state", "processed");
        assertThat(tablesHolding(EMAIL)).isEmpty();
        assertThat(tablesHolding(OTHER_EMAIL)).isEmpty();
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).as("the orders stay, without personal data").isEqualTo(2);
    }

    @Test
    void deliveries_of_a_shop_never_linked_are_purged_after_30_days_and_others_kept() {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("INSERT INTO shopify_webhook_deliveries (id, webhook_id, topic, "
                + "shop_domain, body, received_at, state) VALUES "
                + "('delivery-old', 'w-old', 'orders/paid', 'never-linked.myshopify.com', '\\\\x7b7d', now() - interval '31 days', 'received'), "
                + "('delivery-new', 'w-new', 'orders/paid', 'never-linked.myshopify.com', '\\\\x7b7d', now() - interval '29 days', 'received'), "
                + "('delivery-linked', 'w-linked', 'app/uninstalled', '" + SHOP + "', '\\\\x7b7d', now() - interval '40 days', 'received')"));

        int purged = new PrivacyPurge(TestDatabase.get().jdbi(), Clock.systemUTC()).run();

        assertThat(purged).isEqualTo(1);
        List<String> kept = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM shopify_webhook_deliveries "
                + "WHERE id LIKE 'delivery-%' ORDER BY id").mapTo(String.class).list());
        assertThat(kept).containsExactly("delivery-linked", "delivery-new");
    }
}
