package my.invois.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Consolidation;
import my.invois.einvoices.document.LineTax;
import my.invois.einvoices.document.Money;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.shopify.ShopifyBuyers;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import my.invois.shopify.ShopifyOrders;
import org.jdbi.v3.core.Handle;

/**
 * E5 and E7: the orders' side of a month's consolidation, on the consolidation's transaction: the
 * month's waiting orders as sales with the refunds recorded before netted in, the fallback for
 * orders over RM10,000, and the orders marked consolidated once their documents are stored.
 */
public final class MonthClose {

    /** E5: what an order over RM10,000 without a buyer request gets when its month is consolidated. */
    public enum OverLimit { INDIVIDUAL, HOLD }

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
     * The month's orders awaiting consolidation, locked, pending ones classified first, as sales less
     * the refunds recorded before, folded into each currency's ranges as they are read (streamed in
     * order-number order, so the month is never in memory at once). An order whose sale or a netted
     * refund cannot be built is failed here, with the reason, and left out.
     */
    public Map<String, Consolidation.Ranges> consolidating(Handle handle, EinvoiceSettings merchant, String organizationId, String month,
            Instant now) {
        var classified = new ArrayList<Order>();
        orders.eachOfMonthForUpdate(handle, organizationId, month, Classified.PENDING, pending -> classified.add(pending.order()
                .classified(OrderClassification.classify(parsed(pending.body()), merchant, month), now)));
        orders.updateStatuses(handle, organizationId, classified);
        Supplier supplier = Suppliers.of(merchant);
        var byCurrency = new TreeMap<String, Consolidation.Ranges>();
        var failed = new ArrayList<Order>();
        orders.eachOfMonthForUpdate(handle, organizationId, month, Classified.CONSOLIDATING, stored -> {
            ShopifyOrder shopify = parsed(stored.body());
            List<ShopifyOrder.Refund> refunds = shopify.refunds().stream().filter(r -> stored.refundIds().contains(r.id())).toList();
            try {
                Sale sale = net(shopify, refunds, supplier);
                byCurrency.computeIfAbsent(sale.currency(), currency -> new Consolidation.Ranges()).add(sale);
            } catch (CannotNet e) {
                failed.add(stored.order().classified(new Classified(Classified.FAILED, e.getMessage()), now));
            }
        });
        orders.updateStatuses(handle, organizationId, failed);
        return byCurrency;
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
        int changed = orders.consolidated(handle, organizationId, orderIds, "in consolidated e-invoice " + number, now);
        if (changed != orderIds.size()) {
            throw new IllegalStateException(changed + " of " + orderIds.size() + " orders of " + number + " were marked consolidated");
        }
        orders.nettedRefunds(handle, organizationId, orderIds, "netted into consolidated e-invoice " + number);
    }

    private static ShopifyOrder parsed(JsonNode body) {
        var parsed = ShopifyOrders.parse(body);
        return parsed.order().orElseThrow(() -> new IllegalStateException("a stored order no longer parses: " + parsed.errors().keySet()));
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
