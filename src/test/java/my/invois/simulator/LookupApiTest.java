package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LookupApiTest extends SimulatorTest {

    private static final String WINDOW = "submissionDateFrom=2026-11-01T00:00:00Z&submissionDateTo=2026-11-03T00:00:00Z";

    @Test
    void search_finds_a_document_by_its_internal_id() {
        String token = supplierToken();
        SimulatorClient.Answer submitted = client.submit(token, Samples.minified("1.0-Invoice-Sample.json"));
        String uuid = submitted.json().path("acceptedDocuments").path(0).path("uuid").asText();
        SimulatorClient.Answer found = client.get(token, "/api/v1.0/documents/search?" + WINDOW + "&searchQuery=JSON-INV12345");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("result")).extracting(row -> row.path("uuid").asText()).containsExactly(uuid);
        assertThat(found.json().path("metadata").path("totalCount").asInt()).isEqualTo(1);
        assertThat(client.get(token, "/api/v1.0/documents/search?" + WINDOW + "&searchQuery=OTHER1").json().path("result")).isEmpty();
        String buyer = client.token(INTERMEDIARY, SECRET, BUYER_TIN);
        assertThat(client.get(buyer, "/api/v1.0/documents/search?" + WINDOW + "&invoiceDirection=Sent").json().path("result")).isEmpty();
    }

    @Test
    void search_needs_a_date_window_of_at_most_31_days_and_no_special_characters() {
        String token = supplierToken();
        assertThat(client.get(token, "/api/v1.0/documents/search?searchQuery=INV1").status()).isEqualTo(400);
        assertThat(client.get(token, "/api/v1.0/documents/search?submissionDateFrom=2026-10-01T00:00:00Z&submissionDateTo=2026-11-03T00:00:00Z")
                .status()).isEqualTo(400);
        assertThat(client.get(token, "/api/v1.0/documents/search?" + WINDOW + "&searchQuery=INV%271").status()).isEqualTo(400);
        assertThat(client.get(token, "/api/v1.0/documents/search?" + WINDOW + "&pageSize=101").status()).isEqualTo(400);
    }

    @Test
    void validate_tin_is_200_for_a_registered_taxpayer_404_for_an_unknown_and_400_for_a_bad_request() {
        String token = client.token(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN);
        client.control("/simulator/taxpayers", "{\"tin\":\"C25845632020\",\"idType\":\"BRN\",\"idValue\":\"201901234567\"}");
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/C25845632020?idType=BRN&idValue=201901234567").status()).isEqualTo(200);
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/C25845632020?idType=BRN&idValue=201901234568").status()).isEqualTo(404);
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/C25845632020?idType=XX&idValue=1").status()).isEqualTo(400);
    }

    @Test
    void a_development_client_gets_the_registers_answer_too_and_the_examples_are_always_in_it() {
        String token = client.token("dev-client", DEVELOPMENT_SECRET, "C12345678010");
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/IG12345678090?idType=NRIC&idValue=900101145678").status()).isEqualTo(200);
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/C25845632020?idType=BRN&idValue=201901234567").status()).isEqualTo(200);
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/IG12345678912?idType=NRIC&idValue=900101015555").status())
                .as("well formed, never registered").isEqualTo(404);
        assertThat(client.get(token, "/api/v1.0/taxpayer/validate/IG12345678090?idType=PASSPORT&idValue=900101145678").status())
                .as("the right number as another type").isEqualTo(404);
    }

    @Test
    void a_submission_is_visible_to_its_submitter_only_and_pages_are_bounded() {
        String token = supplierToken();
        String uid = client.submit(token, Samples.minified("1.0-Invoice-Sample.json")).json().path("submissionUid").asText();
        String other = client.token("dev-client", DEVELOPMENT_SECRET, Samples.SUPPLIER_TIN);
        assertThat(client.get(other, "/api/v1.0/documentsubmissions/" + uid).status()).isEqualTo(404);
        assertThat(client.get(token, "/api/v1.0/documentsubmissions/" + uid + "?pageSize=101").status()).isEqualTo(400);
        assertThat(client.get(token, "/api/v1.0/documentsubmissions/" + uid + "?pageNo=2&pageSize=1").json().path("documentSummary")).isEmpty();
    }

    @Test
    void login_refuses_wrong_secrets_and_taxpayers_the_client_may_not_act_for() {
        assertThat(client.login(INTERMEDIARY, "wrong", Samples.SUPPLIER_TIN).json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(client.login(INTERMEDIARY, SECRET, "C99999999990").json().path("error").asText()).isEqualTo("invalid_grant");
        SimulatorClient.Answer withRob = client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN + ":201901234567");
        assertThat(withRob.status()).isEqualTo(200);
        assertThat(withRob.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(withRob.json().path("expires_in").asInt()).isEqualTo(3600);
    }
}
