package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitApiTest extends SimulatorTest {

    @Test
    void an_official_v11_sample_submitted_for_its_supplier_ends_valid_with_a_working_validation_link() {
        String token = supplierToken();
        byte[] sample = Samples.minified("1.1-Invoice-Sample.json");
        SimulatorClient.Answer submitted = client.submit(token, sample);
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.json().path("rejectedDocuments")).isEmpty();
        String uid = submitted.json().path("submissionUid").asText();
        assertThat(uid).hasSize(26).isEqualTo(submitted.json().path("submissionUID").asText());
        JsonNode accepted = submitted.json().path("acceptedDocuments").path(0);
        assertThat(accepted.path("invoiceCodeNumber").asText()).isEqualTo("DOC0");

        JsonNode submission = client.awaitValidated(token, uid);
        assertThat(submission.path("overallStatus").asText()).isEqualTo("Valid");
        JsonNode summary = submission.path("documentSummary").path(0);
        assertThat(summary.path("uuid").asText()).isEqualTo(accepted.path("uuid").asText());
        assertThat(summary.path("status").asText()).isEqualTo("Valid");
        assertThat(summary.path("internalId").asText()).isEqualTo("JSON-INV12345");
        assertThat(summary.path("issuerTin").asText()).isEqualTo(Samples.SUPPLIER_TIN);
        assertThat(summary.path("typeName").asText()).isEqualTo("Invoice");
        assertThat(summary.path("totalPayableAmount").decimalValue()).isEqualByComparingTo("1436.50");
        assertThat(summary.path("longId").asText()).hasSize(40);

        SimulatorClient.Answer portal = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                simulator.baseUrl() + "/" + summary.path("uuid").asText() + "/share/" + summary.path("longId").asText())));
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.text()).contains("<strong id=\"status\">Valid</strong>");

        SimulatorClient.Answer raw = client.get(token, "/api/v1.0/documents/" + summary.path("uuid").asText() + "/raw");
        assertThat(raw.json().path("document").asText().getBytes(StandardCharsets.UTF_8)).isEqualTo(sample);
    }

    @Test
    void a_document_in_an_object_where_an_array_belongs_is_rejected_with_object_expected() {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ((ObjectNode) Ubl.invoice(document)).set("BillingReference", Ubl.MAPPER.createArrayNode().add("not an object"));
        SimulatorClient.Answer submitted = client.submit(supplierToken(), Ubl.minified(document));
        assertThat(submitted.status()).isEqualTo(202);
        assertThat(submitted.json().path("acceptedDocuments")).isEmpty();
        assertThat(submitted.json().path("submissionUid").isNull()).isTrue();
        JsonNode error = submitted.json().path("rejectedDocuments").path(0).path("error");
        assertThat(error.path("details").path(0).path("code").asText()).isEqualTo("ObjectExpected");
        assertThat(error.path("details").path(0).path("propertyPath").asText()).isEqualTo("#/Invoice[0].BillingReference[0]");
    }

    @Test
    void a_wrong_document_hash_rejects_that_document_only() {
        byte[] good = Samples.minified("1.0-Invoice-Sample.json");
        String bad = SimulatorClient.entry(good, "BAD").replace(Hashes.hex(good), Hashes.hex(good).toUpperCase());
        String body = SimulatorClient.submission(List.of(SimulatorClient.entry(Samples.minified("1.0-Debit-Note-Sample.json"), "GOOD"), bad));
        SimulatorClient.Answer submitted = client.post(supplierToken(), "/api/v1.0/documentsubmissions", body);
        assertThat(submitted.json().path("acceptedDocuments")).hasSize(1);
        assertThat(submitted.json().path("rejectedDocuments").path(0).path("invoiceCodeNumber").asText()).isEqualTo("BAD");
    }

    @Test
    void a_document_issued_by_another_taxpayer_is_403_incorrect_submitter() {
        String buyerToken = client.token(INTERMEDIARY, SECRET, BUYER_TIN);
        SimulatorClient.Answer submitted = client.submit(buyerToken, Samples.minified("1.0-Invoice-Sample.json"));
        assertThat(submitted.status()).isEqualTo(403);
        assertThat(submitted.json().path("error").path("code").asText()).isEqualTo("IncorrectSubmitter");
        assertThat(TestDatabaseRows.documents()).isZero();
    }

    @Test
    void a_hundred_and_one_documents_are_400_maximum_size_exceeded() {
        List<String> entries = Collections.nCopies(101, SimulatorClient.entry(Samples.minified("1.0-Invoice-Sample.json"), "INV"));
        SimulatorClient.Answer submitted = client.post(supplierToken(), "/api/v1.0/documentsubmissions", SimulatorClient.submission(entries));
        assertThat(submitted.status()).isEqualTo(400);
        assertThat(submitted.json().path("error").path("code").asText()).isEqualTo("MaximumSizeExceeded");
        assertThat(TestDatabaseRows.documents()).isZero();
    }

    @Test
    void a_document_of_301_kb_is_400_and_one_of_300_kb_is_accepted() {
        String token = supplierToken();
        assertThat(client.submit(token, padded(301 * 1024)).json().path("error").path("code").asText()).isEqualTo("MaximumSizeExceeded");
        SimulatorClient.Answer exact = client.submit(token, padded(300 * 1024));
        assertThat(exact.status()).isEqualTo(202);
        assertThat(exact.json().path("acceptedDocuments")).hasSize(1);
    }

    @Test
    void a_submission_over_5_mb_is_400_maximum_size_exceeded() {
        List<String> entries = java.util.stream.IntStream.range(0, 18)
                .mapToObj(i -> SimulatorClient.entry(padded(299 * 1024 + i), "INV" + i)).toList();
        String body = SimulatorClient.submission(entries);
        assertThat(body.length()).isGreaterThan(5 * 1024 * 1024);
        SimulatorClient.Answer submitted = client.post(supplierToken(), "/api/v1.0/documentsubmissions", body);
        assertThat(submitted.status()).isEqualTo(400);
        assertThat(submitted.json().path("error").path("code").asText()).isEqualTo("MaximumSizeExceeded");
    }

    @Test
    void the_same_documents_again_within_10_minutes_are_422_with_retry_after_and_accepted_after() {
        String token = supplierToken();
        byte[] sample = Samples.minified("1.0-Invoice-Sample.json");
        assertThat(client.submit(token, sample).status()).isEqualTo(202);
        clock.advance(Duration.ofMinutes(4));
        SimulatorClient.Answer again = client.submit(token, sample);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().path("error").path("code").asText()).isEqualTo("DuplicateSubmission");
        assertThat(again.header("Retry-After")).isEqualTo("360");
        clock.advance(Duration.ofMinutes(6).plusSeconds(1));
        assertThat(client.submit(token, sample).status()).isEqualTo(202);
    }

    @Test
    void malformed_submissions_are_400_bad_structure() {
        String token = supplierToken();
        for (String body : List.of("not json", "{}", "{\"documents\":[]}", "{\"documents\":[{\"format\":\"XML\"}]}")) {
            SimulatorClient.Answer answer = client.post(token, "/api/v1.0/documentsubmissions", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").path("code").asText()).as(body).isEqualTo("BadStructure");
        }
    }

    @Test
    void every_api_call_needs_a_live_bearer_token() {
        assertThat(client.submit(null, Samples.minified("1.0-Invoice-Sample.json")).status()).isEqualTo(401);
        assertThat(client.get("not-a-token", "/api/v1.0/documentsubmissions/X").status()).isEqualTo(401);
        String token = supplierToken();
        clock.advance(Duration.ofMinutes(61));
        assertThat(client.get(token, "/api/v1.0/documentsubmissions/X").status()).isEqualTo(401);
    }

    /** A valid v1.0 document whose description is padded to {@code size} bytes. */
    static byte[] padded(int size) {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ObjectNode description = (ObjectNode) Ubl.first(Ubl.invoice(document), "InvoiceLine", "Item", "Description");
        int base = Ubl.minified(document).length;
        description.put("_", description.path("_").asText() + "x".repeat(size - base));
        byte[] bytes = Ubl.minified(document);
        assertThat(bytes).hasSize(size);
        return bytes;
    }
}
