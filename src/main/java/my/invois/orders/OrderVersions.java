package my.invois.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Documents;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import org.jdbi.v3.core.Handle;

/**
 * E3 and E5: what a later version of a stored order changes, processed as Shopify's refunds/create
 * (refunds with new ids) and orders/cancelled (cancelled_at newly set). Anything else in a later
 * version (an edited note, tags) changes nothing: the e-invoice follows the order as paid.
 */
final class OrderVersions {

    private final OrderRepository orders;
    private final EInvoiceRepository einvoices;
    private final IndividualEInvoices individual;

    OrderVersions(OrderRepository orders, EInvoiceRepository einvoices, IndividualEInvoices individual) {
        this.orders = orders;
        this.einvoices = einvoices;
        this.individual = individual;
    }

    /** False when the version brings nothing new (the same order again): nothing is written. */
    boolean apply(Handle handle, Order stored, ShopifyOrder shopify, JsonNode body, EinvoiceSettings merchant, Instant now) {
        Set<Long> known = orders.refundIds(handle, stored.organizationId(), stored.shopifyOrderId());
        List<ShopifyOrder.Refund> fresh = shopify.refunds().stream().filter(refund -> !known.contains(refund.id())).toList();
        boolean cancels = shopify.cancelledAt().isPresent() && stored.cancelledAt().isEmpty();
        if (fresh.isEmpty() && !cancels) {
            return false;
        }
        orders.replaceBody(handle, stored, body);
        recordRefunds(handle, stored, shopify, body, fresh, merchant, now);
        Order changed = cancels ? cancelled(handle, stored, shopify, merchant, now)
                : stored.classified(new Classified(stored.status(), stored.statusReason().orElse(null)), now);
        orders.update(handle, changed);
        return true;
    }

    /**
     * Each refund once: a note when the order has an individual invoice or is in its month's consolidated
     * one (E5: the note references it), else recorded for its consolidation.
     */
    void recordRefunds(Handle handle, Order order, ShopifyOrder shopify, JsonNode body, List<ShopifyOrder.Refund> refunds,
            EinvoiceSettings merchant, Instant now) {
        if (refunds.isEmpty()) {
            return;
        }
        // Locked, and read again under the lock: LHDN's Valid (PollJob) is committed first and the note's
        // document is built now, or it waits for this note and builds it then (OrderOutcomes.valid).
        Optional<EInvoice> original = individualInvoice(handle, order).or(() -> consolidatedInvoice(handle, order))
                .flatMap(found -> einvoices.findForUpdate(handle, found.organizationId(), found.id()));
        for (ShopifyOrder.Refund refund : refunds) {
            IndividualEInvoices.RefundOutcome outcome;
            if (original.isPresent() && merchant.complete()) {
                outcome = individual.note(handle, order, original.get(), shopify, refund, Suppliers.of(merchant), now);
            } else if (original.isPresent()) {
                outcome = new IndividualEInvoices.RefundOutcome(Optional.empty(),
                        "failed: the e-invoice settings are incomplete (missing " + String.join(", ", merchant.missing()) + ")");
            } else {
                outcome = new IndividualEInvoices.RefundOutcome(Optional.empty(), recorded(order));
            }
            orders.insertRefund(handle, order.organizationId(), new OrderRefund(order.shopifyOrderId(), refund.id(),
                    ShopifyOrderMapping.moneyReturned(refund), outcome.einvoiceId(), outcome.outcome(), refund.createdAt().toInstant(), now),
                    refundBody(body, refund.id()));
        }
    }

    /** The order's individual invoice (01) that is not cancelled, if it has one. */
    Optional<EInvoice> individualInvoice(Handle handle, Order order) {
        return einvoices.ofOrder(handle, order.organizationId(), order.shopifyOrderId()).stream()
                .filter(e -> !e.consolidated() && e.type().equals(Documents.INVOICE) && !e.status().equals(EInvoice.CANCELLED))
                .findFirst();
    }

    /** The consolidated invoice (01) not cancelled that covers the order, once its month is consolidated. */
    private Optional<EInvoice> consolidatedInvoice(Handle handle, Order order) {
        return einvoices.ofOrder(handle, order.organizationId(), order.shopifyOrderId()).stream()
                .filter(e -> e.consolidated() && e.type().equals(Documents.INVOICE) && !e.status().equals(EInvoice.CANCELLED))
                .findFirst();
    }

