package my.invois.einvoices.pdf;

import java.time.ZoneOffset;
import java.util.Optional;

/** The top of the first page: what the document is, and either LHDN's validation (QR, UUID, long ID) or the draft banner. */
final class Heading {

    static final String DRAFT = "Not yet validated by LHDN \u2014 not a valid e-invoice";
    private static final float QR_SIZE = 92;
    /** The QR standard's 4 blank modules around the symbol: a validation link's symbol has about 2 pt modules. */
    private static final float QUIET_ZONE = 14;

    private Heading() {
    }

    static void draw(Sheet sheet, Copy copy, Optional<LhdnIdentity> lhdn) {
        float top = sheet.y();
        sheet.gray(0);
        sheet.text(Sheet.LEFT, top - 18, copy.title(), 18, true);
        sheet.text(Sheet.LEFT, top - 36, "No. " + copy.number(), 10, true);
        sheet.text(Sheet.LEFT, top - 50, "Issued " + copy.issued(), 9, false);
        sheet.text(Sheet.LEFT, top - 63, "Currency " + copy.currency(), 9, false);
        if (lhdn.isPresent()) {
            QrCode.draw(sheet, lhdn.get().validationUrl(), Sheet.RIGHT - QR_SIZE, top - QR_SIZE, QR_SIZE);
            sheet.down(QR_SIZE + QUIET_ZONE);
            validation(sheet, lhdn.get());
        } else {
            sheet.down(76);
            banner(sheet);
        }
    }

    private static void validation(Sheet sheet, LhdnIdentity lhdn) {
        sheet.gray(0.35f);
        sheet.textRight(Sheet.RIGHT, sheet.y(), "Scan to validate with LHDN MyInvois", 7, false);
        sheet.down(16);
        sheet.gray(0);
        sheet.text(Sheet.LEFT, sheet.y(), "Validated by LHDN MyInvois", 10, true);
        sheet.down(13);
        line(sheet, "UUID", lhdn.uuid());
        line(sheet, "Long ID", lhdn.longId());
        line(sheet, "Validated", CopyReader.moment(lhdn.validatedAt().atOffset(ZoneOffset.UTC)));
        String label = "Validation link";
        for (String part : sheet.wrap(lhdn.validationUrl(), 8, Sheet.RIGHT - Sheet.LEFT - 70)) {
            line(sheet, label, part);
            label = "";
        }
        sheet.down(6);
    }

    private static void line(Sheet sheet, String label, String value) {
        sheet.gray(0.35f);
        sheet.text(Sheet.LEFT, sheet.y(), label, 8, false);
        sheet.gray(0);
        sheet.text(Sheet.LEFT + 70, sheet.y(), value, 8, false);
        sheet.down(11);
    }

    private static void banner(Sheet sheet) {
        sheet.gray(0.12f);
        sheet.fill(Sheet.LEFT, sheet.y() - 26, Sheet.RIGHT - Sheet.LEFT, 26);
        sheet.gray(1);
        sheet.text(Sheet.LEFT + 10, sheet.y() - 17, DRAFT, 11, true);
        sheet.gray(0);
        sheet.down(44);
    }
}
