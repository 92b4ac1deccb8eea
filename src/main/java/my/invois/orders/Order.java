package my.invois.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A stored Shopify order and its e-invoice status (E3), addressed by Shopify's order id. */
public record Order(String organizationId, long shopifyOrderId, String name, long orderNumber, Instant processedAt, String month,
        String currency, boolean test, BigDecimal payable, String status, Optional<String> statusReason,
        Optional<Instant> cancelledAt, Instant createdAt, Instant updatedAt) {

    Order classified(Classified classified, Instant now) {
        return new Order(organizationId, shopifyOrderId, name, orderNumber, processedAt, month, currency, test, payable,
                classified.status(), Optional.ofNullable(classified.reason()), cancelledAt, createdAt, now);
    }
}
