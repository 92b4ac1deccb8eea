package my.invois.einvoices.document;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** SDK mathematical mappings: every amount at 2 decimals, half-up; the only place that rounds money. */
public final class Money {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(SCALE, ROUNDING);
    }

    public static BigDecimal sum(Iterable<BigDecimal> amounts) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal amount : amounts) {
            total = total.add(amount);
        }
        return round(total);
    }
}
