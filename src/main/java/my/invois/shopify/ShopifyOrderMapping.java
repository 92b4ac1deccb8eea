package my.invois.shopify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import my.invois.einvoices.document.Allowance;
import my.invois.einvoices.document.Money;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoices.document.TaxCharge;
import my.invois.einvoices.document.Totals;
import my.invois.einvoices.document.UblJson;
import my.invois.lhdn.CodeTable;
import my.invois.shopify.ShopifyOrder.LineItem;
import my.invois.shopify.ShopifyOrder.OrderAdjustment;
import my.invois.shopify.ShopifyOrder.Refund;
import my.invois.shopify.ShopifyOrder.RefundLineItem;
import my.invois.shopify.ShopifyOrder.TaxLine;
import my.invois.shopify.ShopifyOrder.Transaction;

/**
 * The one place Shopify's words become ours (reference §5.4, §5.5): an order, or one refund of it,
 * as a {@link Sale}; or the reason it cannot be invoiced, so that the order is stored as failed.
 */
public final class ShopifyOrderMapping {

    static final String INVOICED_CURRENCY = "MYR";
    public static final String NOTHING_TO_CREDIT = "no note: the refund returns no money and credits 0.00";

    /** A sale whose totals agree with Shopify's, or why there is none. */
    public record Mapped(Optional<Sale> sale, String failure) {

        static Mapped failed(String reason) {
            return new Mapped(Optional.empty(), reason);
        }
    }

    private final Supplier supplier;
    private final boolean taxesIncluded;
    private final List<String> problems = new ArrayList<>();

    private ShopifyOrderMapping(Supplier supplier, boolean taxesIncluded) {
        this.supplier = supplier;
        this.taxesIncluded = taxesIncluded;
    }

    /** E4: payable must equal total_price_set.shop_money, else the order fails with the difference. */
    public static Mapped sale(ShopifyOrder order, Supplier supplier) {
        var mapping = new ShopifyOrderMapping(supplier, order.taxesIncluded());
        var lines = new ArrayList<SaleLine>();
        for (LineItem item : order.lineItems()) {
            int quantity = order.refunds().isEmpty() ? item.currentQuantity() : item.quantity();
            if (quantity > 0) {
                lines.add(mapping.line(description(item), BigDecimal.valueOf(quantity), item.price(),
                        discounts(item.discountAllocations()), item.taxLines()));
            }
        }
        order.shippingLines().forEach(s -> lines.add(mapping.line(shippingDescription(s.title()), BigDecimal.ONE, s.price(),
                discounts(s.discountAllocations()), s.taxLines())));
        return mapping.agreed(order, lines, order.totalPrice(), "Shopify total_price");
    }

    /**
     * E5: one refund as the lines of its note. A refund note's payable is the money returned
     * (successful refund transactions); with none, it is a credit note for what the lines credit, or
     * no note at all when they credit nothing ({@link #NOTHING_TO_CREDIT}).
     */
    public static Mapped refund(ShopifyOrder order, Refund refund, Supplier supplier) {
        if (refund.transactions().stream().anyMatch(Transaction::isPendingRefund)) {
            return Mapped.failed("refund " + refund.id() + " has a pending refund transaction: the money it returns is not known yet");
        }
        BigDecimal returnedInAll = Money.sum(allRefunds(order, refund).stream().map(ShopifyOrderMapping::moneyReturned).toList());
        if (returnedInAll.compareTo(order.totalPrice()) > 0) {
            return Mapped.failed("refunds return " + returnedInAll.toPlainString() + " in all, more than the order's total_price "
                    + order.totalPrice().toPlainString());
        }
        var mapping = new ShopifyOrderMapping(supplier, order.taxesIncluded());
        var lines = new ArrayList<SaleLine>();
        for (RefundLineItem returned : refund.refundLineItems()) {
            Optional<LineItem> item = order.lineItems().stream().filter(i -> i.id() == returned.lineItemId()).findFirst();
            if (item.isEmpty()) {
                return Mapped.failed("refund " + refund.id() + " returns line item " + returned.lineItemId() + ", which the order does not have");
            }
            lines.add(mapping.returnedLine(item.get(), returned));
        }
        refund.refundShippingLines().forEach(s -> lines.add(mapping.line("Refund: " + shippingDescription(s.title()),
                BigDecimal.ONE, s.subtotal(), List.of(), mapping.taxAt(shippingRates(order), s.tax(), "shipping refund"))));
        for (OrderAdjustment adjustment : refund.orderAdjustments()) {
            if (!isRepeatedShippingRefund(refund, adjustment)) {
                lines.add(mapping.adjustmentLine(order, adjustment));
            }
        }
        BigDecimal returned = moneyReturned(refund);
        if (returned.signum() == 0 && mapping.problems.isEmpty() && Totals.of(lines).payableAmount().signum() == 0) {
            return Mapped.failed(NOTHING_TO_CREDIT);
        }
        BigDecimal payable = returned.signum() > 0 ? returned : Totals.of(lines).payableAmount();
        return mapping.agreed(order, lines, payable, "money returned");
    }

