package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * LHDN's validators in order (SDK/document-validation-rules; step names docs/SIMULATOR.md).
 * Structure and duplicates were decided at submit; a document that reached here passed both.
 */
final class Validators {

    static final String NO_ORGANIZATION_IDENTIFIER = "DS307";
    static final String CERTIFICATE_TIN = "DS311";

    private Validators() {
    }

    static List<ValidationStep> steps(JsonNode document, StoredDocument stored, Function<String, Optional<StoredDocument>> lookup) {
        JsonNode invoice = Ubl.invoice(document);
        boolean signed = "1.1".equals(stored.facts().version());
        var steps = new ArrayList<ValidationStep>();
        steps.add(ValidationStep.of(1, "Structure Validator", List.of()));
        steps.add(ValidationStep.of(2, "Core Fields Validator", CoreFieldsValidator.validate(invoice)));
        steps.add(ValidationStep.of(3, "Duplicated Submission Validator", List.of()));
        steps.add(ValidationStep.of(4, "Document Code Validator", CodeValidator.validate(invoice)));
        if (signed) {
            steps.add(ValidationStep.of(5, "Document Signature Validator", SignatureValidator.validate(document)));
        }
        steps.add(ValidationStep.of(6, "Taxpayer Validator", signed ? taxpayer(document, stored) : List.of()));
        steps.add(ValidationStep.of(7, "Referenced Documents Validator", ReferencedDocumentsValidator.validate(invoice, stored, lookup)));
        steps.add(ValidationStep.of(8, "Currency Validator", CurrencyValidator.validate(invoice)));
        return steps;
    }

    /**
     * The certificate's organizationIdentifier is the issuer's TIN, or the intermediary's that
     * submitted it. A development client has no TIN of its own, so any identifier passes for it.
     */
    static List<StepError> taxpayer(JsonNode document, StoredDocument stored) {
        Optional<X509Certificate> certificate = Certificates.embedded(document);
        if (certificate.isEmpty()) {
            return List.of();
        }
        Optional<String> identifier = Certificates.organizationIdentifier(certificate.get());
        String path = "Invoice.UBLExtensions.UBLExtension.ExtensionContent.UBLDocumentSignatures.SignatureInformation"
                + ".Signature.KeyInfo.X509Data.X509Certificate";
        if (identifier.isEmpty()) {
            return List.of(StepError.of(path, NO_ORGANIZATION_IDENTIFIER, "The certificate has no organizationIdentifier (TIN)"));
        }
        Optional<String> clientTin = stored.clientTin();
        boolean issuer = identifier.get().equals(stored.facts().issuerTin());
        if (issuer || clientTin.isEmpty() || clientTin.get().equals(identifier.get())) {
            return List.of();
        }
        return List.of(StepError.of(path, CERTIFICATE_TIN,
                "The certificate's TIN " + identifier.get() + " is neither the issuer's nor the intermediary's"));
    }
}
