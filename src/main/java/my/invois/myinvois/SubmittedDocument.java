package my.invois.myinvois;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One document of a submission: its {@code codeNumber} (LHDN echoes it as invoiceCodeNumber; the
 * document's cbc:ID) and the exact minified bytes LHDN receives, base64 encoded, with their
 * lowercase hex SHA-256 as {@code documentHash} (reference §2.1). The same bytes give the same
 * entry, which is what a resend after an unknown outcome needs.
 */
public record SubmittedDocument(String codeNumber, byte[] bytes) {

    public SubmittedDocument {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    String documentHash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubmittedDocument document && codeNumber.equals(document.codeNumber)
                && java.util.Arrays.equals(bytes, document.bytes);
    }

    @Override
    public int hashCode() {
        return codeNumber.hashCode();
    }

    @Override
    public String toString() {
        return "SubmittedDocument[codeNumber=" + codeNumber + ", " + bytes.length + " bytes]";
    }
}
