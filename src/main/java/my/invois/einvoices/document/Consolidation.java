package my.invois.einvoices.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.IntFunction;

/**
 * E7's monthly consolidated e-invoice for the General Public: one line per continuous range of order
 * numbers ("Orders #1001–#1042"), classification 004, split into documents of at most 100 lines and
 * at most 300 KB once signed.
 */
public final class Consolidation {

    public static final String CLASSIFICATION = "004";
    public static final int MAX_LINES = 100;
    public static final int MAX_SIGNED_BYTES = 300_000;
    /** The signature blocks of LHDN's signed sample take 4.3 KB; a longer certificate chain takes more. */
    public static final int SIGNATURE_HEADROOM = 10_000;
    public static final int MAX_UNSIGNED_BYTES = MAX_SIGNED_BYTES - SIGNATURE_HEADROOM;

    /** One document of the month, with the orders its lines cover and those lines. */
    public record Part(ObjectNode document, List<String> orderIds, List<SaleLine> lines) {
    }

    /** One line: a continuous range of order numbers, and the orders (Shopify ids) it covers. */
    public record Range(SaleLine line, List<String> orderIds) {
    }

    private Consolidation() {
    }

    /**
     * The month's documents; {@code numbers} gives the internal number of the i-th (0-based), so the
     * caller allocates as many as there are documents. All sales share one currency (E7).
     */
    public static List<ObjectNode> documents(Supplier supplier, YearMonth month, List<Sale> sales, Instant issuedAt,
            String version, IntFunction<String> numbers) {
        return parts(supplier, month, sales, issuedAt, version, numbers).stream().map(Part::document).toList();
    }

    /** The same documents, each with what it covers (the orders a stored consolidated e-invoice links to). */
    public static List<Part> parts(Supplier supplier, YearMonth month, List<Sale> sales, Instant issuedAt,
            String version, IntFunction<String> numbers) {
        return parts(supplier, month, ranges(sales), issuedAt, version, numbers);
    }

    /** The documents of ranges folded as the sales came (a month streamed from the database). */
    public static List<Part> parts(Supplier supplier, YearMonth month, Ranges ranges, Instant issuedAt,
            String version, IntFunction<String> numbers) {
        String currency = ranges.currency();
        List<Range> all = ranges.ranges();
        List<SaleLine> lines = all.stream().map(Range::line).toList();
        var documents = new ArrayList<Part>();
        int start = 0;
        while (start < lines.size()) {
            int count = Math.min(MAX_LINES, lines.size() - start);
            ObjectNode document = build(supplier, month, lines.subList(start, start + count), issuedAt, version,
                    numbers.apply(documents.size()), currency);
            int size = UblJson.write(document).length;
            while (size > MAX_UNSIGNED_BYTES && count > 1) {
                count = Math.max(1, Math.min(count - 1, (int) ((long) count * MAX_UNSIGNED_BYTES / size)));
                document = build(supplier, month, lines.subList(start, start + count), issuedAt, version,
                        numbers.apply(documents.size()), currency);
                size = UblJson.write(document).length;
            }
            documents.add(new Part(document, all.subList(start, start + count).stream().flatMap(r -> r.orderIds().stream()).toList(),
                    lines.subList(start, start + count)));
            start += count;
        }
        return documents;
    }

    /** SG §3.6.3 (b): continuous ranges of order numbers, a new line wherever the chain breaks. */
    static List<SaleLine> lines(List<Sale> sales) {
        return ranges(sales).ranges().stream().map(Range::line).toList();
    }

    private static Ranges ranges(List<Sale> sales) {
        var ranges = new Ranges();
        sales.stream().sorted(Comparator.comparingLong(Sale::orderNumber)).forEach(ranges::add);
        return ranges;
    }

    /**
     * A month's sales of one currency folded into their lines as they come, in order-number order:
     * an open range keeps its lines' sums, not every sale's lines, so a month of 100,000 orders
     * never needs all its sales in memory at once.
     */
    public static final class Ranges {

        /** An open range's lines are summed into one when this many have been added. Sums are exact: any point gives the same line. */
        private static final int FOLD_AT = 1_000;
        private final List<Range> closed = new ArrayList<>();
        private final List<String> orderIds = new ArrayList<>();
        private final List<SaleLine> lines = new ArrayList<>();
        private String currency;
        private String first;
        private String last;
        private long lastNumber;

        public void add(Sale sale) {
            if (currency == null) {
                currency = sale.currency();
            } else if (!currency.equals(sale.currency())) {
                throw new IllegalArgumentException("a consolidated e-invoice has one currency");
            }
            if (!orderIds.isEmpty() && sale.orderNumber() < lastNumber) {
                throw new IllegalArgumentException("sales come in order-number order");
            }
            if (!orderIds.isEmpty() && sale.orderNumber() != lastNumber + 1) {
                close();
            }
            if (orderIds.isEmpty()) {
                first = sale.orderName();
            }
            last = sale.orderName();
            lastNumber = sale.orderNumber();
            orderIds.add(sale.orderId());
            lines.addAll(sale.lines());
            if (lines.size() >= FOLD_AT) {
                SaleLine folded = line();
                lines.clear();
                lines.add(folded);
            }
        }

        String currency() {
            return currency == null ? "MYR" : currency;
        }

        List<Range> ranges() {
            close();
            return closed;
        }

        private void close() {
            if (!orderIds.isEmpty()) {
                closed.add(new Range(line(), List.copyOf(orderIds)));
                orderIds.clear();
                lines.clear();
            }
        }

        private SaleLine line() {
            String description = orderIds.size() == 1 ? "Order " + first : "Orders " + first + "–" + last;
            return new SaleLine(description, CLASSIFICATION, BigDecimal.ONE, Totals.of(lines).lineExtensionAmount(), List.of(),
                    taxes(lines));
        }
    }

    private static List<LineTax> taxes(List<SaleLine> saleLines) {
        var byRate = new LinkedHashMap<String, LineTax>();
        saleLines.stream().flatMap(l -> l.taxes().stream()).forEach(t -> byRate.merge(
                t.taxType() + "@" + t.percent().stripTrailingZeros().toPlainString(), t,
                (a, b) -> new LineTax(a.taxType(), a.percent(), Money.round(a.taxable().add(b.taxable())),
                        Money.round(a.amount().add(b.amount())))));
        return List.copyOf(byRate.values());
    }

    private static ObjectNode build(Supplier supplier, YearMonth month, List<SaleLine> lines, Instant issuedAt,
            String version, String number, String currency) {
        return new DocumentTree(new Issue(number, issuedAt, version), Documents.INVOICE, currency)
                .period(month.atDay(1).toString(), month.atEndOfMonth().toString(), "Monthly")
                .build(supplier, Buyer.GENERAL_PUBLIC, lines);
    }
}
