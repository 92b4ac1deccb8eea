package my.invois.einvoices.document;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order, or the part of it a note returns, in our words: the lines to invoice and what the buyer
 * paid (or got back). {@link Totals#of} of the lines equals {@code payable}; the mapping that makes a
 * sale refuses an order for which it would not.
 */
public record Sale(String orderId, String orderName, long orderNumber, String currency, List<SaleLine> lines,
        BigDecimal payable) {

    public Sale {
        lines = List.copyOf(lines);
    }

    public Totals totals() {
        return Totals.of(lines);
    }
}
