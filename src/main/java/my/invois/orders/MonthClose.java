package my.invois.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.LineTax;
import my.invois.einvoices.document.Money;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.shopify.ShopifyBuyers;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import org.jdbi.v3.core.Handle;

/**
 * E5 and E7: the orders' side of a month's consolidation, on the consolidation's transaction: the
 * month's waiting orders as sales with the refunds recorded before netted in, the fallback for
 * orders over RM10,000, and the orders marked consolidated once their documents are stored.
 */
public final class MonthClose {

    /** E5: what an order over RM10,000 without a buyer request gets when its month is consolidated. */
    public enum OverLimit { INDIVIDUAL, HOLD }

    /** An order's sale for the consolidation: Shopify's order less the refunds recorded before. */
    public record Netted(long orderId, Sale sale) {
    }

    private final OrderRepository orders = new OrderRepository();
    private final OrderService service;
    private final EInvoiceRepository einvoices;

    public MonthClose(OrderService service, EInvoiceRepository einvoices) {
        this.service = service;
        this.einvoices = einvoices;
    }

    public List<String> monthsWaiting(Handle handle, String organizationId, String currentMonth) {
        return orders.monthsWaiting(handle, organizationId, currentMonth);
    }

    /**
     * The month's orders awaiting consolidation, locked, pending ones classified first. An order whose
     * sale or a netted refund cannot be built is failed here, with the reason, and left out.
     */
    public List<Netted> consolidating(Handle handle, EinvoiceSettings merchant, String organizationId, String month, Instant now) {
        for (Order pending : orders.ofMonthForUpdate(handle, organizationId, month, Classified.PENDING)) {
            orders.update(handle, pending.classified(OrderClassification.classify(service.stored(handle, pending), merchant, month), now));
        }
        Supplier supplier = Suppliers.of(merchant);
        var netted = new ArrayList<Netted>();
        for (Order order : orders.ofMonthForUpdate(handle, organizationId, month, Classified.CONSOLIDATING)) {
            ShopifyOrder shopify = service.stored(handle, order);
            Set<Long> recorded = orders.refundIds(handle, organizationId, order.shopifyOrderId());
            List<ShopifyOrder.Refund> refunds = shopify.refunds().stream().filter(r -> recorded.contains(r.id())).toList();
            try {
                netted.add(new Netted(order.shopifyOrderId(), net(shopify, refunds, supplier)));
            } catch (CannotNet e) {
                orders.update(handle, order.classified(new Classified(Classified.FAILED, e.getMessage()), now));
            }
        }
        return netted;
    }

    /**
     * E5's fallback for the month's orders over RM10,000 that no buyer asked for: with INDIVIDUAL an
     * individual e-invoice to the buyer the order names (general TIN), signed and queued; with HOLD
     * they stay needs-buyer-details. The orders held, or failed for want of a buyer, are returned.
     */
    public List<Long> overLimit(Handle handle, EinvoiceSettings merchant, String organizationId, String month, OverLimit fallback,
            Instant now) {
        var held = new ArrayList<Long>();
        for (Order order : orders.ofMonthForUpdate(handle, organizationId, month, Classified.NEEDS_BUYER_DETAILS)) {
            if (fallback == OverLimit.HOLD) {
                held.add(order.shopifyOrderId());
                continue;
            }
            var buyer = ShopifyBuyers.buyer(service.stored(handle, order));
            if (buyer.buyer().isEmpty()) {
                orders.update(handle, order.classified(new Classified(Classified.NEEDS_BUYER_DETAILS,
                        "over RM10,000 and no individual e-invoice can be built from the order: " + buyer.failure()), now));
                held.add(order.shopifyOrderId());
                continue;
            }
            EInvoice invoice = service.request(handle, organizationId, order.shopifyOrderId(), buyer.buyer().get(), merchant, now,
                    "to the buyer the order names (over RM10,000, no request before the consolidation of " + month + ")").einvoice();
            einvoices.queue(handle, invoice.id(), now, "over RM10,000: individual e-invoice at the consolidation of " + month);
        }
        return held;
    }

    /** The orders covered by a consolidated e-invoice; their refunds were netted into it. */
    public void consolidated(Handle handle, String organizationId, List<Long> orderIds, String number, Instant now) {
        Map<Long, Order> byId = orderIds.stream().map(id -> orders.find(handle, organizationId, id).orElseThrow())
                .collect(Collectors.toMap(Order::shopifyOrderId, order -> order));
        for (Order order : byId.values()) {
            orders.update(handle, order.classified(new Classified(Classified.CONSOLIDATED, "in consolidated e-invoice " + number), now));
        }
        orders.refunds(handle, organizationId, orderIds).values().stream().flatMap(List::stream)
                .filter(refund -> refund.einvoiceId().isEmpty())
                .forEach(refund -> orders.updateRefund(handle, organizationId, refund.refundId(), Optional.empty(),
                        "netted into consolidated e-invoice " + number));
    }

    private static Sale net(ShopifyOrder shopify, List<ShopifyOrder.Refund> refunds, Supplier supplier) {
        ShopifyOrderMapping.Mapped mapped = ShopifyOrderMapping.sale(shopify, supplier);
        Sale sale = mapped.sale().orElseThrow(() -> new CannotNet(mapped.failure()));
        var lines = new ArrayList<>(sale.lines());
        BigDecimal payable = sale.payable();
        for (ShopifyOrder.Refund refund : refunds) {
            ShopifyOrderMapping.Mapped returned = ShopifyOrderMapping.refund(shopify, refund, supplier);
            if (returned.sale().isEmpty()) {
                if (ShopifyOrderMapping.NOTHING_TO_CREDIT.equals(returned.failure())) {
                    continue;
                }
                throw new CannotNet("refund " + refund.id() + " cannot be netted into the consolidation: " + returned.failure());
            }
            returned.sale().get().lines().forEach(line -> lines.add(negated(line)));
            payable = Money.round(payable.subtract(returned.sale().get().payable()));
        }
        return new Sale(sale.orderId(), sale.orderName(), sale.orderNumber(), sale.currency(), lines, payable);
    }

    /** A refund's line taken off the order: the consolidation sums lines and taxes per range. */
    private static SaleLine negated(SaleLine line) {
        return new SaleLine("Refund: " + line.description(), line.classification(), BigDecimal.ONE, line.lineExtensionAmount().negate(),
                List.of(), line.taxes().stream().map(t -> new LineTax(t.taxType(), t.percent(), t.taxable().negate(), t.amount().negate()))
                        .toList());
    }

    private static final class CannotNet extends RuntimeException {
        CannotNet(String reason) {
            super(reason, null, false, false);
        }
    }
}
