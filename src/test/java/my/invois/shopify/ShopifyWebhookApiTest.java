package my.invois.shopify;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

class ShopifyWebhookApiTest extends ApiTest {

    private static final String SHOP = "kedai-ali.myshopify.com";
    private final WebhookDeliveries deliveries = new WebhookDeliveries();

    private Response send(SignedDelivery delivery) {
        return api.send(delivery.request(api.base()));
    }

    private Response sendBad(SignedDelivery delivery) {
        return api.deliberatelyBad().send(delivery.request(api.base()));
    }

    private static long stored() {
        return TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries");
    }

    private static Map<String, Object> row(String webhookId) {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT * FROM shopify_webhook_deliveries WHERE webhook_id = :id").bind("id", webhookId).mapToMap().one());
    }

    private static List<WebhookDelivery> claim(int limit) {
        return TestDatabase.get().jdbi().inTransaction(handle -> new WebhookDeliveries().claimNext(handle, limit));
    }

    private String linkedOrganization(String shop) {
        String id = anOrganization().create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/shopify", Map.of("shopDomain", shop)).status()).isEqualTo(200);
        return id;
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("Unauthorized");
        assertThat(response.json().get("message").asText()).isEqualTo("Invalid or missing Shopify webhook signature");
    }

    @Test
    void each_e3_topic_is_200_and_stored_once_with_its_headers_and_exact_body() {
        String organization = linkedOrganization(SHOP);
        for (var topic : WebhookPayloads.byTopic().entrySet()) {
            SignedDelivery delivery = SignedDelivery.of(topic.getKey(), topic.getValue()).with("X-Shopify-Shop-Domain", "Kedai-Ali.MyShopify.com");

            Response response = send(delivery);

            assertThat(response.status()).as(topic.getKey() + ": " + response.body()).isEqualTo(200);
            assertThat(response.json().get("status").asText()).isEqualTo("received");
            Map<String, Object> row = row(delivery.webhookId());
            assertThat(row).containsEntry("topic", topic.getKey()).containsEntry("shop_domain", SHOP).containsEntry("state", "received")
                    .containsEntry("api_version", "2026-07").containsEntry("organization_id", organization).containsEntry("reason", null)
                    .containsEntry("processed_at", null);
            assertThat((byte[]) row.get("body")).isEqualTo(delivery.body());
            assertThat(row.get("event_id")).isNotNull();
            assertThat(TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id = '" + delivery.webhookId()
                    + "' AND triggered_at = '2025-07-10T16:15:47.234647Z'")).isEqualTo(1);
        }
        assertThat(stored()).isEqualTo(8);
    }

    @Test
    void a_redelivery_with_the_same_webhook_id_is_200_and_stores_nothing_new() {
        SignedDelivery first = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER);
        assertThat(send(first).status()).isEqualTo(200);

        Response again = send(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER.replace("#1071", "#1072"))
                .with("X-Shopify-Webhook-Id", first.webhookId()));

        assertThat(again.status()).isEqualTo(200);
        assertThat(stored()).isEqualTo(1);
        assertThat((byte[]) row(first.webhookId()).get("body")).isEqualTo(first.body());
    }

    @Test
    void a_wrong_missing_or_malformed_signature_is_401_and_stores_nothing() throws Exception {
        byte[] reserialised = new ObjectMapper().readTree(WebhookPayloads.ORDER).toString().getBytes(StandardCharsets.UTF_8);
        String right = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signature();
        List<SignedDelivery> refused = List.of(
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signedWith("shpss_not-our-secret"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signedOver(reserialised),
                SignedDelivery.of("orders/paid", reserialised).signedOver(WebhookPayloads.ORDER.getBytes(StandardCharsets.UTF_8)),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with(WebhookSignatures.HEADER, ""),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with(WebhookSignatures.HEADER, "not base64 at all!"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with(WebhookSignatures.HEADER, right.substring(0, 20)),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER)
                        .with(WebhookSignatures.HEADER, HexFormat.of().formatHex(Base64.getDecoder().decode(right))));
        for (SignedDelivery delivery : refused) {
            assertUnauthorized(sendBad(delivery));
        }
        assertUnauthorized(sendBad(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).unsigned()));
        assertThat(stored()).isZero();
    }

    @Test
    void a_signature_sent_twice_is_401_even_when_one_is_right() {
        SignedDelivery delivery = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER);
        var request = delivery.request(api.base()).header(WebhookSignatures.HEADER, delivery.signature());

        assertUnauthorized(api.deliberatelyBad().send(request));
        assertThat(stored()).isZero();
    }

    @Test
    void missing_or_malformed_identifying_headers_are_401_and_store_nothing() {
        List<SignedDelivery> refused = List.of(
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).without("X-Shopify-Webhook-Id"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).without("X-Shopify-Topic"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).without("X-Shopify-Shop-Domain"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with("X-Shopify-Shop-Domain", "kedai-ali.com"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with("X-Shopify-Webhook-Id", "x".repeat(256)),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with("X-Shopify-Triggered-At", "yesterday"),
                SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with("X-Shopify-Triggered-At", "+999999-01-01T00:00:00Z"));
        for (SignedDelivery delivery : refused) {
            assertUnauthorized(sendBad(delivery));
        }
        assertThat(stored()).isZero();
    }

    @Test
    void the_optional_headers_may_be_absent_and_header_names_are_case_insensitive() {
        SignedDelivery delivery = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER)
                .without("X-Shopify-Event-Id").without("X-Shopify-Triggered-At").without("X-Shopify-API-Version");
        String webhookId = delivery.webhookId();
        delivery.without("X-Shopify-Webhook-Id").with("x-shopify-webhook-id", webhookId)
                .without("X-Shopify-Topic").with("x-shopify-topic", "orders/paid");

        assertThat(send(delivery).status()).isEqualTo(200);
        assertThat(row(webhookId)).containsEntry("event_id", null).containsEntry("triggered_at", null).containsEntry("api_version", null);
    }

    @Test
    void without_a_configured_secret_every_delivery_is_401_and_nothing_is_stored() {
        try (var server = TestServer.withShopifySecrets(List.of(), TestServer.GENEROUS_AUTH_FAILURES)) {
            assertUnauthorized(server.api().send(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).request(server.api().base())));
        }
        assertThat(stored()).isZero();
    }

    @Test
    void during_a_rotation_either_secret_signs() {
        assertThat(send(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signedWith(TestServer.SHOPIFY_SECRETS.get(1))).status())
                .isEqualTo(200);
        assertThat(send(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signedWith(TestServer.SHOPIFY_SECRETS.get(0))).status())
                .isEqualTo(200);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void an_unknown_topic_is_200_and_stored_as_ignored() {
        SignedDelivery delivery = SignedDelivery.of("products/update", "{\"id\": 632910392, \"title\": \"Kain batik\"}");

        assertThat(send(delivery).status()).isEqualTo(200);

        assertThat(row(delivery.webhookId())).containsEntry("state", "ignored").containsEntry("reason", "Topic not handled");
        assertThat(row(delivery.webhookId()).get("processed_at")).isNotNull();
        linkedOrganization(SHOP);
        assertThat(claim(10)).isEmpty();
    }

    @Test
    void a_signed_body_that_is_not_a_json_object_is_200_and_stored_as_failed() {
        for (String body : List.of("<order/>", "[1, 2]", "{\"id\": 1} trailing", "")) {
            SignedDelivery delivery = SignedDelivery.of("orders/paid", body);

            assertThat(sendBad(delivery).status()).as(body).isEqualTo(200);

            assertThat(row(delivery.webhookId())).as(body).containsEntry("state", "failed").containsEntry("reason", "The body is not a JSON object");
        }
    }

    @Test
    void bodies_up_to_5_mib_are_taken_and_larger_ones_are_413_and_store_nothing() {
        String filler = "{\"note\":\"" + "a".repeat(3 * 1024 * 1024) + "\",\"id\":1}";
        SignedDelivery large = SignedDelivery.of("orders/paid", filler);
        assertThat(send(large).status()).isEqualTo(200);

        Response tooLarge = sendBad(SignedDelivery.of("orders/paid", "{\"note\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}"));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("message").asText()).contains("5 MiB");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void a_delivery_for_an_unlinked_shop_is_kept_without_organization_and_claimable_once_linked() {
        SignedDelivery delivery = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).with("X-Shopify-Shop-Domain", "kedai-baru.myshopify.com");
        assertThat(send(delivery).status()).isEqualTo(200);
        assertThat(row(delivery.webhookId())).containsEntry("organization_id", null).containsEntry("state", "received");
        assertThat(claim(10)).isEmpty();

        String organization = linkedOrganization("kedai-baru.myshopify.com");

        List<WebhookDelivery> claimed = claim(10);
        assertThat(claimed).singleElement().satisfies(found -> {
            assertThat(found.webhookId()).isEqualTo(delivery.webhookId());
            assertThat(found.organizationId()).hasValue(organization);
            assertThat(found.body()).isEqualTo(delivery.body());
            assertThat(found.state()).isEqualTo(DeliveryState.RECEIVED);
        });
        assertThat(row(delivery.webhookId())).containsEntry("organization_id", organization);
    }

    @Test
    void claims_come_in_arrival_order_skip_deliveries_another_job_holds_and_settled_ones_are_not_claimed_again() {
        linkedOrganization(SHOP);
        List<SignedDelivery> sent = List.of(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER),
                SignedDelivery.of("refunds/create", WebhookPayloads.REFUND), SignedDelivery.of("orders/cancelled", WebhookPayloads.ORDER),
                SignedDelivery.of("customers/redact", WebhookPayloads.CUSTOMER_REDACT));
        sent.forEach(delivery -> assertThat(send(delivery).status()).isEqualTo(200));

        try (Handle job = TestDatabase.get().jdbi().open()) {
            job.begin();
            List<WebhookDelivery> first = deliveries.claimNext(job, 2);
            assertThat(first).extracting(WebhookDelivery::webhookId).containsExactly(sent.get(0).webhookId(), sent.get(1).webhookId());

            List<WebhookDelivery> meanwhile = claim(10);
            assertThat(meanwhile).extracting(WebhookDelivery::webhookId).containsExactly(sent.get(2).webhookId(), sent.get(3).webhookId());

            Instant now = Instant.parse("2025-07-10T16:20:00Z");
            assertThat(deliveries.markProcessed(job, first.get(0).id(), now)).isTrue();
            assertThat(deliveries.markIgnored(job, first.get(1).id(), "Test order", now)).isTrue();
            assertThat(deliveries.markProcessed(job, first.get(1).id(), now)).isFalse();
            job.commit();
        }
        TestDatabase.get().jdbi().useTransaction(handle -> {
            List<WebhookDelivery> rest = deliveries.claimNext(handle, 10);
            assertThat(rest).hasSize(2);
            assertThat(deliveries.markFailed(handle, rest.get(0).id(), "Order has no line items", Instant.now())).isTrue();
        });
        assertThat(row(sent.get(0).webhookId())).containsEntry("state", "processed").containsEntry("reason", null);
        assertThat(row(sent.get(1).webhookId())).containsEntry("state", "ignored").containsEntry("reason", "Test order");
        assertThat(row(sent.get(2).webhookId())).containsEntry("state", "failed").containsEntry("reason", "Order has no line items");
        assertThat(claim(10)).extracting(WebhookDelivery::webhookId).containsExactly(sent.get(3).webhookId());
    }

    @Test
    void failed_signatures_count_towards_the_lock_out_but_a_signed_delivery_is_still_admitted() {
        try (var server = TestServer.withShopifySecrets(TestServer.SHOPIFY_SECRETS, 2)) {
            Api client = server.api().deliberatelyBad();
            SignedDelivery forged = SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).signedWith("shpss_guess");
            assertUnauthorized(client.send(forged.request(client.base())));
            assertUnauthorized(client.send(forged.request(client.base())));

            Response locked = client.send(forged.request(client.base()));

            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).isPresent();
            assertThat(server.api().send(SignedDelivery.of("orders/paid", WebhookPayloads.ORDER).request(client.base())).status())
                    .isEqualTo(200);
        }
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void the_integration_rate_limit_does_not_apply() {
        Response response = send(SignedDelivery.of("shop/redact", WebhookPayloads.SHOP_REDACT));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-RateLimit-Limit")).isEmpty();
    }
}
