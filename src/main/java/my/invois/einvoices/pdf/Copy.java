package my.invois.einvoices.pdf;

import java.util.List;

/** The particulars of a buyer's copy, read from the LHDN document and already written as they are shown. */
record Copy(String title, String number, String issued, String currency, List<String> references,
        Party supplier, Party buyer, List<Line> lines, List<TaxRow> taxes, List<Total> totals) {

    /** A party's block: its name, then identifiers, address and contact lines. */
    record Party(String name, List<String> details) {
    }

    /** One row of the lines table; a cell may hold several lines (two discounts, two tax types). */
    record Line(String number, String description, String classification, String quantity, String unitPrice,
            List<String> adjustments, List<String> tax, String taxAmount, String total) {
    }

    record TaxRow(String taxType, String taxable, String tax) {
    }

    record Total(String label, String amount, boolean emphasised) {
    }
}
