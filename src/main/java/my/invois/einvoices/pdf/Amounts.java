package my.invois.einvoices.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import my.invois.einvoices.document.UblJson;

/** How numbers read on the copy: money with two decimals and thousands separators, quantities as LHDN holds them. */
final class Amounts {

    private Amounts() {
    }

    /** 1436.5 → 1,436.50; an amount with more decimals (a unit price) keeps them all. */
    static String money(BigDecimal amount) {
        int scale = Math.max(2, UblJson.minimal(amount).scale());
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setMinimumFractionDigits(scale);
        format.setMaximumFractionDigits(scale);
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(amount.setScale(scale, RoundingMode.UNNECESSARY));
    }

    static String quantity(BigDecimal quantity) {
        return UblJson.minimal(quantity).toPlainString();
    }

    /** 0.15 → 15%, 6 → 6% (LHDN writes Percent as a number of per cent, MultiplierFactorNumeric as a fraction). */
    static String percent(BigDecimal percent) {
        return UblJson.minimal(percent).toPlainString() + "%";
    }
}
