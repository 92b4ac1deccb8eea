package my.invois.einvoices.document;

import java.math.BigDecimal;

/** One tax type charged on a line: LHDN tax type, rate in percent, the amount it is charged on and the tax. */
public record LineTax(String taxType, BigDecimal percent, BigDecimal taxable, BigDecimal amount) {

    static LineTax none(BigDecimal taxable) {
        return new LineTax(Supplier.NOT_APPLICABLE, BigDecimal.ZERO, taxable, BigDecimal.ZERO.setScale(Money.SCALE));
    }
}
