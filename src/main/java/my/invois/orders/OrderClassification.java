package my.invois.orders;

import java.math.BigDecimal;
import my.invois.einvoices.Suppliers;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;

/** E3 and E5: which e-invoice status an order gets, a pure function of the order and the merchant's settings. */
final class OrderClassification {

    /**
     * E5 and LHDN's SDK (SG §3.6.8, reference §1.10): one transaction above RM10,000 may not go into
     * a consolidated e-invoice; it needs an individual e-invoice. Strictly above: RM10,000.00 itself may.
     */
    static final BigDecimal CONSOLIDATION_LIMIT_MYR = new BigDecimal("10000.00");
    private static final String MYR = "MYR";

    private OrderClassification() {
    }

    static Classified classify(ShopifyOrder order, EinvoiceSettings settings, String month) {
        if (order.test()) {
            return new Classified(Classified.EXCLUDED, "test order: never submitted");
        }
        if (order.cancelledAt().isPresent()) {
            return new Classified(Classified.EXCLUDED, "cancelled before consolidation");
        }
        if (order.totalPrice().signum() == 0) {
            return new Classified(Classified.EXCLUDED, "zero: total_price is 0.00, nothing to invoice");
        }
        if (!settings.complete()) {
            return new Classified(Classified.PENDING, "waiting for complete e-invoice settings: missing "
                    + String.join(", ", settings.missing()));
        }
        ShopifyOrderMapping.Mapped mapped = ShopifyOrderMapping.sale(order, Suppliers.of(settings));
        if (mapped.sale().isEmpty()) {
            return new Classified(Classified.FAILED, mapped.failure());
        }
        if (MYR.equals(order.currency()) && order.totalPrice().compareTo(CONSOLIDATION_LIMIT_MYR) > 0) {
            return new Classified(Classified.NEEDS_BUYER_DETAILS, "payable " + order.totalPrice().toPlainString()
                    + " is over RM10,000: it needs an individual e-invoice, never the consolidation");
        }
        return new Classified(Classified.CONSOLIDATING, "awaits the consolidated e-invoice of " + month);
    }
}
