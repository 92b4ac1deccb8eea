package my.invois.einvoices.document;

import static my.invois.shopify.OrderJson.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import my.invois.shopify.OrderJson;
import my.invois.shopify.ShopifyOrderMapping;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Item 4's properties over generated Shopify order JSON, through parse → mapping → builder. */
class DocumentPropertiesTest {

    record Line(String title, int quantity, long priceCents, List<Long> discountCents, String rate) {
    }

    record Generated(OrderJson order, String total, boolean taxesIncluded, List<String> titles) {
    }

    private static final List<String> NAMES = List.of("Baju Kurung Puan Siti", "Kuih O'Malley", "Kain 2/3 meter",
            "Café Latté", "中文 茶叶", "தமிழ் புத்தகம்", "Nasi Lemak d'Ali", "T-shirt (M)");
    private static final List<String> RATES = List.of("0", "0.05", "0.06", "0.08", "0.1");

    @Property(tries = 200)
    void every_generated_order_gets_a_complete_lawful_document_whose_payable_is_shopifys_total(
            @ForAll("orders") Generated generated) {
        var mapped = ShopifyOrderMapping.sale(generated.order().parsed(), OrderJson.sstSupplier());
        Sale sale = mapped.sale().orElseThrow(() -> new AssertionError(mapped.failure()));
        JsonNode document = Documents.invoice(new Issue("INV000123", DocumentShapeTest.ISSUED, "1.1"),
                DocumentShapeTest.SUPPLIER, DocumentShapeTest.BUYER, sale);
        byte[] bytes = UblJson.write(document);
        DocumentChecks.hasMandatoryFields(document);
        DocumentChecks.codesAreInTheirTables(document);
        DocumentChecks.lengthsAreWithinLimits(document);
        DocumentChecks.numbersAreMinimal(bytes);
        assertThat(DocumentChecks.totalsFollowTheMappings(UblJson.read(bytes))).isEqualByComparingTo(generated.total());
        String text = new String(bytes, StandardCharsets.UTF_8);
        generated.titles().forEach(title -> assertThat(text).contains(title));
    }

    @Property(tries = 50)
    void a_month_of_orders_is_consolidated_into_ranges_covering_each_order_once(@ForAll("months") List<Long> numbers) {
        List<Sale> sales = numbers.stream().map(DocumentPropertiesTest::sale).toList();
        List<com.fasterxml.jackson.databind.node.ObjectNode> documents = Consolidation.documents(
                DocumentShapeTest.SUPPLIER, YearMonth.of(2026, 11), sales, DocumentShapeTest.ISSUED, "1.1", i -> "CON202611N" + i);
        var covered = new ArrayList<Long>();
        BigDecimal payable = BigDecimal.ZERO;
        for (JsonNode document : documents) {
            byte[] bytes = UblJson.write(document);
            assertThat(bytes.length).isLessThanOrEqualTo(Consolidation.MAX_UNSIGNED_BYTES);
            assertThat(document.at("/Invoice/0/InvoiceLine").size()).isBetween(1, Consolidation.MAX_LINES);
            DocumentChecks.codesAreInTheirTables(document);
            payable = payable.add(DocumentChecks.totalsFollowTheMappings(document));
            for (JsonNode line : document.at("/Invoice/0/InvoiceLine")) {
                covered.addAll(range(line.at("/Item/0/Description/0/_").asText()));
            }
        }
        assertThat(covered).containsExactlyElementsOf(numbers.stream().sorted().toList());
        assertThat(payable).isEqualByComparingTo(Money.sum(sales.stream().map(Sale::payable).toList()));
        assertThat(documents.stream().map(d -> d.at("/Invoice/0/ID/0/_").asText()).distinct()).hasSize(documents.size());
    }

