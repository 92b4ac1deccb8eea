package my.invois.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** One Shopify refund of an order, recorded once; its note, if it got one, and what became of it. */
public record OrderRefund(long shopifyOrderId, long refundId, BigDecimal moneyReturned, Optional<String> einvoiceId, String outcome,
        Instant refundedAt, Instant createdAt) {
}
