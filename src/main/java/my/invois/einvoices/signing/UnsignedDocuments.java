package my.invois.einvoices.signing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import my.invois.einvoices.document.UblJson;

/** Version 1.0: LHDN takes the document without a signature (E1). */
final class UnsignedDocuments implements DocumentSigning {

    @Override
    public byte[] sign(JsonNode document, Instant signingTime) {
        DocumentSigning.invoice(document, EinvoiceVersion.V1_0);
        return UblJson.write(document);
    }

    @Override
    public EinvoiceVersion version() {
        return EinvoiceVersion.V1_0;
    }
}
