package my.invois.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Supplier;

/** Shopify order bodies shaped like reference §5.4, in Shopify's words, for tests. */
public final class OrderJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode order = JSON.createObjectNode();
    private final ArrayNode lines = order.putArray("line_items");
    private final ArrayNode shipping = order.putArray("shipping_lines");
    private long nextId = 100;

    private OrderJson(long orderNumber) {
        order.put("id", 6200407294252L).put("name", "#" + orderNumber).put("order_number", orderNumber)
                .put("currency", "MYR").put("processed_at", "2026-11-23T23:10:14+08:00")
                .put("created_at", "2026-11-23T23:10:15+08:00").put("test", false).put("taxes_included", false)
                .put("financial_status", "paid");
        order.putArray("refunds");
    }

    public static OrderJson anOrder(long orderNumber) {
        return new OrderJson(orderNumber);
    }

    public OrderJson taxesIncluded(boolean included) {
        order.put("taxes_included", included);
        return this;
    }

    /** A line: title, quantity, unit price, discount allocations, then (rate, tax amount) pairs. */
    public OrderJson line(String title, int quantity, String price, String[] discounts, String... rateAndTax) {
        ObjectNode line = lines.addObject().put("id", nextId++).put("title", title).put("quantity", quantity)
                .put("current_quantity", quantity).put("taxable", true).put("price", Double.parseDouble(price));
        line.set("price_set", money(price));
        fill(line, discounts, rateAndTax);
        return this;
    }

    public OrderJson shipping(String title, String price, String[] discounts, String... rateAndTax) {
        ObjectNode line = shipping.addObject().put("title", title);
        line.set("price_set", money(price));
        fill(line, discounts, rateAndTax);
        return this;
    }

    /** A refund in the shape of Shopify's refunds/create, added to the order's {@code refunds[]}. */
    public RefundJson refund(long id) {
        return new RefundJson(this, ((ArrayNode) order.get("refunds")).addObject().put("id", id)
                .put("created_at", "2026-11-25T10:00:00+08:00").put("restock", true));
    }

    public OrderJson total(String amount) {
        order.set("total_price_set", money(amount));
        return this;
    }

    public ObjectNode json() {
        return order;
    }

    public ShopifyOrder parsed() {
        var parsed = ShopifyOrders.parse(order);
        return parsed.order().orElseThrow(() -> new AssertionError(parsed.errors()));
    }

    public static final class RefundJson {

        private final OrderJson order;
        private final ObjectNode refund;

        private RefundJson(OrderJson order, ObjectNode refund) {
            this.order = order;
            this.refund = refund;
            refund.putArray("refund_line_items");
            refund.putArray("refund_shipping_lines");
            refund.putArray("transactions");
            refund.putArray("order_adjustments");
        }

        /** The float decoys {@code subtotal} and {@code total_tax} are off by a cent: only the *_set strings may be read. */
        public RefundJson line(long lineItemId, int quantity, String subtotal, String tax) {
            ObjectNode line = ((ArrayNode) refund.get("refund_line_items")).addObject().put("id", 9_000 + lineItemId)
                    .put("line_item_id", lineItemId).put("quantity", quantity).put("restock_type", "return")
                    .put("subtotal", Double.parseDouble(subtotal) + 0.01).put("total_tax", Double.parseDouble(tax) + 0.01);
            line.set("subtotal_set", money(subtotal));
            line.set("total_tax_set", money(tax));
            return this;
        }

        public RefundJson shipping(String title, String subtotal, String tax) {
            ObjectNode line = ((ArrayNode) refund.get("refund_shipping_lines")).addObject().put("id", 77)
                    .put("shipping_line_id", 78);
            line.set("subtotal_amount_set", money(subtotal));
            line.set("tax_amount_set", money(tax));
            line.putObject("shipping_line").put("id", 78).put("title", title).put("price", "0.00");
            return this;
        }

        public RefundJson adjustment(String kind, String amount, String tax) {
            ObjectNode adjustment = ((ArrayNode) refund.get("order_adjustments")).addObject().put("kind", kind)
                    .put("amount", amount).put("tax_amount", tax).put("reason", kind);
            adjustment.set("amount_set", money(amount));
            adjustment.set("tax_amount_set", money(tax));
            return this;
        }

        public RefundJson transaction(String kind, String status, String amount) {
            ((ArrayNode) refund.get("transactions")).addObject().put("kind", kind).put("status", status)
                    .put("amount", amount).put("gateway", "bogus").putNull("currency");
            return this;
        }

        public OrderJson order() {
            return order;
        }
    }

    public static ObjectNode money(String amount) {
        ObjectNode set = JSON.createObjectNode();
        set.putObject("shop_money").put("amount", amount).put("currency_code", "MYR");
        set.putObject("presentment_money").put("amount", amount).put("currency_code", "MYR");
        return set;
    }

    public static String[] discounts(String... amounts) {
        return amounts;
    }

    private static void fill(ObjectNode line, String[] discounts, String[] rateAndTax) {
        ArrayNode allocations = line.putArray("discount_allocations");
        for (String discount : discounts) {
            allocations.addObject().put("amount", discount).put("discount_application_index", 0).set("amount_set", money(discount));
        }
        ArrayNode taxes = line.putArray("tax_lines");
        for (int i = 0; i + 1 < rateAndTax.length; i += 2) {
            taxes.addObject().put("rate", new BigDecimal(rateAndTax[i])).put("title", "SST").set("price_set", money(rateAndTax[i + 1]));
        }
    }

    public static Supplier sstSupplier() {
        return supplier("01");
    }

    public static Supplier supplier(String taxType) {
        return new Supplier("C20880050010", "BRN", "202001234567", taxType.equals("06") ? "NA" : "W10-1808-32000001",
                "NA", "47912", "Retail sale of any kind of product over the Internet", "Kedai Ali Sdn. Bhd.",
                new Address(java.util.List.of("Lot 66", "Bangunan Merdeka"), "Kuala Lumpur", "50480", "14", "MYS"),
                "+60123456789", "ali@kedai.my", "022", taxType, Map.of("5", "01", "10", "01", "6", "02", "8", "02"));
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
