package my.invois.einvoices.document;

import java.math.BigDecimal;

/** Tax as the order charged it on one line, before it is placed on the line's amount. */
public record TaxCharge(String taxType, BigDecimal percent, BigDecimal amount) {
}
