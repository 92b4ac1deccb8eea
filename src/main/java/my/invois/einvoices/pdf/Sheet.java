package my.invois.einvoices.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/** A4 pages written top to bottom: a cursor that moves down, a new page when the next block does not fit. */
final class Sheet implements AutoCloseable {

    static final float LEFT = 40;
    static final float RIGHT = PDRectangle.A4.getWidth() - 40;
    static final float TOP = PDRectangle.A4.getHeight() - 40;
    static final float BOTTOM = 60;

    final Fonts fonts;
    private final PDDocument pdf = new PDDocument();
    private PDPageContentStream out;
    private float y;

    /** The document id (its trailer /ID) comes from the content, never from the clock, so the bytes are reproducible. */
    Sheet(long documentId, String title) {
        pdf.setDocumentId(documentId);
        pdf.getDocumentInformation().setTitle(title);
        fonts = Fonts.embed(pdf);
        newPage();
    }

    float y() {
        return y;
    }

    void down(float by) {
        y -= by;
    }

    boolean fits(float height) {
        return y - height >= BOTTOM;
    }

    void newPage() {
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        out = io(() -> {
            if (out != null) {
                out.close();
            }
            return new PDPageContentStream(pdf, page);
        });
        y = TOP;
    }

    /** Draws one line of text with its baseline at {@code baseline}; bold is the font filled and stroked. */
    void text(float x, float baseline, String text, float size, boolean bold) {
        String printable = fonts.printable(text);
        run(() -> {
            out.beginText();
            out.setFont(fonts.font, size);
            out.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            out.setLineWidth(size * 0.03f);
            out.newLineAtOffset(x, baseline);
            out.showText(printable);
            out.endText();
        });
    }

    void textRight(float right, float baseline, String text, float size, boolean bold) {
        text(right - width(text, size), baseline, text, size, bold);
    }

    float width(String text, float size) {
        return fonts.width(fonts.printable(text), size);
    }

    void gray(float level) {
        run(() -> {
            out.setNonStrokingColor(level);
            out.setStrokingColor(level);
        });
    }

    void fill(float x, float bottom, float width, float height) {
        run(() -> {
            out.addRect(x, bottom, width, height);
            out.fill();
        });
    }

    void rule(float from, float to, float at, float thickness) {
        fill(from, at, to - from, thickness);
    }

    /** Words that fit {@code width}, line by line; a word longer than a line is cut where it must be. */
    List<String> wrap(String text, float size, float width) {
        var lines = new ArrayList<String>();
        var line = new StringBuilder();
        for (String word : fonts.printable(text).strip().split(" +")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fonts.width(candidate, size) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            line.setLength(0);
            line.append(cut(word, size, width, lines));
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private String cut(String word, float size, float width, List<String> lines) {
        String rest = word;
        while (rest.length() > 1 && fonts.width(rest, size) > width) {
            int end = rest.length() - 1;
            while (end > 1 && fonts.width(rest.substring(0, end), size) > width) {
                end--;
            }
            lines.add(rest.substring(0, end));
            rest = rest.substring(end);
        }
        return rest;
    }

    /** Writes every page's footer (it needs the page count) and returns the PDF's bytes. */
    byte[] save(Footer footer) {
        return io(() -> {
            out.close();
            int count = pdf.getNumberOfPages();
            for (int i = 0; i < count; i++) {
                try (var page = new PDPageContentStream(pdf, pdf.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                    out = page;
                    footer.draw(this, i + 1, count);
                }
            }
            var bytes = new ByteArrayOutputStream();
            pdf.save(bytes);
            return bytes.toByteArray();
        });
    }

    @Override
    public void close() {
        run(pdf::close);
        fonts.close();
    }

    interface Footer {
        void draw(Sheet sheet, int page, int pages);
    }

    private interface Step {
        void run() throws IOException;
    }

    private interface Result<T> {
        T get() throws IOException;
    }

    private static void run(Step step) {
        io(() -> {
            step.run();
            return null;
        });
    }

    private static <T> T io(Result<T> result) {
        try {
            return result.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
