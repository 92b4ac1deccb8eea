package my.invois.einvoices.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Turns a document tree into the bytes LHDN receives: signed for version 1.1, as it is for 1.0.
 * The tree is the whole root ({@code _D}, {@code _A}, {@code _B}, {@code Invoice}) with
 * InvoiceTypeCode@listVersionID set to {@link #version()}, and is never changed.
 */
public interface DocumentSigning {

    byte[] sign(JsonNode document, Instant signingTime);

    EinvoiceVersion version();

    static DocumentSigning unsigned() {
        return new UnsignedDocuments();
    }

    /** The document's one Invoice object; a mismatch is our builder's bug, not a merchant's. */
    static ObjectNode invoice(JsonNode document, EinvoiceVersion version) {
        JsonNode invoices = document.path("Invoice");
        if (!invoices.isArray() || invoices.size() != 1 || !invoices.get(0).isObject()) {
            throw new IllegalArgumentException("a document holds exactly one Invoice object");
        }
        ObjectNode invoice = (ObjectNode) invoices.get(0);
        String listVersionID = invoice.path("InvoiceTypeCode").path(0).path("listVersionID").asText();
        if (!listVersionID.equals(version.listVersionID())) {
            throw new IllegalArgumentException("InvoiceTypeCode@listVersionID is '" + listVersionID
                    + "', not " + version.listVersionID() + ": it is part of the signed bytes");
        }
        if (invoice.has("UBLExtensions") || invoice.has("Signature")) {
            throw new IllegalArgumentException("the document is already signed");
        }
        return invoice;
    }
}
