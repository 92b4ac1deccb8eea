package my.invois.shopify;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * E3: the delivery headers Shopify documents. The HMAC covers only the body, so a delivery whose
 * identifying headers are missing or malformed is not taken as Shopify's: webhook id, topic and
 * shop domain are required; event id, triggered-at and API version are kept when sent.
 */
final class WebhookHeaders {

    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String EVENT_ID = "X-Shopify-Event-Id";
    static final String TOPIC = "X-Shopify-Topic";
    static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";
    static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    static final String API_VERSION = "X-Shopify-API-Version";
    static final int MAX_VALUE_LENGTH = 255;
    /** Within what PostgreSQL's timestamptz holds, with room to spare. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** What the headers say about a delivery, its body not yet looked at. */
    record Sent(String webhookId, Optional<String> eventId, String topic, String shopDomain, Optional<Instant> triggeredAt,
                Optional<String> apiVersion) {
    }

    private final Function<String, List<String>> headers;

    /** headers: every value of a header, by its name matched case-insensitively. */
    WebhookHeaders(Function<String, List<String>> headers) {
        this.headers = headers;
    }

    /** The first header that is missing, repeated or malformed (named, its value never quoted); empty when all are fine. */
    Optional<String> problem() {
        for (String name : List.of(WEBHOOK_ID, TOPIC, SHOP_DOMAIN)) {
            if (value(name).isEmpty()) {
                return Optional.of(name + " is missing, repeated or malformed");
            }
        }
        if (ShopDomains.check(ShopDomains.normalise(value(SHOP_DOMAIN).get())).isPresent()) {
            return Optional.of(SHOP_DOMAIN + " is not a myshopify.com domain");
        }
        for (String name : List.of(EVENT_ID, TRIGGERED_AT, API_VERSION)) {
            if (!headers.apply(name).isEmpty() && value(name).isEmpty()) {
                return Optional.of(name + " is repeated or malformed");
            }
        }
        if (value(TRIGGERED_AT).isPresent() && triggeredAt().isEmpty()) {
            return Optional.of(TRIGGERED_AT + " is not an ISO-8601 instant of this era");
        }
        return Optional.empty();
    }

    /** The headers of a delivery whose {@link #problem()} is empty. */
    Sent sent() {
        return new Sent(value(WEBHOOK_ID).orElseThrow(), value(EVENT_ID), value(TOPIC).orElseThrow(),
                ShopDomains.normalise(value(SHOP_DOMAIN).orElseThrow()), triggeredAt(), value(API_VERSION));
    }

    /** Shopify sends up to nanoseconds (2024-08-03T18:28:37.234647458Z); PostgreSQL keeps microseconds. */
    private Optional<Instant> triggeredAt() {
        try {
            return value(TRIGGERED_AT).map(Instant::parse).filter(at -> !at.isBefore(EARLIEST) && !at.isAfter(LATEST));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Sent once, 1..255 printable ASCII characters. */
    private Optional<String> value(String name) {
        List<String> values = headers.apply(name);
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        boolean printable = !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH && value.chars().allMatch(c -> c > ' ' && c <= '~');
        return printable ? Optional.of(value) : Optional.empty();
    }
}