    public static BigDecimal moneyReturned(Refund refund) {
        return Money.sum(refund.transactions().stream().filter(Transaction::isSuccessfulRefund)
                .map(Transaction::amount).toList());
    }

    /** The order's refunds with this one, counted once: the webhook's refund may not be in the order yet. */
    private static List<Refund> allRefunds(ShopifyOrder order, Refund refund) {
        var refunds = new ArrayList<>(order.refunds().stream().filter(r -> r.id() != refund.id()).toList());
        refunds.add(refund);
        return refunds;
    }

    /**
     * Shopify reports a refunded shipping line a second time as a {@code shipping_refund} adjustment
     * (its own REST sample: line 5.00, adjustment -5.00, transaction 5.00); counted once, as the line.
     */
    private static boolean isRepeatedShippingRefund(Refund refund, OrderAdjustment adjustment) {
        return OrderAdjustment.SHIPPING_REFUND.equals(adjustment.kind()) && !refund.refundShippingLines().isEmpty();
    }

    /** An adjustment's sign is Shopify's (negative returns more), so the line credits its negation. */
    private SaleLine adjustmentLine(ShopifyOrder order, OrderAdjustment adjustment) {
        String description = adjustment.kind().isEmpty() ? "Refund adjustment" : "Refund adjustment: " + adjustment.kind();
        return line(description, BigDecimal.ONE, adjustment.amount().negate(), List.of(),
                taxAt(orderRates(order), adjustment.taxAmount().negate(), description));
    }

    /** Tax Shopify gives as an amount only, placed at the one rate it can have; several rates fail the refund. */
    private List<TaxLine> taxAt(Set<BigDecimal> rates, BigDecimal tax, String what) {
        if (tax.signum() == 0) {
            return List.of();
        }
        if (rates.size() != 1) {
            problems.add(what + ": tax " + tax.toPlainString() + " cannot be placed, the order has " + rates.size() + " tax rates");
            return List.of();
        }
        return List.of(new TaxLine(rates.iterator().next(), tax, ""));
    }

    private static Set<BigDecimal> orderRates(ShopifyOrder order) {
        return positiveRates(Stream.concat(order.lineItems().stream().flatMap(i -> i.taxLines().stream()),
                order.shippingLines().stream().flatMap(s -> s.taxLines().stream())));
    }

    private static Set<BigDecimal> shippingRates(ShopifyOrder order) {
        Set<BigDecimal> shipping = positiveRates(order.shippingLines().stream().flatMap(s -> s.taxLines().stream()));
        return shipping.isEmpty() ? orderRates(order) : shipping;
    }

