package my.invois.einvoices.pdf;

import java.util.ArrayList;
import java.util.List;

/** The lines table: it flows over as many pages as it needs and repeats its header row on each. */
final class LinesTable {

    private record Column(String heading, float width, boolean numeric) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("#", 28, false), new Column("Description", 143, false), new Column("Class.", 32, false),
            new Column("Qty", 38, true), new Column("Unit price", 55, true), new Column("Disc./charge", 62, true),
            new Column("Tax", 42, true), new Column("Tax amount", 55, true), new Column("Total excl. tax", 60, true));
    private static final float SIZE = 8;
    private static final float LEADING = 10;
    private static final float PADDING = 3;

    private LinesTable() {
    }

    static void draw(Sheet sheet, List<Copy.Line> lines) {
        header(sheet);
        for (Copy.Line line : lines) {
            List<List<String>> cells = cells(sheet, line);
            int height = cells.stream().mapToInt(List::size).max().orElse(1);
            float rowHeight = height * LEADING + 2 * PADDING;
            if (!sheet.fits(rowHeight)) {
                sheet.newPage();
                header(sheet);
            }
            row(sheet, cells, SIZE, false);
            sheet.down(rowHeight);
            sheet.gray(0.8f);
            sheet.rule(Sheet.LEFT, Sheet.RIGHT, sheet.y() + 1, 0.4f);
        }
        sheet.down(12);
    }

    private static void header(Sheet sheet) {
        float height = LEADING + 2 * PADDING;
        sheet.gray(0.9f);
        sheet.fill(Sheet.LEFT, sheet.y() - height, Sheet.RIGHT - Sheet.LEFT, height);
        var headings = new ArrayList<List<String>>();
        COLUMNS.forEach(column -> headings.add(List.of(column.heading())));
        row(sheet, headings, 7.5f, true);
        sheet.down(height);
    }

    private static List<List<String>> cells(Sheet sheet, Copy.Line line) {
        List<List<String>> values = List.of(List.of(line.number()), List.of(line.description()), List.of(line.classification()),
                List.of(line.quantity()), List.of(line.unitPrice()), line.adjustments(), line.tax(),
                List.of(line.taxAmount()), List.of(line.total()));
        var cells = new ArrayList<List<String>>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            var wrapped = new ArrayList<String>();
            for (String value : values.get(i)) {
                wrapped.addAll(sheet.wrap(value, SIZE, COLUMNS.get(i).width() - 2 * PADDING));
            }
            cells.add(wrapped);
        }
        return cells;
    }

    private static void row(Sheet sheet, List<List<String>> cells, float size, boolean bold) {
        sheet.gray(0);
        float x = Sheet.LEFT;
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column column = COLUMNS.get(i);
            float baseline = sheet.y() - PADDING - size;
            for (String text : cells.get(i)) {
                if (column.numeric()) {
                    sheet.textRight(x + column.width() - PADDING, baseline, text, size, bold);
                } else {
                    sheet.text(x + PADDING, baseline, text, size, bold);
                }
                baseline -= LEADING;
            }
            x += column.width();
        }
    }
}
