package my.invois.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {

    private final Map<String, List<String>> sent = new HashMap<>(Map.of(
            "x-shopify-webhook-id", List.of("545ebdd4-b7be-4d3d-b14e-54aa78e0e0f9"),
            "x-shopify-event-id", List.of("59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f"),
            "x-shopify-topic", List.of("orders/paid"),
            "x-shopify-shop-domain", List.of("Kedai-Ali.myshopify.com"),
            "x-shopify-triggered-at", List.of("2024-08-03T18:28:37.234647458Z"),
            "x-shopify-api-version", List.of("2026-07")));

    private WebhookHeaders headers() {
        return new WebhookHeaders(name -> sent.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    @Test
    void shopifys_documented_headers_are_read_with_the_shop_lower_cased_and_nanoseconds_kept() {
        assertThat(headers().problem()).isEmpty();
        assertThat(headers().sent()).isEqualTo(new WebhookHeaders.Sent("545ebdd4-b7be-4d3d-b14e-54aa78e0e0f9",
                Optional.of("59d6d79c-595f-4e7e-bc6f-72f5c3d0c66f"), "orders/paid", "kedai-ali.myshopify.com",
                Optional.of(Instant.parse("2024-08-03T18:28:37.234647458Z")), Optional.of("2026-07")));
    }

    @Test
    void webhook_id_topic_and_shop_are_required() {
        for (String required : List.of("x-shopify-webhook-id", "x-shopify-topic", "x-shopify-shop-domain")) {
            List<String> value = sent.remove(required);
            assertThat(headers().problem()).as(required).hasValueSatisfying(problem -> assertThat(problem).containsIgnoringCase(required));
            sent.put(required, value);
        }
    }

    @Test
    void event_id_triggered_at_and_api_version_are_optional_but_checked_when_sent() {
        sent.remove("x-shopify-event-id");
        sent.remove("x-shopify-triggered-at");
        sent.remove("x-shopify-api-version");
        assertThat(headers().problem()).isEmpty();
        assertThat(headers().sent().eventId()).isEmpty();

        sent.put("x-shopify-triggered-at", List.of("2024-08-03 18:28"));
        assertThat(headers().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("X-Shopify-Triggered-At"));
        sent.put("x-shopify-triggered-at", List.of("+100000-01-01T00:00:00Z"));
        assertThat(headers().problem()).isPresent();
        sent.remove("x-shopify-triggered-at");
        sent.put("x-shopify-api-version", List.of("2026-07", "2026-10"));
        assertThat(headers().problem()).hasValueSatisfying(problem -> assertThat(problem).contains("X-Shopify-API-Version"));
    }

    @Test
    void values_are_printable_ascii_of_at_most_255_characters_and_never_quoted() {
        for (String bad : List.of("", " ", "a".repeat(256), "id\u0000x", "id\u00e9", "two words")) {
            sent.put("x-shopify-webhook-id", List.of(bad));
            assertThat(headers().problem()).as(bad).hasValueSatisfying(problem -> assertThat(problem).doesNotContain(bad.isBlank() ? "\u0001" : bad));
        }
        sent.put("x-shopify-webhook-id", List.of("a".repeat(255)));
        assertThat(headers().problem()).isEmpty();
    }

    @Test
    void the_shop_must_be_a_myshopify_domain() {
        for (String bad : List.of("kedai-ali.com", "kedai.myshopify.com.evil.io", "https://kedai.myshopify.com")) {
            sent.put("x-shopify-shop-domain", List.of(bad));
            assertThat(headers().problem()).as(bad).isPresent();
        }
    }
}
