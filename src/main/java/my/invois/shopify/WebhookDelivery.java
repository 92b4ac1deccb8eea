package my.invois.shopify;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored Shopify webhook delivery: Shopify's headers, the exact body bytes it signed, and its
 * state. organizationId is the linked shop's organization (always present in a claimed delivery).
 */
public record WebhookDelivery(
        String id,
        String webhookId,
        Optional<String> eventId,
        String topic,
        String shopDomain,
        Optional<Instant> triggeredAt,
        Optional<String> apiVersion,
        byte[] body,
        Instant receivedAt,
        Optional<String> organizationId,
        DeliveryState state,
        Optional<String> reason,
        Optional<Instant> processedAt) {
}
