package my.invois.einvoices.pdf;

import java.util.List;

/** Below the lines: the tax summary per tax type on the left, the totals down to the payable amount on the right. */
final class Summary {

    private static final float LEADING = 13;
    private static final float TOTALS_LEFT = Sheet.RIGHT - 220;

    private Summary() {
    }

    static void draw(Sheet sheet, Copy copy) {
        float height = (Math.max(copy.taxes().size() + 1, copy.totals().size()) + 1) * LEADING;
        if (!sheet.fits(height)) {
            sheet.newPage();
        }
        float top = sheet.y();
        taxes(sheet, copy.taxes(), top);
        totals(sheet, copy, top);
        sheet.down(height);
    }

    private static void taxes(Sheet sheet, List<Copy.TaxRow> rows, float top) {
        float x = Sheet.LEFT;
        float y = top - 8;
        sheet.gray(0.35f);
        sheet.text(x, y, "TAX SUMMARY", 7.5f, true);
        sheet.text(x + 130, y, "Taxable", 7.5f, true);
        sheet.textRight(x + 250, y, "Tax", 7.5f, true);
        sheet.gray(0);
        for (Copy.TaxRow row : rows) {
            y -= LEADING;
            String type = sheet.wrap(row.taxType(), 8, 125).get(0);
            sheet.text(x, y, type, 8, false);
            sheet.textRight(x + 190, y, row.taxable(), 8, false);
            sheet.textRight(x + 250, y, row.tax(), 8, false);
        }
    }

    private static void totals(Sheet sheet, Copy copy, float top) {
        float y = top - 8;
        for (Copy.Total total : copy.totals()) {
            float size = total.emphasised() ? 10 : 8.5f;
            if (total.emphasised()) {
                sheet.gray(0);
                sheet.rule(TOTALS_LEFT, Sheet.RIGHT, y + LEADING - 4, 0.8f);
                y -= 3;
            }
            String label = total.emphasised() ? total.label() + " (" + copy.currency() + ")" : total.label();
            sheet.text(TOTALS_LEFT, y, sheet.wrap(label, size, 140).get(0), size, total.emphasised());
            sheet.textRight(Sheet.RIGHT, y, total.amount(), size, total.emphasised());
            y -= LEADING;
        }
    }
}
