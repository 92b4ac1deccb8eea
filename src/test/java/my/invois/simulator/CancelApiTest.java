package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancelApiTest extends SimulatorTest {

    private static final String CANCEL = "{\"status\":\"cancelled\",\"reason\":\"Customer cancelled the order\"}";

    @Test
    void a_valid_document_is_cancelled_by_its_issuer_within_72_hours() {
        String token = supplierToken();
        String uuid = validInvoice(token);
        clock.advance(Duration.ofHours(71));
        token = supplierToken();
        SimulatorClient.Answer cancelled = client.put(token, path(uuid), CANCEL);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("Cancelled");
        JsonNode details = client.get(token, "/api/v1.0/documents/" + uuid + "/details").json();
        assertThat(details.path("status").asText()).isEqualTo("Cancelled");
        assertThat(details.path("documentStatusReason").asText()).isEqualTo("Customer cancelled the order");
        assertThat(client.put(token, path(uuid), CANCEL).json().path("error").path("code").asText()).isEqualTo("IncorrectState");
    }

    @Test
    void after_72_hours_cancelling_is_400_operation_period_over() {
        String token = supplierToken();
        String uuid = validInvoice(token);
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        token = supplierToken();
        SimulatorClient.Answer refused = client.put(token, path(uuid), CANCEL);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("OperationPeriodOver");
    }

    @Test
    void an_invoice_with_a_valid_note_is_400_active_referencing_documents() {
        String token = supplierToken();
        String uuid = validInvoice(token);
        SimulatorClient.Answer note = client.submit(token, ValidationApiTest.creditNote(uuid));
        client.awaitValidated(token, note.json().path("submissionUid").asText());
        SimulatorClient.Answer refused = client.put(token, path(uuid), CANCEL);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("ActiveReferencingDocuments");
    }

    @Test
    void another_taxpayer_may_not_cancel_and_a_reason_is_required() {
        String token = supplierToken();
        String uuid = validInvoice(token);
        String buyer = client.token(INTERMEDIARY, SECRET, BUYER_TIN);
        assertThat(client.put(buyer, path(uuid), CANCEL).status()).isEqualTo(403);
        assertThat(client.put(token, path(uuid), "{\"status\":\"cancelled\",\"reason\":\"\"}").status()).isEqualTo(400);
        assertThat(client.put(token, path(uuid), "{\"status\":\"cancelled\",\"reason\":\"" + "x".repeat(301) + "\"}").status()).isEqualTo(400);
        assertThat(client.get(token, "/api/v1.0/documents/" + uuid + "/details").json().path("status").asText()).isEqualTo("Valid");
    }

    private static String validInvoice(String token) {
        SimulatorClient.Answer submitted = client.submit(token, Samples.minified("1.0-Invoice-Sample.json"));
        assertThat(client.awaitValidated(token, submitted.json().path("submissionUid").asText()).path("overallStatus").asText()).isEqualTo("Valid");
        return submitted.json().path("acceptedDocuments").path(0).path("uuid").asText();
    }

    private static String path(String uuid) {
        return "/api/v1.0/documents/state/" + uuid + "/state";
    }
}
