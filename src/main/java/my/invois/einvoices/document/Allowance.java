package my.invois.einvoices.document;

import java.math.BigDecimal;

/** A line discount (positive amount) or, with a negative amount, a line charge. */
public record Allowance(String reason, BigDecimal amount) {

    public boolean isCharge() {
        return amount.signum() < 0;
    }
}
