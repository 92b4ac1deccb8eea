package my.invois.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import my.invois.einvoices.EInvoiceParts;
import my.invois.http.Timestamps;

/** E3's shape of an order; Shopify ids as strings, amounts as strings with two decimals. */
record OrderJson(String orderId, String name, long orderNumber, String processedAt, String month, String currency, boolean test,
        String payable, String status, String statusReason, String cancelledAt, List<String> einvoiceIds, List<Refund> refunds,
        String createdAt, String updatedAt) {

    record Refund(String refundId, String moneyReturned, String einvoiceId, String outcome, String refundedAt) {
    }

    static OrderJson of(OrderView view) {
        Order o = view.order();
        return new OrderJson(Long.toString(o.shopifyOrderId()), o.name(), o.orderNumber(), Timestamps.format(o.processedAt()),
                o.month(), o.currency(), o.test(), EInvoiceParts.money(o.payable()), o.status(), o.statusReason().orElse(null),
                time(o.cancelledAt()), view.einvoiceIds(), view.refunds().stream().map(OrderJson::refund).toList(),
                Timestamps.format(o.createdAt()), Timestamps.format(o.updatedAt()));
    }

    private static Refund refund(OrderRefund r) {
        return new Refund(Long.toString(r.refundId()), EInvoiceParts.money(r.moneyReturned()), r.einvoiceId().orElse(null),
                r.outcome(), Timestamps.format(r.refundedAt()));
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(Timestamps::format).orElse(null);
    }
}
