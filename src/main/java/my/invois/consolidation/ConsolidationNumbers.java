package my.invois.consolidation;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/** E4 and E7: a month's consolidated documents are CON202611A, CON202611B, … Z, AA, AB…: never reused. */
final class ConsolidationNumbers {

    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");

    private ConsolidationNumbers() {
    }

    static String series(YearMonth month) {
        return "CON" + month.format(YYYYMM);
    }

    /** The n-th (from 1) number of the month's series, its letters counted as spreadsheet columns are. */
    static String of(YearMonth month, long n) {
        var letters = new StringBuilder();
        for (long rest = n; rest > 0; rest = (rest - 1) / 26) {
            letters.insert(0, (char) ('A' + (rest - 1) % 26));
        }
        return series(month) + letters;
    }
}
