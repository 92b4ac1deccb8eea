import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Consolidation;
import my.invois.einvoices.document.Documents;
import my.invois.einvoices.document.Issue;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.UblJson;
import my.invois.einvoices.signing.DocumentSigner;
import my.invois.einvoices.signing.SigningKey;
import my.invois.einvoices.signing.SigningKeys;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.shopify.ShopifyOrderMapping;
import my.invois.shopify.ShopifyOrders;

/**
 * The cost of an e-invoice document, measured against the one thing it cannot avoid: an RSA-2048
 * SHA256withRSA signature. Run by bench/documents.sh on the built jar. Each scenario is timed in
 * rounds that alternate with rounds of the bare signature, so both see the same machine; the
 * report gives medians per operation and their ratio.
 */
public final class DocumentBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = Integer.getInteger("rounds", 15);
    private static final Duration ROUND = Duration.ofMillis(Long.getLong("roundMillis", 400));

    public static void main(String[] args) throws Exception {
        char[] password = "bench-only".toCharArray();
        SigningKey key = SigningKeys.fromPkcs12(TestCertificate.pkcs12(TestCertificate.ZERO_SET_UP, password,
                Instant.now(), Duration.ofDays(30)), password);
        var signer = new DocumentSigner(key);
        var supplier = supplier();
        JsonNode order = order(10);
        Instant now = Instant.parse("2026-12-01T02:00:00Z");
        byte[] tenLineBytes = UblJson.write(invoice(order, supplier, now));

        Signature rsa = Signature.getInstance("SHA256withRSA");
        Runnable bare = () -> {
            try {
                rsa.initSign(key.privateKey());
                rsa.update(tenLineBytes);
                rsa.sign();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Runnable tenLines = () -> signer.sign(invoice(order, supplier, now), now);
        List<Sale> hundredOrders = sales(supplier, 100, 2);
        Runnable consolidated = () -> Consolidation.documents(supplier, YearMonth.of(2026, 11), hundredOrders, now, "1.1",
                n -> "CON202611" + (char) ('A' + n)).forEach(d -> signer.sign(d, now));

        System.out.printf("bare SHA256withRSA over %d bytes, %d rounds of %d ms, interleaved%n", tenLineBytes.length, ROUNDS, ROUND.toMillis());
        double[] ratio10 = compare("10-line order: parse, map, build, sign", tenLines, bare);
        double[] ratio100 = compare("consolidated, 100 lines: build, sign", consolidated, bare);
        System.out.printf("RESULT ten_line_ratio=%.2f consolidated_100_ms=%.2f consolidated_100_ratio=%.2f%n",
                ratio10[2], ratio100[0] / 1e6, ratio100[2]);
        month(supplier, signer, now);
    }

    /** Median ns per operation of each, and their ratio, from alternating rounds. */
    private static double[] compare(String name, Runnable scenario, Runnable bare) {
        for (int i = 0; i < 3; i++) { // warm-up: both paths through C2
            perOp(scenario);
            perOp(bare);
        }
        double[] mine = new double[ROUNDS];
        double[] theirs = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            mine[i] = perOp(scenario);
            theirs[i] = perOp(bare);
        }
        double m = median(mine);
        double b = median(theirs);
        System.out.printf("%-45s %9.1f µs/op   bare signature %8.1f µs/op   ratio %.2f%n", name, m / 1e3, b / 1e3, m / b);
        return new double[] {m, b, m / b};
    }

    private static double perOp(Runnable task) {
        long deadline = System.nanoTime() + ROUND.toNanos();
        long start = System.nanoTime();
        int n = 0;
        do {
            task.run();
            n++;
        } while (System.nanoTime() < deadline);
        return (System.nanoTime() - start) / (double) n;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A month of 100,000 orders with a gap every 97 numbers: its consolidated documents, built, split and signed. */
    private static void month(my.invois.einvoices.document.Supplier supplier, DocumentSigner signer, Instant now) {
        List<Sale> sales = sales(supplier, 100_000, 97);
        var memory = ManagementFactory.getMemoryMXBean();
        long start = System.nanoTime();
        var documents = Consolidation.documents(supplier, YearMonth.of(2026, 11), sales, now, "1.1",
                n -> "CON202611" + Integer.toString(n, 36).toUpperCase());
        long largest = 0;
        long total = 0;
        for (var document : documents) {
            byte[] signed = signer.sign(document, now);
            largest = Math.max(largest, signed.length);
            total += signed.length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("month of %,d orders: %d documents in %.2f s, largest %,d bytes, all %,d bytes, heap used %d MiB%n",
                sales.size(), documents.size(), seconds, largest, total, memory.getHeapMemoryUsage().getUsed() >> 20);
        System.out.printf("RESULT month_orders=%d month_documents=%d month_seconds=%.2f month_largest_bytes=%d%n",
                sales.size(), documents.size(), seconds, largest);
    }

    private static List<Sale> sales(my.invois.einvoices.document.Supplier supplier, int count, int gapEvery) {
        var sales = new ArrayList<Sale>(count);
        long number = 1001;
        for (int i = 0; i < count; i++) {
            number += (i % gapEvery == gapEvery - 1) ? 2 : 1;
            sales.add(ShopifyOrderMapping.sale(ShopifyOrders.parse(orderNumbered(number, 2)).order().orElseThrow(), supplier)
                    .sale().orElseThrow());
        }
        return sales;
    }

    private static ObjectNode invoice(JsonNode order, my.invois.einvoices.document.Supplier supplier, Instant now) {
        var parsed = ShopifyOrders.parse(order);
        var mapped = ShopifyOrderMapping.sale(parsed.order().orElseThrow(() -> new IllegalStateException(parsed.errors().toString())), supplier);
        Sale sale = mapped.sale().orElseThrow(() -> new IllegalStateException(mapped.failure()));
        var buyer = new Buyer("Siti Aminah binti Abdullah", "IG12345678901", "NRIC", "900101145678", "NA",
                new Address(List.of("12, Jalan Bukit Bintang"), "Kuala Lumpur", "55100", "14", "MYS"), "+60123456789",
                "siti@example.com");
        return Documents.invoice(new Issue("INV000123", now, "1.1"), supplier, buyer, sale);
    }

    private static JsonNode order(int lines) {
        return orderNumbered(1001, lines);
    }

    /** A Shopify REST order shaped like reference §5.4: lines with a discount and 10% sales tax, and shipping. */
    private static ObjectNode orderNumbered(long number, int lines) {
        ObjectNode order = JSON.createObjectNode().put("id", 6_200_000_000_000L + number).put("name", "#" + number)
                .put("order_number", number).put("currency", "MYR").put("processed_at", "2026-11-23T23:10:14+08:00")
                .put("created_at", "2026-11-23T23:10:15+08:00")
                .put("test", false).put("taxes_included", false).put("financial_status", "paid");
        ArrayNode items = order.putArray("line_items");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines; i++) {
            ObjectNode line = items.addObject().put("id", 1000 + i).put("title", "Batik sarung No. " + i + " — 中文 é")
                    .put("quantity", 2).put("current_quantity", 2).put("taxable", true);
            line.set("price_set", money("49.90"));
            line.putArray("discount_allocations").addObject().set("amount_set", money("9.80"));
            ObjectNode tax = line.putArray("tax_lines").addObject().put("rate", 0.1).put("title", "SST");
            tax.set("price_set", money("9.00"));
            total = total.add(new BigDecimal("99.00"));
        }
        ObjectNode shipping = order.putArray("shipping_lines").addObject().put("title", "Pos Laju");
        shipping.set("price_set", money("8.00"));
        shipping.putArray("discount_allocations");
        shipping.putArray("tax_lines");
        order.set("total_price_set", money(total.add(new BigDecimal("8.00")).toPlainString()));
        order.putArray("refunds");
        return order;
    }

    private static ObjectNode money(String amount) {
        ObjectNode set = JSON.createObjectNode();
        set.putObject("shop_money").put("amount", amount).put("currency_code", "MYR");
        return set;
    }

    private static my.invois.einvoices.document.Supplier supplier() {
        return new my.invois.einvoices.document.Supplier("C25845632020", "BRN", "202001234567", "W10-1808-32000123", "NA",
                "47912", "Retail sale of any kind of product over the Internet", "Kedai Batik Siti Sdn Bhd",
                new Address(List.of("Lot 66, Jalan Perdana"), "Kuala Lumpur", "50480", "14", "MYS"), "+60312345678",
                "accounts@kedaibatik.example", "022", "01", Map.of("10", "01", "5", "01", "6", "02", "8", "02"));
    }
}
