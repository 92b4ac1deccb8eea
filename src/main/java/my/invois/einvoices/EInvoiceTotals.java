package my.invois.einvoices;

import java.math.BigDecimal;
import my.invois.einvoices.document.Totals;

/** E8 totals: TaxExclusiveAmount, TaxAmount, TaxInclusiveAmount and PayableAmount of the document. */
public record EInvoiceTotals(BigDecimal excludingTax, BigDecimal tax, BigDecimal includingTax, BigDecimal payable) {

    public static EInvoiceTotals of(Totals totals) {
        return new EInvoiceTotals(totals.taxExclusiveAmount(), totals.taxAmount(), totals.taxInclusiveAmount(),
                totals.payableAmount());
    }
}
