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

    /** One document of the month, with the sales (orders) its lines cover and those lines. */
    public record Part(ObjectNode document, List<Sale> sales, List<SaleLine> lines) {
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
        String currency = sales.isEmpty() ? "MYR" : sales.get(0).currency();
        if (sales.stream().anyMatch(s -> !s.currency().equals(currency))) {
            throw new IllegalArgumentException("a consolidated e-invoice has one currency");
        }
        List<List<Sale>> ranges = ranges(sales);
        List<SaleLine> lines = ranges.stream().map(Consolidation::range).toList();
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
            documents.add(new Part(document, ranges.subList(start, start + count).stream().flatMap(List::stream).toList(),
                    lines.subList(start, start + count)));
            start += count;
        }
        return documents;
    }

    /** SG §3.6.3 (b): continuous ranges of order numbers, a new line wherever the chain breaks. */
    static List<SaleLine> lines(List<Sale> sales) {
        return ranges(sales).stream().map(Consolidation::range).toList();
    }

    private static List<List<Sale>> ranges(List<Sale> sales) {
        List<Sale> sorted = sales.stream().sorted(Comparator.comparingLong(Sale::orderNumber)).toList();
        var ranges = new ArrayList<List<Sale>>();
        int start = 0;
        for (int i = 1; i <= sorted.size(); i++) {
            if (i == sorted.size() || sorted.get(i).orderNumber() != sorted.get(i - 1).orderNumber() + 1) {
                ranges.add(sorted.subList(start, i));
                start = i;
            }
        }
        return ranges;
    }

    private static SaleLine range(List<Sale> range) {
        String first = range.get(0).orderName();
        String last = range.get(range.size() - 1).orderName();
        String description = range.size() == 1 ? "Order " + first : "Orders " + first + "–" + last;
        List<SaleLine> saleLines = range.stream().flatMap(s -> s.lines().stream()).toList();
        BigDecimal amount = Totals.of(saleLines).lineExtensionAmount();
        return new SaleLine(description, CLASSIFICATION, BigDecimal.ONE, amount, List.of(), taxes(saleLines));
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
