package my.invois.einvoices.document;

import static my.invois.shopify.OrderJson.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import my.invois.shopify.OrderJson;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Notes for generated orders with several partial and full refunds, through parse → mapping → builder. */
class RefundPropertiesTest {

    record Line(int quantity, long priceCents, long discountCents) {
    }

    /** What Shopify's arithmetic says each refund of the order is worth and returns. */
    record Generated(OrderJson order, BigDecimal total, List<BigDecimal> credited) {
    }

    @Property(tries = 150)
    void every_refund_gets_a_note_that_follows_the_mappings_and_pays_exactly_the_money_returned(
            @ForAll("refundedOrders") Generated generated) {
        ShopifyOrder order = generated.order().parsed();
        BigDecimal returnedInAll = BigDecimal.ZERO;
        for (int i = 0; i < order.refunds().size(); i++) {
            ShopifyOrder.Refund refund = order.refunds().get(i);
            var mapped = ShopifyOrderMapping.refund(order, refund, DocumentShapeTest.SUPPLIER);
            BigDecimal returned = ShopifyOrderMapping.moneyReturned(refund);
            returnedInAll = returnedInAll.add(returned);
            if (returned.signum() == 0 && generated.credited().get(i).signum() == 0) {
                assertThat(mapped.failure()).isEqualTo(ShopifyOrderMapping.NOTHING_TO_CREDIT);
                continue;
            }
            Sale sale = mapped.sale().orElseThrow(() -> new AssertionError(mapped.failure()));
            Issue issue = new Issue("RN" + i, DocumentShapeTest.ISSUED, "1.1");
            JsonNode note = returned.signum() > 0
                    ? Documents.refundNote(issue, DocumentShapeTest.SUPPLIER, DocumentShapeTest.BUYER, sale, DocumentShapeTest.ORIGINAL)
                    : Documents.creditNote(issue, DocumentShapeTest.SUPPLIER, DocumentShapeTest.BUYER, sale, DocumentShapeTest.ORIGINAL);
            byte[] bytes = UblJson.write(note);
            DocumentChecks.hasMandatoryFields(note);
            DocumentChecks.codesAreInTheirTables(note);
            DocumentChecks.lengthsAreWithinLimits(note);
            DocumentChecks.numbersAreMinimal(bytes);
            BigDecimal payable = DocumentChecks.totalsFollowTheMappings(UblJson.read(bytes));
            assertThat(payable).isEqualByComparingTo(returned.signum() > 0 ? returned : generated.credited().get(i));
            assertThat(note.at("/Invoice/0/InvoiceTypeCode/0/_").asText()).isEqualTo(returned.signum() > 0 ? "04" : "02");
            assertThat(note.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/ID/0/_").asText())
                    .isEqualTo(DocumentShapeTest.ORIGINAL.internalId());
            assertThat(note.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/UUID/0/_").asText())
                    .isEqualTo(DocumentShapeTest.ORIGINAL.uuid());
        }
        assertThat(returnedInAll).isLessThanOrEqualTo(generated.total());
    }

    @Provide
    Arbitrary<Generated> refundedOrders() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.longs().between(1, 100_000),
                Arbitraries.longs().between(0, 5_000)).as(Line::new);
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5), Arbitraries.longs().between(0, 2_000),
                Arbitraries.of("0", "0.06", "0.1"), Arbitraries.of(true, false), Arbitraries.longs())
                .as(RefundPropertiesTest::refunded);
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal tax(BigDecimal amount, BigDecimal rate, boolean included) {
        return included ? amount.multiply(rate).divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_UP)
                : amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }

    private static String[] taxes(String rate, BigDecimal tax) {
        return tax.signum() == 0 ? new String[0] : new String[] {rate, tax.toPlainString()};
    }

    /** Shopify's side: a single-rate order, then refunds that never return more than is left to return. */
    private static Generated refunded(List<Line> lines, long shippingCents, String rateText, boolean included, long seed) {
        var random = new Random(seed);
        BigDecimal rate = new BigDecimal(rateText);
        OrderJson order = anOrder(1001).taxesIncluded(included);
        BigDecimal total = BigDecimal.ZERO;
        var net = new ArrayList<BigDecimal>();
        var lineTax = new ArrayList<BigDecimal>();
        var left = new ArrayList<Integer>();
        for (Line l : lines) {
            BigDecimal gross = cents(l.priceCents()).multiply(BigDecimal.valueOf(l.quantity()));
            BigDecimal discount = cents(l.discountCents()).min(gross);
            BigDecimal tax = tax(gross.subtract(discount), rate, included);
            order.line("Barang", l.quantity(), cents(l.priceCents()).toPlainString(),
                    discount.signum() == 0 ? new String[0] : new String[] {discount.toPlainString()}, taxes(rateText, tax));
            net.add(gross.subtract(discount));
            lineTax.add(tax);
            left.add(l.quantity());
            total = total.add(gross.subtract(discount)).add(included ? BigDecimal.ZERO : tax);
        }
        BigDecimal shipping = cents(shippingCents);
        BigDecimal shippingTax = tax(shipping, rate, included);
        if (shippingCents > 0) {
            order.shipping("Poslaju", shipping.toPlainString(), new String[0], taxes(rateText, shippingTax));
            total = total.add(shipping).add(included ? BigDecimal.ZERO : shippingTax);
        }
        order.total(total.toPlainString());
        var credited = new ArrayList<BigDecimal>();
        BigDecimal returnedInAll = BigDecimal.ZERO;
        boolean shippingLeft = shippingCents > 0;
        for (int r = 1, refunds = 1 + random.nextInt(4); r <= refunds; r++) {
            OrderJson.RefundJson refund = order.refund(r);
            BigDecimal value = BigDecimal.ZERO;
            for (int i = 0; i < lines.size(); i++) {
                int quantity = random.nextInt(left.get(i) + 1);
                if (quantity == 0) {
                    continue;
                }
                BigDecimal share = BigDecimal.valueOf(quantity).divide(BigDecimal.valueOf(lines.get(i).quantity()), 10, RoundingMode.HALF_UP);
                BigDecimal subtotal = net.get(i).multiply(share).setScale(2, RoundingMode.HALF_UP);
                BigDecimal tax = lineTax.get(i).multiply(share).setScale(2, RoundingMode.HALF_UP).min(subtotal);
                refund.line(100 + i, quantity, subtotal.toPlainString(), tax.toPlainString());
                left.set(i, left.get(i) - quantity);
                value = value.add(subtotal).add(included ? BigDecimal.ZERO : tax);
            }
            if (shippingLeft && random.nextBoolean()) {
                refund.shipping("Poslaju", shipping.toPlainString(), shippingTax.toPlainString());
                if (random.nextBoolean()) {
                    refund.adjustment("shipping_refund", shipping.negate().toPlainString(), shippingTax.negate().toPlainString());
                }
                shippingLeft = false;
                value = value.add(shipping).add(included ? BigDecimal.ZERO : shippingTax);
            }
            BigDecimal headroom = total.subtract(returnedInAll);
            boolean money = random.nextInt(4) > 0 && headroom.signum() > 0;
            if (!money) {
                refund.transaction("refund", "failure", value.max(BigDecimal.ONE).toPlainString());
                credited.add(value);
                continue;
            }
            BigDecimal returned = value.add(cents(random.nextInt(1_001) - 500)).max(BigDecimal.ZERO).min(headroom);
            if (returned.signum() == 0) {
                returned = headroom.min(BigDecimal.ONE);
            }
            BigDecimal discrepancy = value.subtract(returned);
            if (discrepancy.signum() != 0) {
                refund.adjustment("refund_discrepancy", discrepancy.toPlainString(), "0.00");
            }
            BigDecimal first = returned.multiply(BigDecimal.valueOf(random.nextInt(101))).divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN);
            refund.transaction("refund", "success", first.toPlainString())
                    .transaction("refund", "success", returned.subtract(first).toPlainString())
                    .transaction("refund", "failure", returned.toPlainString());
            returnedInAll = returnedInAll.add(returned);
            credited.add(returned);
        }
        return new Generated(order, total, credited);
    }
}
