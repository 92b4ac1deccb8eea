package my.invois.einvoices.pdf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The visual copy a buyer receives (E8, GL §2.4.4): an A4 PDF read from the LHDN document itself,
 * with the validation link as a QR code once LHDN has validated it. Pure: the same document and
 * identity always give the same bytes.
 */
public final class BuyerCopy {

    private BuyerCopy() {
    }

    /**
     * @param document the UBL JSON document as stored and submitted
     * @param lhdn     LHDN's identity of the document once Valid; empty for a draft, which is marked as not an e-invoice
     * @throws IllegalArgumentException when {@code document} is not an LHDN JSON document
     */
    public static byte[] render(byte[] document, Optional<LhdnIdentity> lhdn) {
        Copy copy = CopyReader.read(document);
        try (Sheet sheet = new Sheet(documentId(document, lhdn), copy.title() + " " + copy.number())) {
            Heading.draw(sheet, copy, lhdn);
            PartiesBlock.draw(sheet, copy);
            LinesTable.draw(sheet, copy.lines());
            Summary.draw(sheet, copy);
            return sheet.save((page, number, pages) -> footer(page, copy, lhdn, number, pages));
        }
    }

    private static void footer(Sheet sheet, Copy copy, Optional<LhdnIdentity> lhdn, int page, int pages) {
        float baseline = Sheet.BOTTOM - 28;
        sheet.gray(0.7f);
        sheet.rule(Sheet.LEFT, Sheet.RIGHT, baseline + 12, 0.5f);
        sheet.gray(0.3f);
        String left = lhdn.map(identity -> "LHDN UUID " + identity.uuid()).orElse(Heading.DRAFT);
        sheet.text(Sheet.LEFT, baseline, left, 7.5f, lhdn.isEmpty());
        sheet.textRight(Sheet.RIGHT, baseline, copy.title() + " " + copy.number() + "  \u00B7  Page " + page + " of " + pages,
                7.5f, false);
    }

    private static long documentId(byte[] document, Optional<LhdnIdentity> lhdn) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(document);
            lhdn.ifPresent(identity -> digest.update(identity.toString().getBytes(StandardCharsets.UTF_8)));
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
