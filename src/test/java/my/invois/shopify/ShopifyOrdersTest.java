package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ShopifyOrdersTest {

    private static ObjectNode valid() {
        return anOrder(1001).line("Kopi", 2, "5.50", discounts("1.00"), "0.1", "1.00").total("11.00").json();
    }

    @Test
    void a_realistic_order_is_read_from_the_shop_money_strings() {
        ShopifyOrder order = ShopifyOrders.parse(valid()).order().orElseThrow();
        assertThat(order.name()).isEqualTo("#1001");
        assertThat(order.totalPrice()).isEqualByComparingTo("11.00");
        assertThat(order.lineItems().get(0).discountAllocations()).containsExactly(new java.math.BigDecimal("1.00"));
        assertThat(order.lineItems().get(0).taxLines().get(0).rate()).isEqualByComparingTo("0.1");
    }

    @Test
    void every_bad_field_is_reported_at_once() {
        ObjectNode body = valid();
        body.remove("id");
        body.put("currency", "ringgit");
        ((ObjectNode) body.get("line_items").get(0).get("price_set").get("shop_money")).put("amount", 5.5);
        ((ObjectNode) body.get("total_price_set").get("shop_money")).put("amount", "1E+3");
        var parsed = ShopifyOrders.parse(body);
        assertThat(parsed.order()).isEmpty();
        assertThat(parsed.errors()).containsOnlyKeys("id", "currency", "line_items[0].price_set.shop_money.amount",
                "total_price_set.shop_money.amount");
    }

    @Test
    void amounts_with_more_than_two_decimals_nan_or_a_minus_sign_are_refused() {
        for (String amount : new String[] {"5.505", "NaN", "-1.00", "", "1,00", "0x10"}) {
            ObjectNode body = valid();
            ((ObjectNode) body.get("total_price_set").get("shop_money")).put("amount", amount);
            assertThat(ShopifyOrders.parse(body).errors()).as(amount).containsKey("total_price_set.shop_money.amount");
        }
    }

    @Test
    void more_line_items_than_the_cap_are_refused_not_cut() {
        ObjectNode body = valid();
        var lines = body.putArray("line_items");
        for (int i = 0; i <= ShopifyOrders.LINE_ITEMS; i++) {
            lines.addObject();
        }
        assertThat(ShopifyOrders.parse(body).errors()).containsOnlyKeys("line_items");
    }

    @Test
    void absurdly_long_text_is_refused() {
        ObjectNode body = valid();
        ((ObjectNode) body.get("line_items").get(0)).put("title", "x".repeat(OrderFields.TEXT_LENGTH + 1));
        assertThat(ShopifyOrders.parse(body).errors()).containsOnlyKeys("line_items[0].title");
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        assertThat(ShopifyOrders.parse(OrderJson.read("[1,2]")).errors()).containsOnlyKeys("order");
        assertThat(ShopifyOrders.parse(null).errors()).containsOnlyKeys("order");
    }

    @Property(tries = 300)
    void a_hostile_body_gives_field_errors_and_never_throws(@ForAll("hostile") ObjectNode body) {
        var parsed = ShopifyOrders.parse(body);
        assertThat(parsed.order().isPresent()).isNotEqualTo(!parsed.errors().isEmpty());
    }

    @Provide
    Arbitrary<ObjectNode> hostile() {
        var values = Arbitraries.<com.fasterxml.jackson.databind.JsonNode>of(JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("1.5e3"),
                JsonNodeFactory.instance.numberNode(-7), JsonNodeFactory.instance.numberNode(1e300),
                JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.arrayNode(),
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.textNode("\u0000"),
                JsonNodeFactory.instance.textNode("9".repeat(40)))
                // a fresh copy per use: one shared object set inside itself would make a cyclic body
                .map(node -> (com.fasterxml.jackson.databind.JsonNode) node.deepCopy());
        var paths = Arbitraries.of("id", "name", "order_number", "currency", "processed_at", "taxes_included",
                "total_price_set", "line_items", "shipping_lines", "refunds", "billing_address", "customer",
                "line_items.0", "line_items.0.quantity", "line_items.0.price_set", "line_items.0.tax_lines",
                "line_items.0.discount_allocations", "line_items.0.current_quantity", "total_price_set.shop_money");
        return Arbitraries.entries(paths, values).list().ofMaxSize(6).map(changes -> {
            ObjectNode body = valid();
            changes.forEach(change -> replace(body, change.getKey().split("\\."), change.getValue()));
            return body;
        });
    }

    private static void replace(ObjectNode body, String[] path, com.fasterxml.jackson.databind.JsonNode value) {
        com.fasterxml.jackson.databind.JsonNode parent = body;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(path[i])) : parent.path(path[i]);
        }
        String last = path[path.length - 1];
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array && array.size() > 0) {
            array.set(Integer.parseInt(last), value);
        }
    }
}
