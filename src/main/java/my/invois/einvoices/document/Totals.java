package my.invois.einvoices.document;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Invoice totals by SDK mathematical mappings. There are no invoice-level allowances or charges
 * (Shopify allocates order discounts to lines), no prepayment and no rounding, so TaxExclusiveAmount
 * = Σ LineExtensionAmount and PayableAmount = TaxInclusiveAmount = TaxExclusiveAmount + tax.
 */
public record Totals(BigDecimal lineExtensionAmount, BigDecimal taxExclusiveAmount, BigDecimal taxAmount,
        BigDecimal taxInclusiveAmount, BigDecimal payableAmount, List<TaxSubtotal> taxSubtotals) {

    /** One per tax type: the amounts charged with it and the tax. */
    public record TaxSubtotal(String taxType, BigDecimal taxableAmount, BigDecimal taxAmount) {
    }

    public static Totals of(Collection<SaleLine> lines) {
        BigDecimal lineExtension = Money.sum(lines.stream().map(SaleLine::lineExtensionAmount).toList());
        BigDecimal tax = Money.sum(lines.stream().map(SaleLine::taxAmount).toList());
        BigDecimal inclusive = Money.round(lineExtension.add(tax));
        return new Totals(lineExtension, lineExtension, tax, inclusive, inclusive, subtotals(lines));
    }

    private static List<TaxSubtotal> subtotals(Collection<SaleLine> lines) {
        var byType = new LinkedHashMap<String, TaxSubtotal>();
        lines.stream().flatMap(line -> line.taxes().stream()).forEach(tax -> byType.merge(tax.taxType(),
                new TaxSubtotal(tax.taxType(), tax.taxable(), tax.amount()), Totals::add));
        return List.copyOf(byType.values());
    }

    private static TaxSubtotal add(TaxSubtotal a, TaxSubtotal b) {
        return new TaxSubtotal(a.taxType(), Money.round(a.taxableAmount().add(b.taxableAmount())),
                Money.round(a.taxAmount().add(b.taxAmount())));
    }
}
