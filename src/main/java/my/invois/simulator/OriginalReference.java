package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The originals a note references: BillingReference[].InvoiceDocumentReference (reference §1.5). */
record OriginalReference(String internalId, String uuid) {

    static List<OriginalReference> of(JsonNode invoice) {
        var result = new ArrayList<OriginalReference>();
        for (JsonNode billing : Ubl.all(invoice, "BillingReference")) {
            for (JsonNode reference : Ubl.all(billing, "InvoiceDocumentReference")) {
                result.add(new OriginalReference(Ubl.text(reference, "ID").orElse(null), Ubl.text(reference, "UUID").orElse(null)));
            }
        }
        return result;
    }
}