    /** The consolidation streams a month and sums an open range every 1,000 lines: a long unbroken range loses nothing. */
    @Property(tries = 5)
    void an_unbroken_range_longer_than_the_fold_is_one_line_of_its_orders_sums(@ForAll @IntRange(min = 1_000, max = 2_600) int orders) {
        List<Sale> sales = LongStream.range(1001, 1001 + orders).mapToObj(DocumentPropertiesTest::sale).toList();
        var ranges = new Consolidation.Ranges();
        sales.forEach(ranges::add);
        List<Consolidation.Part> parts = Consolidation.parts(DocumentShapeTest.SUPPLIER, YearMonth.of(2026, 11), ranges,
                DocumentShapeTest.ISSUED, "1.1", i -> "CON202611N" + i);
        assertThat(parts).hasSize(1);
        JsonNode line = parts.get(0).document().at("/Invoice/0/InvoiceLine");
        assertThat(line).hasSize(1);
        assertThat(line.at("/0/Item/0/Description/0/_").asText()).isEqualTo("Orders #1001–#" + (1000 + orders));
        assertThat(DocumentChecks.totalsFollowTheMappings(parts.get(0).document()))
                .isEqualByComparingTo(Money.sum(sales.stream().map(Sale::payable).toList()));
        assertThat(parts.get(0).lines().get(0).taxAmount())
                .isEqualByComparingTo(Money.sum(sales.stream().map(sale -> sale.totals().taxAmount()).toList()));
        assertThat(parts.get(0).orderIds()).containsExactlyElementsOf(sales.stream().map(Sale::orderId).toList());
    }

    private static List<Long> range(String description) {
        String[] ends = description.replace("Orders ", "").replace("Order ", "").replace("#", "").split("–");
        long first = Long.parseLong(ends[0]);
        long last = Long.parseLong(ends[ends.length - 1]);
        var numbers = new ArrayList<Long>();
        for (long n = first; n <= last; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static Sale sale(long number) {
        long cents = 100 + (number * 7919) % 50_000;
        String price = BigDecimal.valueOf(cents, 2).toPlainString();
        String tax = BigDecimal.valueOf(cents, 2).multiply(new BigDecimal("0.1")).setScale(2, RoundingMode.HALF_UP).toPlainString();
        String total = new BigDecimal(price).add(new BigDecimal(tax)).toPlainString();
        var order = number % 3 == 0 ? anOrder(number).line("Kopi", 1, price, new String[0]).total(price)
                : anOrder(number).line("Teh", 1, price, new String[0], "0.1", tax).total(total);
        return ShopifyOrderMapping.sale(order.parsed(), DocumentShapeTest.SUPPLIER).sale().orElseThrow();
    }

    @Provide
    Arbitrary<List<Long>> months() {
        return Arbitraries.longs().between(1001, 1600).set().ofMinSize(1).ofMaxSize(400).map(s -> List.copyOf(s));
    }

    @Provide
    Arbitrary<Generated> orders() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(NAMES), Arbitraries.integers().between(1, 20),
                Arbitraries.longs().between(1, 500_000), Arbitraries.longs().between(0, 10_000).list().ofMaxSize(2),
                Arbitraries.of(RATES)).as(Line::new);
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(8), line.list().ofMaxSize(2),
                Arbitraries.of(true, false)).as(DocumentPropertiesTest::order);
    }

    /** Shopify's side of the arithmetic: discounts within the line, tax on what is left, total. */
    private static Generated order(List<Line> items, List<Line> shipping, boolean included) {
        OrderJson order = anOrder(1001).taxesIncluded(included);
        BigDecimal total = BigDecimal.ZERO;
        var titles = new ArrayList<String>();
        for (int i = 0; i < items.size() + shipping.size(); i++) {
            boolean isShipping = i >= items.size();
            Line l = isShipping ? shipping.get(i - items.size()) : items.get(i);
            int quantity = isShipping ? 1 : l.quantity();
            BigDecimal price = BigDecimal.valueOf(l.priceCents(), 2);
            BigDecimal left = price.multiply(BigDecimal.valueOf(quantity));
            var discounts = new ArrayList<String>();
            for (long d : l.discountCents()) {
                BigDecimal discount = BigDecimal.valueOf(d, 2).min(left);
                left = left.subtract(discount);
                discounts.add(discount.toPlainString());
            }
            BigDecimal rate = new BigDecimal(l.rate());
            BigDecimal tax = included
                    ? left.multiply(rate).divide(BigDecimal.ONE.add(rate), 2, RoundingMode.HALF_UP)
                    : left.multiply(rate).setScale(2, RoundingMode.HALF_UP);
            String[] taxes = rate.signum() == 0 ? new String[0] : new String[] {l.rate(), tax.toPlainString()};
            String[] allocations = discounts.toArray(String[]::new);
            if (isShipping) {
                order.shipping(l.title(), price.toPlainString(), allocations, taxes);
            } else {
                order.line(l.title(), quantity, price.toPlainString(), allocations, taxes);
                titles.add(l.title());
            }
            total = total.add(left).add(included ? BigDecimal.ZERO : tax);
        }
        String totalText = total.setScale(2).toPlainString();
        return new Generated(order.total(totalText), totalText, included, titles);
    }
}
