package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationApiTest extends SimulatorTest {

    @Test
    void a_sample_with_one_byte_changed_in_a_signed_field_is_invalid_with_ds322() {
        String text = Samples.text("1.1-Invoice-Sample.json").replace("\"JSON-INV12345\"", "\"JSON-INV12346\"");
        JsonNode details = invalidDetails(supplierToken(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(step(details, "Step05-Document Signature Validator").path("status").asText()).isEqualTo("Invalid");
        assertThat(innerCodes(details)).containsExactly(SignatureValidator.DOCUMENT_DIGEST);
        JsonNode inner = step(details, "Step05-Document Signature Validator").path("error").path("innerError").path(0);
        assertThat(inner.path("errorMS").asText()).isEqualTo(inner.path("errorMs").asText()).isNotEmpty();
    }

    @Test
    void a_sample_with_a_broken_props_digest_is_invalid_with_ds320() {
        JsonNode document = Samples.tree("1.1-Invoice-Sample.json");
        for (JsonNode reference : Ubl.all(Ubl.first(Certificates.signature(document), "SignedInfo"), "Reference")) {
            if (reference.path("URI").asText().equals(SignatureValidator.PROPS_URI)) {
                ((ObjectNode) Ubl.first(reference, "DigestValue")).put("_", "Rzuzz+70GSnGBF1YxhHnjSzFpQ1MW4vyX/Q9bTHkE2d=");
            }
        }
        assertThat(innerCodes(invalidDetails(supplierToken(), Ubl.minified(document)))).containsExactly(SignatureValidator.PROPS_DIGEST);
    }

    @Test
    void a_certificate_naming_neither_the_issuer_nor_the_intermediary_is_ds311() {
        client.control("/simulator/clients", "{\"clientId\":\"supplier-own\",\"clientSecret\":\"own-secret\",\"tin\":\"Supplier's TIN\"}");
        String ownToken = client.token("supplier-own", "own-secret", null);
        assertThat(innerCodes(invalidDetails(ownToken, Samples.minified("1.1-Invoice-Sample.json")))).containsExactly(Validators.CERTIFICATE_TIN);
    }

    @Test
    void an_unknown_code_is_invalid_in_the_code_validator() {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ((ObjectNode) Ubl.first(Ubl.invoice(document), "DocumentCurrencyCode")).put("_", "XYZ");
        JsonNode details = invalidDetails(supplierToken(), Ubl.minified(document));
        assertThat(step(details, "Step04-Document Code Validator").path("status").asText()).isEqualTo("Invalid");
        assertThat(innerCodes(details)).contains(CodeValidator.UNKNOWN_CODE);
    }

    @Test
    void a_missing_mandatory_field_is_invalid_in_the_core_fields_validator() {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ((ObjectNode) Ubl.invoice(document)).remove("LegalMonetaryTotal");
        JsonNode details = invalidDetails(supplierToken(), Ubl.minified(document));
        assertThat(step(details, "Step02-Core Fields Validator").path("error").path("innerError"))
                .extracting(error -> error.path("propertyPath").asText())
                .contains("Invoice.LegalMonetaryTotal.PayableAmount");
    }

    @Test
    void a_note_referencing_a_valid_invoice_of_its_issuer_is_valid_and_an_unknown_one_invalid() {
        String token = supplierToken();
        SimulatorClient.Answer invoice = client.submit(token, Samples.minified("1.0-Invoice-Sample.json"));
        String invoiceUuid = invoice.json().path("acceptedDocuments").path(0).path("uuid").asText();
        assertThat(client.awaitValidated(token, invoice.json().path("submissionUid").asText()).path("overallStatus").asText()).isEqualTo("Valid");

        SimulatorClient.Answer note = client.submit(token, creditNote(invoiceUuid), creditNote("ABCDEFGHJKMNPQRSTVWXYZ0123"));
        JsonNode submission = client.awaitValidated(token, note.json().path("submissionUid").asText());
        assertThat(submission.path("overallStatus").asText()).isEqualTo("Partially Valid");
        assertThat(submission.path("documentSummary")).extracting(summary -> summary.path("status").asText()).containsExactly("Valid", "Invalid");
        String unknown = note.json().path("acceptedDocuments").path(1).path("uuid").asText();
        JsonNode details = client.get(token, "/api/v1.0/documents/" + unknown + "/details").json();
        assertThat(innerCodes(details)).containsExactly(ReferencedDocumentsValidator.NOT_FOUND);
    }

    @Test
    void a_note_referencing_an_invalid_invoice_is_invalid() {
        String token = supplierToken();
        JsonNode broken = Samples.tree("1.0-Invoice-Sample.json");
        ((ObjectNode) Ubl.first(Ubl.invoice(broken), "DocumentCurrencyCode")).put("_", "XYZ");
        SimulatorClient.Answer invoice = client.submit(token, Ubl.minified(broken));
        client.awaitValidated(token, invoice.json().path("submissionUid").asText());
        SimulatorClient.Answer note = client.submit(token, creditNote(invoice.json().path("acceptedDocuments").path(0).path("uuid").asText()));
        client.awaitValidated(token, note.json().path("submissionUid").asText());
        JsonNode details = client.get(token, "/api/v1.0/documents/" + note.json().path("acceptedDocuments").path(0).path("uuid").asText() + "/details").json();
        assertThat(innerCodes(details)).containsExactly(ReferencedDocumentsValidator.NOT_VALID);
    }

    /** LHDN's v1.0 credit note sample (unsigned), referencing the given original. */
    static byte[] creditNote(String originalUuid) {
        JsonNode note = Samples.tree("1.0-Credit-Note-Sample.json");
        JsonNode reference = Ubl.first(Ubl.invoice(note), "BillingReference", "InvoiceDocumentReference");
        ((ObjectNode) Ubl.first(reference, "UUID")).put("_", originalUuid);
        return Ubl.minified(note);
    }

    private static JsonNode invalidDetails(String token, byte[] document) {
        SimulatorClient.Answer submitted = client.submit(token, document);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        JsonNode submission = client.awaitValidated(token, submitted.json().path("submissionUid").asText());
        assertThat(submission.path("overallStatus").asText()).isEqualTo("Invalid");
        assertThat(submission.path("documentSummary").path(0).path("longId").asText()).isEmpty();
        String uuid = submitted.json().path("acceptedDocuments").path(0).path("uuid").asText();
        JsonNode details = client.get(token, "/api/v1.0/documents/" + uuid + "/details").json();
        assertThat(details.path("validationResults").path("status").asText()).isEqualTo("Invalid");
        return details;
    }

    private static JsonNode step(JsonNode details, String name) {
        for (JsonNode step : details.path("validationResults").path("validationSteps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + details);
    }

    private static List<String> innerCodes(JsonNode details) {
        var codes = new ArrayList<String>();
        for (JsonNode step : details.path("validationResults").path("validationSteps")) {
            step.path("error").path("innerError").forEach(error -> codes.add(error.path("errorCode").asText()));
        }
        return codes;
    }
}
