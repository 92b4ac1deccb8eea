package my.invois.shopify;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import my.invois.testing.ShopifyHmac;
import my.invois.testing.TestServer;

/** A webhook delivery as Shopify sends it: the documented headers, signed with the test servers' first secret. */
final class SignedDelivery {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private String secret = TestServer.SHOPIFY_SECRETS.get(0);
    private byte[] signedBytes;
    private boolean unsigned;

    private SignedDelivery(String topic, byte[] body) {
        this.body = body;
        this.signedBytes = body;
        headers.put("Content-Type", "application/json");
        headers.put("X-Shopify-Topic", topic);
        headers.put("X-Shopify-Shop-Domain", "kedai-ali.myshopify.com");
        headers.put("X-Shopify-API-Version", "2026-07");
        headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        headers.put("X-Shopify-Triggered-At", "2025-07-10T16:15:47.234647458Z");
        headers.put("X-Shopify-Event-Id", UUID.randomUUID().toString());
        headers.put("User-Agent", "Shopify-Captain-Hook");
    }

    static SignedDelivery of(String topic, String body) {
        return new SignedDelivery(topic, body.getBytes(StandardCharsets.UTF_8));
    }

    static SignedDelivery of(String topic, byte[] body) {
        return new SignedDelivery(topic, body);
    }

    SignedDelivery with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    SignedDelivery without(String header) {
        headers.remove(header);
        return this;
    }

    SignedDelivery signedWith(String secret) {
        this.secret = secret;
        return this;
    }

    /** Signs other bytes than those sent. */
    SignedDelivery signedOver(byte[] bytes) {
        this.signedBytes = bytes;
        return this;
    }

    String webhookId() {
        return headers.get("X-Shopify-Webhook-Id");
    }

    byte[] body() {
        return body;
    }

    String signature() {
        return ShopifyHmac.of(secret, signedBytes);
    }

    /** With the signature unless the test set its own X-Shopify-Hmac-Sha256 (or removed it with unsigned()). */
    HttpRequest.Builder request(String base) {
        var builder = HttpRequest.newBuilder(URI.create(base + ShopifyWebhookRoutes.PATH)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!headers.containsKey(WebhookSignatures.HEADER) && !unsigned) {
            builder.header(WebhookSignatures.HEADER, signature());
        }
        headers.forEach(builder::header);
        return builder;
    }

    SignedDelivery unsigned() {
        unsigned = true;
        return this;
    }
}
