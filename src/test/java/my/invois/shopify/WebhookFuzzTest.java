package my.invois.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import my.invois.testing.RawHttp;
import my.invois.testing.ShopifyHmac;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzed webhook deliveries (bodies, signatures, headers): never a 5xx; a delivery not signed
 * over its exact bytes with a configured secret never stores anything; a signed one with
 * Shopify's headers is 200 and stored exactly once, whatever its body.
 */
class WebhookFuzzTest {

    static final int TRIES = 3_000;
    private static final List<String> TOPICS = List.of("orders/paid", "orders/updated", "orders/cancelled", "refunds/create",
            "app/uninstalled", "customers/data_request", "customers/redact", "shop/redact", "products/update", "orders/PAID", "");
    private static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\",\"message\":\"Invalid or missing Shopify webhook signature\"}";
    private static final String REPEATED_ID = UUID.randomUUID().toString();

    enum Signature { RIGHT, SECOND_SECRET, WRONG_SECRET, OTHER_BYTES, GARBAGE, ABSENT, TWICE }

    record Probe(byte[] body, Signature signature, String topic, String shop, String webhookId, String triggeredAt, boolean lowerCaseNames) {

        boolean signedRight() {
            return signature == Signature.RIGHT || signature == Signature.SECOND_SECRET;
        }

        boolean headersRight() {
            String label = shop.toLowerCase(Locale.ROOT).replace(".myshopify.com", "");
            return !topic.isEmpty() && !webhookId.isEmpty() && webhookId.length() <= 255 && !webhookId.contains(" ")
                    && shop.toLowerCase(Locale.ROOT).endsWith(".myshopify.com") && label.matches("[a-z0-9][a-z0-9-]{0,62}")
                    && !triggeredAt.equals("yesterday");
        }

        @Override
        public String toString() {
            return signature + " " + topic + " " + shop + " id=" + webhookId + " at=" + triggeredAt + " body of " + body.length + " bytes";
        }
    }

    @BeforeContainer
    static void clear() {
        TestDatabase.clear();
    }

    @AfterContainer
    static void clearAfter() {
        TestDatabase.clear();
    }

    @Provide
    Arbitrary<Probe> deliveries() {
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.of(WebhookPayloads.byTopic().values()).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(300).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of(WebhookPayloads.byTopic().values()).map(text -> text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("{\"a\":\"\\u0000\"}", "{\"n\":1e999999}", "[".repeat(200), "{}", "null", "\"x\"")
                        .map(text -> text.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> shops = Arbitraries.oneOf(Arbitraries.of("kedai-ali.myshopify.com", "KEDAI-ALI.MYSHOPIFY.COM", "kedai-ali.com",
                        "-x.myshopify.com", ""),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(70).map(label -> label + ".myshopify.com"));
        Arbitrary<String> ids = Arbitraries.oneOf(Arbitraries.create(() -> UUID.randomUUID().toString()),
                Arbitraries.of(REPEATED_ID, "", "two words", "x".repeat(300)));
        Arbitrary<String> instants = Arbitraries.of("2025-07-10T16:15:47.000000Z", "2024-08-03T18:28:37.234647458Z", "yesterday", "");
        return Combinators.combine(bodies, Arbitraries.of(Signature.class), Arbitraries.of(TOPICS), shops, ids, instants,
                Arbitraries.of(true, false)).as(Probe::new);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void fuzzed_deliveries_are_never_5xx_and_only_signed_ones_are_stored(@ForAll("deliveries") Probe probe) {
        Statistics.collect(probe.signature());
        long storedBefore = stored();
        boolean known = TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries WHERE webhook_id = '"
                + probe.webhookId().replace("'", "''") + "'") > 0;

        RawHttp.Reply reply = RawHttp.send(TestServer.shared().port(), "POST", ShopifyWebhookRoutes.PATH.getBytes(StandardCharsets.UTF_8),
                headers(probe), probe.body());

        assertThat(reply.status()).as("%s answered %s", probe, reply).isLessThan(500);
        Statistics.label("status").collect(reply.status());
        if (!probe.signedRight() || !probe.headersRight()) {
            assertThat(reply.status()).as("%s answered %s", probe, reply).isEqualTo(401);
            assertThat(reply.body()).as("%s", probe).isEqualTo(UNAUTHORIZED);
            assertThat(stored()).as("%s stored something", probe).isEqualTo(storedBefore);
        } else {
            assertThat(reply.status()).as("%s answered %s", probe, reply).isEqualTo(200);
            assertThat(stored()).as("%s", probe).isEqualTo(storedBefore + (known ? 0 : 1));
        }
    }

    private static List<RawHttp.Header> headers(Probe probe) {
        var headers = new ArrayList<RawHttp.Header>();
        String hmac = WebhookSignatures.HEADER;
        switch (probe.signature()) {
            case RIGHT -> headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(0), probe.body())));
            case SECOND_SECRET -> headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(1), probe.body())));
            case WRONG_SECRET -> headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of("shpss_guess", probe.body())));
            case OTHER_BYTES -> headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(0),
                    (new String(probe.body(), StandardCharsets.ISO_8859_1) + " ").getBytes(StandardCharsets.ISO_8859_1))));
            case GARBAGE -> headers.add(RawHttp.Header.of(hmac, "sha256=" + UUID.randomUUID()));
            case TWICE -> {
                headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(0), probe.body())));
                headers.add(RawHttp.Header.of(hmac, ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(0), probe.body())));
            }
            case ABSENT -> { }
        }
        add(headers, probe, "X-Shopify-Topic", probe.topic());
        add(headers, probe, "X-Shopify-Shop-Domain", probe.shop());
        add(headers, probe, "X-Shopify-Webhook-Id", probe.webhookId());
        add(headers, probe, "X-Shopify-Triggered-At", probe.triggeredAt());
        headers.add(RawHttp.Header.of("Content-Type", "application/json"));
        return headers;
    }

    /** An empty value stands for a header not sent. */
    private static void add(List<RawHttp.Header> headers, Probe probe, String name, String value) {
        if (!value.isEmpty()) {
            headers.add(RawHttp.Header.of(probe.lowerCaseNames() ? name.toLowerCase() : name, value));
        }
    }

    private static long stored() {
        return TestDatabase.count("SELECT count(*) FROM shopify_webhook_deliveries");
    }
}
