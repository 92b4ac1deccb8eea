package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * LHDN's Referenced Documents validator (reference §1.5): each original a note names by UUID
 * exists, is Valid, was issued by the same taxpayer, has the internal ID the note gives, and is
 * an invoice of the same kind (self-billed notes reference self-billed invoices only).
 */
final class ReferencedDocumentsValidator {

    static final String NOT_FOUND = "RD-NOTFOUND";
    static final String NOT_VALID = "RD-NOTVALID";
    static final String OTHER_ISSUER = "RD-ISSUER";
    static final String INTERNAL_ID = "RD-INTERNALID";
    static final String KIND = "RD-TYPE";
    private static final String PATH = "Invoice.BillingReference.InvoiceDocumentReference.UUID";

    private ReferencedDocumentsValidator() {
    }

    static List<StepError> validate(JsonNode invoice, StoredDocument note, Function<String, Optional<StoredDocument>> lookup) {
        String type = note.facts().typeCode();
        if (type == null || type.endsWith("1")) {
            return List.of();
        }
        var errors = new ArrayList<StepError>();
        for (OriginalReference reference : OriginalReference.of(invoice)) {
            Optional<StoredDocument> original = Optional.ofNullable(reference.uuid()).flatMap(lookup);
            if (original.isEmpty()) {
                errors.add(StepError.of(PATH, NOT_FOUND, "The reference document UUID [" + reference.uuid() + "] does not exist."));
                continue;
            }
            DocumentFacts facts = original.get().facts();
            if (!StoredDocument.VALID.equals(original.get().status())) {
                errors.add(StepError.of(PATH, NOT_VALID, "The reference document [" + reference.uuid() + "] is not Valid."));
            }
            if (facts.issuerTin() == null || !facts.issuerTin().equals(note.facts().issuerTin())) {
                errors.add(StepError.of(PATH, OTHER_ISSUER, "The reference document [" + reference.uuid() + "] has another issuer."));
            }
            if (reference.internalId() == null || !reference.internalId().equals(facts.internalId())) {
                errors.add(StepError.of(PATH.replace("UUID", "ID"), INTERNAL_ID,
                        "The internal ID for DocumentUUID [" + reference.uuid() + "] does not match."));
            }
            if (!(Ubl.selfBilled(type) ? "11" : "01").equals(facts.typeCode())) {
                errors.add(StepError.of(PATH, KIND, "Self-billed notes reference self-billed invoices, other notes normal invoices."));
            }
        }
        return errors;
    }
}
