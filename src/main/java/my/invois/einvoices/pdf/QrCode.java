package my.invois.einvoices.pdf;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The validation link as a QR code (GL §2.4.4), drawn as vector squares: sharp at any zoom and in print. */
final class QrCode {

    private QrCode() {
    }

    /** Draws the symbol with its lower left corner at (x, bottom), {@code size} points wide; the caller keeps a quiet zone blank around it. */
    static void draw(Sheet sheet, String link, float x, float bottom, float size) {
        BitMatrix modules = encode(link);
        float module = size / modules.getWidth();
        sheet.gray(0);
        for (int row = 0; row < modules.getHeight(); row++) {
            int column = 0;
            while (column < modules.getWidth()) {
                if (!modules.get(column, row)) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < modules.getWidth() && modules.get(column, row)) {
                    column++;
                }
                float top = bottom + size - row * module;
                sheet.fill(x + start * module, top - module, (column - start) * module, module);
            }
        }
    }

    private static BitMatrix encode(String link) {
        try {
            return new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, 0,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the validation link cannot be a QR code", e);
        }
    }
}
