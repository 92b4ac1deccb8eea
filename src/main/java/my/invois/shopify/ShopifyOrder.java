package my.invois.shopify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A Shopify REST Order in Shopify's words, as {@link ShopifyOrders#parse} reads it. Every amount is
 * a {@code *_set.shop_money.amount} string; the float fields are never read. Texts Shopify may leave
 * out are empty strings.
 */
public record ShopifyOrder(long id, String name, long orderNumber, String currency, OffsetDateTime processedAt,
        OffsetDateTime createdAt, boolean test, boolean taxesIncluded, Optional<OffsetDateTime> cancelledAt,
        String cancelReason, String financialStatus, String email, Optional<Customer> customer,
        Optional<Address> billingAddress, Optional<Address> shippingAddress, List<LineItem> lineItems,
        List<ShippingLine> shippingLines, BigDecimal totalPrice, BigDecimal subtotalPrice, BigDecimal totalTax,
        BigDecimal totalDiscounts, BigDecimal currentTotalPrice, List<Refund> refunds) {

    public record Customer(String firstName, String lastName, String email, String phone) {
    }

    public record Address(String name, String company, String address1, String address2, String city, String zip,
            String provinceCode, String countryCode, String phone) {
    }

    public record LineItem(long id, String title, String variantTitle, String sku, int quantity, int currentQuantity,
            BigDecimal price, BigDecimal totalDiscount, List<BigDecimal> discountAllocations, List<TaxLine> taxLines,
            boolean taxable) {
    }

    /** {@code rate} is a fraction (0.1 for 10 %), {@code price} the tax amount from its price_set. */
    public record TaxLine(BigDecimal rate, BigDecimal price, String title) {
    }

    public record ShippingLine(String title, BigDecimal price, List<BigDecimal> discountAllocations,
            List<TaxLine> taxLines) {
    }

    public record Refund(long id, OffsetDateTime createdAt, List<RefundLineItem> refundLineItems,
            List<RefundShippingLine> refundShippingLines, List<Transaction> transactions,
            List<OrderAdjustment> orderAdjustments) {
    }

    public record RefundLineItem(long lineItemId, int quantity, BigDecimal subtotal, BigDecimal totalTax) {
    }

    /** {@code title} from the refunded {@code shipping_line}, amounts from {@code subtotal_amount_set} and {@code tax_amount_set}. */
    public record RefundShippingLine(String title, BigDecimal subtotal, BigDecimal tax) {
    }

    public record Transaction(String kind, String status, BigDecimal amount) {

        public boolean isSuccessfulRefund() {
            return "refund".equals(kind) && "success".equals(status);
        }

        public boolean isPendingRefund() {
            return "refund".equals(kind) && "pending".equals(status);
        }
    }

    /**
     * In Shopify's sign: negative when more is returned (a shipping refund of 5.00 is -5.00), positive
     * when less is returned than the refunded lines are worth.
     */
    public record OrderAdjustment(String kind, BigDecimal amount, BigDecimal taxAmount) {

        public static final String SHIPPING_REFUND = "shipping_refund";
    }
}