    /**
     * E5: before consolidation a cancelled order is excluded; after it the order stays in its
     * consolidated e-invoice, which its refunds' notes correct. Its draft individual e-invoice (and
     * the draft notes of it) was never submitted, so it is cancelled here. A Valid one within
     * LHDN's 72 hours is cancelled at LHDN by the cancel job.
     */
    private Order cancelled(Handle handle, Order order, ShopifyOrder shopify, EinvoiceSettings merchant, Instant now) {
        Instant cancelledAt = shopify.cancelledAt().get().toInstant();
        Order withDate = new Order(order.organizationId(), order.shopifyOrderId(), order.name(), order.orderNumber(),
                order.processedAt(), order.month(), order.currency(), order.test(), order.payable(), order.status(),
                order.statusReason(), Optional.of(cancelledAt), order.createdAt(), now);
        Optional<EInvoice> invoice = individualInvoice(handle, order);
        if (invoice.isEmpty() && order.status().equals(Classified.CONSOLIDATED)) {
            // Its consolidated e-invoice is issued: the order stays in it, and its refunds' notes correct it.
            return withDate.classified(new Classified(order.status(), "cancelled in Shopify after the consolidation of "
                    + order.month() + "; " + order.statusReason().orElse("consolidated")), now);
        }
        if (invoice.isEmpty()) {
            return withDate.classified(new Classified(Classified.EXCLUDED, "cancelled before consolidation"), now);
        }
        if (invoice.get().cancellableAtLhdn(now)) {
            einvoices.askCancel(handle, invoice.get().id(), "order cancelled in Shopify", now);
            return withDate.classified(new Classified(order.status(), "cancelled in Shopify: e-invoice " + invoice.get().number()
                    + " is cancelled at LHDN (within 72 hours of its validation)"), now);
        }
        if (invoice.get().status().equals(EInvoice.VALID) && merchant.complete() && noMoneyReturned(shopify)) {
            Optional<String> credit = individual.cancellationCredit(handle, order, invoice.get(), shopify, Suppliers.of(merchant), now);
            if (credit.isPresent()) {
                return withDate.classified(new Classified(order.status(), "cancelled in Shopify past LHDN's 72 hours: credit note "
                        + credit.get() + " corrects e-invoice " + invoice.get().number()), now);
            }
        }
        if (!invoice.get().status().equals(EInvoice.DRAFT)) {
            return withDate.classified(new Classified(order.status(), "cancelled in Shopify: e-invoice " + invoice.get().number()
                    + " is " + invoice.get().status() + "; past LHDN's 72 hours its refunds' notes correct it"), now);
        }
        String reason = "order cancelled in Shopify before the e-invoice was submitted";
        for (EInvoice covering : einvoices.ofOrder(handle, order.organizationId(), order.shopifyOrderId())) {
            if (covering.id().equals(invoice.get().id()) || covering.originalId().equals(Optional.of(invoice.get().id()))) {
                einvoices.cancelDraft(handle, covering.id(), now, reason);
            }
        }
        return withDate.classified(new Classified(Classified.EXCLUDED, "cancelled; its draft e-invoice " + invoice.get().number()
                + " was cancelled before submission"), now);
    }

    /** E5: money returned makes refund notes (recordRefunds); a cancellation without any needs a credit note. */
    private static boolean noMoneyReturned(ShopifyOrder shopify) {
        return shopify.refunds().stream().map(ShopifyOrderMapping::moneyReturned).allMatch(amount -> amount.signum() == 0);
    }

    private static String recorded(Order order) {
        return switch (order.status()) {
            case Classified.EXCLUDED, Classified.FAILED -> "recorded: the order gets no e-invoice";
            default -> "recorded: reduces the order's amount in the consolidation of " + order.month();
        };
    }

    private static JsonNode refundBody(JsonNode body, long refundId) {
        for (JsonNode refund : body.path("refunds")) {
            if (refund.path("id").asLong() == refundId) {
                return refund;
            }
        }
        return NullNode.getInstance();
    }
}
