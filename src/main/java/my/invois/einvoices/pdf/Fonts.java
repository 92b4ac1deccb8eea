package my.invois.einvoices.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one embedded font: Liberation Sans (SIL OFL), which PDFBox ships inside its own jar, so the
 * copy needs no system fonts. It covers Latin with accents (Malay, é, ñ), Greek and Cyrillic, not
 * Chinese or Tamil: no well-kept font artifact for those is on Maven Central, so a character the
 * font lacks is drawn as a visible placeholder (docs/EINVOICING.md, "Buyer's copy (PDF)").
 */
final class Fonts implements AutoCloseable {

    private static final String LIBERATION_SANS = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    final PDType0Font font;
    private final TrueTypeFont truetype;
    private final String placeholder;

    private Fonts(PDType0Font font, TrueTypeFont truetype) throws IOException {
        this.font = font;
        this.truetype = truetype;
        this.placeholder = covers('\u25A1') ? "\u25A1" : "?";
    }

    static Fonts embed(PDDocument pdf) {
        try (InputStream in = Fonts.class.getResourceAsStream(LIBERATION_SANS)) {
            if (in == null) {
                throw new IllegalStateException("PDFBox no longer ships " + LIBERATION_SANS);
            }
            TrueTypeFont truetype = new TTFParser().parse(new RandomAccessReadBuffer(in));
            return new Fonts(PDType0Font.load(pdf, truetype, true), truetype);
        } catch (IOException e) {
            throw new UncheckedIOException("could not embed " + LIBERATION_SANS, e);
        }
    }

    /** The text with line breaks and tabs as spaces and every character the font lacks as the placeholder. */
    String printable(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                out.append(' ');
            } else {
                out.append(coversQuietly(c) ? Character.toString(c) : placeholder);
            }
        });
        return out.toString();
    }

    float width(String printable, float size) {
        try {
            return font.getStringWidth(printable) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean coversQuietly(int codePoint) {
        try {
            return covers(codePoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean covers(int codePoint) throws IOException {
        return truetype.getUnicodeCmapLookup().getGlyphId(codePoint) > 0;
    }

    @Override
    public void close() {
        try {
            truetype.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
