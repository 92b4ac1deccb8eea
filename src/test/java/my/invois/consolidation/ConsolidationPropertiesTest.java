package my.invois.consolidation;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import my.invois.shopify.OrderJson;
import my.invois.testing.Api;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * E5 and E7 through the real services on the test database: a generated month of orders (gaps in
 * the numbers, refunds before and after the consolidation, buyer requests, cancellations, orders over
 * RM10,000, test and zero orders) is consolidated, and every paid order lands in exactly one invoice
 * whose payable sums agree with Shopify's totals less the refunds netted before. Bounded: 25 tries of
 * up to 200 orders.
 */
class ConsolidationPropertiesTest {

    private static final YearMonth CLOSED = YearMonth.now(ZoneId.of("Asia/Kuala_Lumpur")).minusMonths(1);
    private static final BigDecimal SST = new BigDecimal("0.06");
    private final Api api = TestServer.shared().api();

    enum Kind { PLAIN, TEST, ZERO, CANCELLED, OVER_LIMIT, REQUESTED, REFUND_BEFORE, REFUND_AFTER, REQUESTED_THEN_REFUNDED }

    record Generated(int gap, BigDecimal price, Kind kind) {
    }

    @Provide
    Arbitrary<List<Generated>> months() {
        Arbitrary<Integer> gaps = Arbitraries.frequency(List.of(Tuple.of(8, 1), Tuple.of(2, 2),
                Tuple.of(1, 7)));
        Arbitrary<BigDecimal> prices = Arbitraries.bigDecimals().between(new BigDecimal("1.00"), new BigDecimal("900.00")).ofScale(2);
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(Kind.PLAIN)),
                Tuple.of(1, Arbitraries.of(Kind.values())));
        return Combinators.combine(gaps, prices, kinds).as(Generated::new).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 25)
    void every_paid_order_is_in_exactly_one_invoice_and_the_payables_are_shopifys_less_the_refunds_netted(
            @ForAll("months") List<Generated> month) {
        TestDatabase.clear();
        String org = organization();
        BigDecimal expected = BigDecimal.ZERO.setScale(2);
        var paid = new ArrayList<Long>();
        long number = 1000;
        var after = new ArrayList<OrderJson>();
        for (Generated generated : month) {
            number += generated.gap();
            OrderJson order = order(number, generated);
            post(org, order.json());
            BigDecimal total = new BigDecimal(order.json().get("total_price_set").get("shop_money").get("amount").asText());
            switch (generated.kind()) {
                case TEST, ZERO, CANCELLED -> {
                    continue;
                }
                case REQUESTED, REQUESTED_THEN_REFUNDED -> {
                    assertThat(api.post(orders(org) + "/" + number + "/einvoice-request", buyer()).status()).isEqualTo(201);
                    if (generated.kind() == Kind.REQUESTED_THEN_REFUNDED) {
                        refund(order, generated.price());
                        post(org, order.json());
                    }
                }
                case REFUND_BEFORE -> {
                    total = total.subtract(refund(order, generated.price()));
                    post(org, order.json());
                }
                case REFUND_AFTER -> after.add(order);
                default -> {
                }
            }
            paid.add(number);
            expected = expected.add(total);
        }
        Response ran = api.post(Api.PREFIX + "/organizations/" + org + "/consolidations", Map.of("month", CLOSED.toString()));
        assertThat(ran.status()).as(ran.body()).isEqualTo(202);
        for (OrderJson order : after) {
            refund(order, new BigDecimal(order.json().get("line_items").get(0).get("price_set").get("shop_money").get("amount").asText()));
            post(org, order.json());
        }

        for (long orderId : paid) {
            assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_orders o JOIN einvoices e ON e.id = o.einvoice_id "
                    + "WHERE e.type = '01' AND e.status <> 'cancelled' AND o.shopify_order_id = " + orderId))
                    .as("order %d", orderId).isEqualTo(1);
        }
        assertThat(TestDatabase.count("SELECT count(DISTINCT o.shopify_order_id) FROM einvoice_orders o JOIN einvoices e "
                + "ON e.id = o.einvoice_id WHERE e.type = '01' AND e.status <> 'cancelled'")).isEqualTo(paid.size());
        BigDecimal invoiced = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT coalesce(sum(payable), 0) FROM einvoices WHERE type = '01' AND status <> 'cancelled'")
                .mapTo(BigDecimal.class).one());
        assertThat(invoiced).isEqualByComparingTo(expected);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders WHERE status = 'consolidating'")).isZero();
    }

    private OrderJson order(long number, Generated generated) {
        BigDecimal price = switch (generated.kind()) {
            case ZERO -> new BigDecimal("0.00");
            case OVER_LIMIT -> generated.price().add(new BigDecimal("10000.00"));
            default -> generated.price();
        };
        BigDecimal tax = price.multiply(SST).setScale(2, RoundingMode.HALF_UP);
        OrderJson order = anOrder(number).line("Batik shirt", 1, price.toPlainString(), discounts(), "0.06", tax.toPlainString())
                .total(price.add(tax).toPlainString());
        ObjectNode json = order.json().put("id", number).put("processed_at", CLOSED.atDay(1 + (int) (number % 28)) + "T10:00:00+08:00");
        json.putObject("billing_address").put("name", "Aisyah Rahman").put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY");
        if (generated.kind() == Kind.TEST) {
            json.put("test", true);
        }
        if (generated.kind() == Kind.CANCELLED) {
            json.put("cancelled_at", CLOSED.atDay(28) + "T10:00:00+08:00");
        }
        return order;
    }

    /** Half the line back (its subtotal and tax halved), as money returned; what it returns. */
    private static BigDecimal refund(OrderJson order, BigDecimal price) {
        BigDecimal subtotal = price.divide(new BigDecimal("2"), 2, RoundingMode.DOWN);
        BigDecimal tax = subtotal.multiply(SST).setScale(2, RoundingMode.DOWN);
        BigDecimal money = subtotal.add(tax);
        order.refund(order.json().get("id").asLong() * 10).line(100, 1, subtotal.toPlainString(), tax.toPlainString())
                .transaction("refund", "success", money.toPlainString());
        return money;
    }

    private void post(String org, ObjectNode order) {
        Response response = api.post(orders(org), order);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
    }

    private static String orders(String org) {
        return Api.PREFIX + "/organizations/" + org + "/orders";
    }

    private String organization() {
        String id = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", "C2584563202");
        body.put("registrationType", "BRN");
        body.put("registrationNumber", "202001234567");
        body.put("msicCode", "47912");
        body.put("address", Map.of("lines", List.of("No. 12, Jalan Bukit Bintang"), "city", "Kuala Lumpur",
                "postcode", "55100", "state", "14", "country", "MYS"));
        body.put("phone", "012-345 6789");
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/einvoice-settings", body).status()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> buyer() {
        var buyer = new LinkedHashMap<String, Object>();
        buyer.put("name", "Siti binti Ahmad");
        buyer.put("tin", "IG12345678090");
        buyer.put("registrationType", "NRIC");
        buyer.put("registrationNumber", "900101-14-5678");
        buyer.put("email", "siti@example.my");
        buyer.put("phone", "012-345 6789");
        buyer.put("address", Map.of("lines", List.of("12 Jalan Ampang"), "city", "Kuala Lumpur", "postcode", "50450",
                "state", "14", "country", "MYS"));
        return buyer;
    }
}
