package my.invois.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import my.invois.http.FieldErrors;
import my.invois.shopify.ShopifyOrder.Address;
import my.invois.shopify.ShopifyOrder.Customer;
import my.invois.shopify.ShopifyOrder.LineItem;
import my.invois.shopify.ShopifyOrder.OrderAdjustment;
import my.invois.shopify.ShopifyOrder.Refund;
import my.invois.shopify.ShopifyOrder.RefundLineItem;
import my.invois.shopify.ShopifyOrder.RefundShippingLine;
import my.invois.shopify.ShopifyOrder.ShippingLine;
import my.invois.shopify.ShopifyOrder.TaxLine;
import my.invois.shopify.ShopifyOrder.Transaction;

/**
 * Reads a Shopify REST Order body (E3) into a {@link ShopifyOrder}, or reports every bad field at
 * once (field path → messages) for a 400. Never throws on any JSON. Arrays are capped (a real order
 * is far below the caps; a body above them is refused, not cut), see docs/EINVOICING.md.
 */
public final class ShopifyOrders {

    public static final int LINE_ITEMS = 1_000;
    public static final int SHIPPING_LINES = 100;
    public static final int TAX_LINES = 20;
    public static final int DISCOUNT_ALLOCATIONS = 100;
    public static final int REFUNDS = 100;
    public static final int TRANSACTIONS = 100;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** The order, or the field errors; exactly one of them is present. */
    public record Parsed(Optional<ShopifyOrder> order, Map<String, List<String>> errors) {
    }

    private ShopifyOrders() {
    }

    public static Parsed parse(JsonNode body) {
        var errors = new FieldErrors();
        if (body == null || !body.isObject()) {
            errors.add("order", "must be a JSON object");
            return new Parsed(Optional.empty(), errors.asMap());
        }
        ShopifyOrder order = order(new OrderFields(body, "", errors));
        Map<String, List<String>> found = errors.asMap();
        return new Parsed(found.isEmpty() ? Optional.of(order) : Optional.empty(), found);
    }

    private static ShopifyOrder order(OrderFields o) {
        String currency = o.text("currency", true);
        if (!currency.isEmpty() && !CURRENCY.matcher(currency).matches()) {
            o.fail("currency", "must be a 3-letter ISO 4217 code");
        }
        return new ShopifyOrder(o.id("id"), o.text("name", true), o.id("order_number"), currency,
                o.time("processed_at", true).orElse(null), o.time("created_at", true).orElse(null),
                o.flag("test"), o.flag("taxes_included"), o.time("cancelled_at", false),
                o.text("cancel_reason", false), o.text("financial_status", false), o.text("email", false),
                o.object("customer", false).map(ShopifyOrders::customer),
                o.object("billing_address", false).map(ShopifyOrders::address),
                o.object("shipping_address", false).map(ShopifyOrders::address),
                each(o, "line_items", LINE_ITEMS, ShopifyOrders::lineItem),
                each(o, "shipping_lines", SHIPPING_LINES, ShopifyOrders::shippingLine),
                o.money("total_price_set", true, false), o.money("subtotal_price_set", false, false),
                o.money("total_tax_set", false, false), o.money("total_discounts_set", false, false),
                o.money("current_total_price_set", false, false), each(o, "refunds", REFUNDS, ShopifyOrders::refund));
    }

    private static Customer customer(OrderFields c) {
        return new Customer(c.text("first_name", false), c.text("last_name", false), c.text("email", false),
                c.text("phone", false));
    }

    private static Address address(OrderFields a) {
        return new Address(a.text("name", false), a.text("company", false), a.text("address1", false),
                a.text("address2", false), a.text("city", false), a.text("zip", false), a.text("province_code", false),
                a.text("country_code", false), a.text("phone", false));
    }

    private static LineItem lineItem(OrderFields l) {
        int quantity = l.quantity("quantity", true);
        int current = l.quantity("current_quantity", false);
        return new LineItem(l.id("id"), l.text("title", true), l.text("variant_title", false), l.text("sku", false),
                quantity, current < 0 ? quantity : current, l.money("price_set", true, false),
                l.money("total_discount_set", false, false), allocations(l), each(l, "tax_lines", TAX_LINES, ShopifyOrders::taxLine),
                l.flag("taxable"));
    }

    private static ShippingLine shippingLine(OrderFields s) {
        return new ShippingLine(s.text("title", false), s.money("price_set", true, false), allocations(s),
                each(s, "tax_lines", TAX_LINES, ShopifyOrders::taxLine));
    }

    private static List<BigDecimal> allocations(OrderFields parent) {
        return each(parent, "discount_allocations", DISCOUNT_ALLOCATIONS, d -> d.money("amount_set", true, false));
    }

    private static TaxLine taxLine(OrderFields t) {
        return new TaxLine(t.rate("rate"), t.money("price_set", true, false), t.text("title", false));
    }

    private static Refund refund(OrderFields r) {
        return new Refund(r.id("id"), r.time("created_at", true).orElse(null),
                each(r, "refund_line_items", LINE_ITEMS, ShopifyOrders::refundLineItem),
                each(r, "refund_shipping_lines", SHIPPING_LINES, ShopifyOrders::refundShippingLine),
                each(r, "transactions", TRANSACTIONS, t -> new Transaction(t.text("kind", true), t.text("status", true),
                        t.decimal("amount", true, false))),
                each(r, "order_adjustments", TRANSACTIONS, a -> new OrderAdjustment(a.text("kind", false),
                        a.money("amount_set", true, true), a.money("tax_amount_set", false, true))));
    }

    private static RefundLineItem refundLineItem(OrderFields r) {
        return new RefundLineItem(r.id("line_item_id"), Math.max(0, r.quantity("quantity", true)),
                r.money("subtotal_set", true, false), r.money("total_tax_set", false, false));
    }

    private static RefundShippingLine refundShippingLine(OrderFields s) {
        return new RefundShippingLine(s.object("shipping_line", false).map(l -> l.text("title", false)).orElse(""),
                s.money("subtotal_amount_set", true, false), s.money("tax_amount_set", false, false));
    }

    private static <T> List<T> each(OrderFields parent, String field, int cap, Function<OrderFields, T> read) {
        return parent.array(field, cap).stream().map(read).toList();
    }
}