    private static Set<BigDecimal> positiveRates(Stream<TaxLine> taxLines) {
        return taxLines.map(TaxLine::rate).filter(r -> r.signum() > 0).map(BigDecimal::stripTrailingZeros)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Mapped agreed(ShopifyOrder order, List<SaleLine> lines, BigDecimal expected, String source) {
        if (!CodeTable.CURRENCIES.contains(order.currency())) {
            return Mapped.failed("currency " + order.currency() + " is not in LHDN's currency codes");
        }
        if (!INVOICED_CURRENCY.equals(order.currency())) {
            return Mapped.failed("currency " + order.currency() + ": only MYR orders are invoiced (another currency needs an exchange rate to MYR)");
        }
        if (lines.isEmpty()) {
            return Mapped.failed("nothing to invoice: no line with a quantity and no shipping line");
        }
        if (!problems.isEmpty()) {
            return Mapped.failed(String.join("; ", problems));
        }
        BigDecimal payable = Totals.of(lines).payableAmount();
        if (payable.compareTo(expected) != 0) {
            return Mapped.failed("payable " + payable.toPlainString() + " ≠ " + source + " " + expected.toPlainString()
                    + " (difference " + payable.subtract(expected).toPlainString() + ")");
        }
        return new Mapped(Optional.of(new Sale(Long.toString(order.id()), order.name(), order.orderNumber(),
                order.currency(), lines, Money.round(expected))), null);
    }

    private SaleLine returnedLine(LineItem item, RefundLineItem returned) {
        BigDecimal quantity = BigDecimal.valueOf(returned.quantity());
        BigDecimal discount = Money.round(item.price().multiply(quantity)).subtract(returned.subtotal());
        List<Allowance> allowances = discount.signum() == 0 ? List.of() : List.of(new Allowance("Discount", discount));
        BigDecimal rate = item.taxLines().stream().map(TaxLine::rate).filter(r -> r.signum() > 0).findFirst().orElse(BigDecimal.ZERO);
        List<TaxLine> tax = returned.totalTax().signum() == 0 ? List.of() : List.of(new TaxLine(rate, returned.totalTax(), ""));
        return line("Refund: " + description(item), quantity, item.price(), allowances, tax);
    }

    private SaleLine line(String description, BigDecimal quantity, BigDecimal price, List<Allowance> allowances,
            List<TaxLine> taxLines) {
        List<TaxCharge> charges = charges(description, taxLines);
        String classification = supplier.defaultClassification();
        BigDecimal gross = Money.round(price.multiply(quantity)).subtract(Money.sum(allowances.stream().map(Allowance::amount).toList()));
        BigDecimal tax = Money.sum(charges.stream().map(TaxCharge::amount).toList());
        if (price.signum() >= 0 && gross.signum() < 0) {
            problems.add("line \"" + description + "\": discounts exceed its price by " + gross.negate().toPlainString());
        } else if (taxesIncluded && tax.compareTo(gross.abs()) > 0) {
            problems.add("line \"" + description + "\": tax " + tax.toPlainString() + " exceeds its tax-inclusive amount " + gross.toPlainString());
        }
        return taxesIncluded
                ? SaleLine.inclusive(description, classification, quantity, price, allowances, charges)
                : SaleLine.exclusive(description, classification, quantity, price, allowances, charges);
    }

    /** One charge per tax type; the type from the merchant's rates, 06 when not SST-registered. */
    private List<TaxCharge> charges(String description, List<TaxLine> taxLines) {
        var byType = new LinkedHashMap<String, TaxCharge>();
        for (TaxLine tax : taxLines) {
            if (tax.price().signum() == 0) {
                continue;
            }
            BigDecimal percent = UblJson.minimal(tax.rate().movePointRight(2));
            String type = supplier.sstRegistered() ? supplier.taxTypesByRate().get(percent.toPlainString()) : Supplier.NOT_APPLICABLE;
            if (type == null) {
                problems.add("line \"" + description + "\": tax rate " + percent.toPlainString() + "% has no tax type in the settings' taxTypesByRate");
                continue;
            }
            byType.merge(type, new TaxCharge(type, percent, tax.price()),
                    (a, b) -> new TaxCharge(type, a.percent().add(b.percent()), a.amount().add(b.amount())));
        }
        return List.copyOf(byType.values());
    }

    private static List<Allowance> discounts(List<BigDecimal> allocations) {
        return allocations.stream().filter(a -> a.signum() != 0).map(a -> new Allowance("Discount", a)).toList();
    }

    private static String shippingDescription(String title) {
        return title.isEmpty() ? "Shipping" : "Shipping: " + title;
    }

    private static String description(LineItem item) {
        return item.variantTitle().isEmpty() ? item.title() : item.title() + " - " + item.variantTitle();
    }
}
