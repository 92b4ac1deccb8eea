package my.invois.einvoices.pdf;

import java.util.List;
import java.util.Locale;

/** Supplier and buyer side by side, then the references (original document, billing period). */
final class PartiesBlock {

    private static final float GAP = 20;
    private static final float COLUMN = (Sheet.RIGHT - Sheet.LEFT - GAP) / 2;
    private static final float LEADING = 10.5f;

    private PartiesBlock() {
    }

    static void draw(Sheet sheet, Copy copy) {
        float top = sheet.y();
        float left = party(sheet, "Supplier", copy.supplier(), Sheet.LEFT, top);
        float right = party(sheet, "Buyer", copy.buyer(), Sheet.LEFT + COLUMN + GAP, top);
        sheet.down(top - Math.min(left, right) + 6);
        for (String reference : copy.references()) {
            for (String line : sheet.wrap(reference, 8, Sheet.RIGHT - Sheet.LEFT)) {
                sheet.text(Sheet.LEFT, sheet.y(), line, 8, false);
                sheet.down(LEADING);
            }
        }
        sheet.down(8);
    }

    /** Draws one party's block and returns the baseline below its last line. */
    private static float party(Sheet sheet, String heading, Copy.Party party, float x, float top) {
        sheet.gray(0.35f);
        sheet.text(x, top, heading.toUpperCase(Locale.ROOT), 7.5f, true);
        sheet.rule(x, x + COLUMN, top - 4, 0.5f);
        sheet.gray(0);
        float y = top - 16;
        for (String line : sheet.wrap(party.name(), 10, COLUMN)) {
            sheet.text(x, y, line, 10, true);
            y -= 13;
        }
        for (String detail : party.details()) {
            List<String> lines = sheet.wrap(detail, 8, COLUMN);
            for (String line : lines) {
                sheet.text(x, y, line, 8, false);
                y -= LEADING;
            }
        }
        return y;
    }
}
