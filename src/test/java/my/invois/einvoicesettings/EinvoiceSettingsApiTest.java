package my.invois.einvoicesettings;

import static my.invois.testing.Merchants.ADDRESS;
import static my.invois.testing.Merchants.completeSettings;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

class EinvoiceSettingsApiTest extends ApiTest {

    private String organization() {
        return anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
    }

    static String path(String organizationId) {
        return Api.PREFIX + "/organizations/" + organizationId + "/einvoice-settings";
    }

    private Response put(String organizationId, Object body) {
        return api.put(path(organizationId), body);
    }

    private Response putBad(String organizationId, Object body) {
        return api.deliberatelyBad().put(path(organizationId), body);
    }

    @Test
    void before_the_first_put_the_settings_are_lhdns_defaults_and_incomplete() {
        String id = organization();

        JsonNode settings = api.get(path(id)).json();

        assertThat(settings.get("registrationName").asText()).isEqualTo("Kedai Batik Sdn Bhd");
        assertThat(settings.get("sstNumber").asText()).isEqualTo("NA");
        assertThat(settings.get("tourismTaxNumber").asText()).isEqualTo("NA");
        assertThat(settings.get("defaultClassification").asText()).isEqualTo("022");
        assertThat(settings.get("taxType").asText()).isEqualTo("06");
        assertThat(settings.get("taxTypesByRate").toString()).isEqualTo("{\"5\":\"01\",\"6\":\"02\",\"8\":\"02\",\"10\":\"01\"}");
        assertThat(settings.get("lhdnClient").asText()).isEqualTo("intermediary");
        assertThat(settings.get("enabled").asBoolean()).isFalse();
        assertThat(settings.get("complete").asBoolean()).isFalse();
        assertThat(settings.get("missing").toString())
                .isEqualTo("[\"tin\",\"registrationType\",\"registrationNumber\",\"msicCode\",\"businessActivity\",\"address\",\"phone\"]");
        assertThat(settings.get("clientSecret").isNull()).isTrue();
    }

    @Test
    void one_put_may_complete_the_settings_and_enable_them() {
        String id = organization();
        var body = completeSettings();
        body.put("enabled", true);

        Response response = put(id, body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode settings = response.json();
        assertThat(settings.get("complete").asBoolean()).isTrue();
        assertThat(settings.get("missing").isEmpty()).isTrue();
        assertThat(settings.get("enabled").asBoolean()).isTrue();
        assertThat(settings.get("tin").asText()).isEqualTo("C25845632020");
        assertThat(settings.get("phone").asText()).isEqualTo("+60123456789");
        assertThat(settings.get("businessActivity").asText()).as("the MSIC description by default")
                .isEqualTo("Retail sale of any kind of product over the Internet");
        assertThat(api.get(path(id)).json()).isEqualTo(settings);
    }

    @Test
    void enabling_incomplete_settings_is_400_naming_what_is_missing_and_changes_nothing() {
        String id = organization();
        put(id, Map.of("tin", "IG12345678901"));
        JsonNode before = api.get(path(id)).json();

        Response response = put(id, Map.of("enabled", true, "phone", "+60 3-2141 1234"));

        assertThat(response.status()).isEqualTo(400);
        JsonNode details = response.json().get("details");
        assertThat(details.get("enabled").get(0).asText())
                .contains("registrationType", "registrationNumber", "msicCode", "businessActivity", "address")
                .doesNotContain("tin,", "phone");
        assertThat(details.has("address")).isTrue();
        assertThat(api.get(path(id)).json()).isEqualTo(before);
    }

    @Test
    void clearing_a_required_field_of_enabled_settings_is_400() {
        String id = organization();
        var body = completeSettings();
        body.put("enabled", true);
        put(id, body);
        var clear = new HashMap<String, Object>();
        clear.put("phone", null);

        Response response = put(id, clear);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").get("phone").get(0).asText()).contains("enabled");
    }

    @Test
    void every_failing_field_is_reported_in_one_400() {
        String id = organization();
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", "X123");
        body.put("registrationType", "SSM");
        body.put("registrationNumber", "12/34");
        body.put("sstNumber", "W10-1808-3200012");
        body.put("tourismTaxNumber", "TTX_1");
        body.put("msicCode", "99999");
        body.put("businessActivity", "x".repeat(301));
        body.put("address", Map.of("lines", List.of(), "city", "", "postcode", "5510", "state", "99", "country", "XXX"));
        body.put("phone", "12");
        body.put("email", "not-an-email");
        body.put("defaultClassification", "999");
        body.put("taxType", "03");
        body.put("taxTypesByRate", Map.of("0", "01", "6", "99"));
        body.put("lhdnClient", "mine");
        body.put("clientId", "has spaces");
        body.put("clientSecret", "");
        body.put("signingKeystore", "not base64!");
        body.put("signingKeystorePassword", 42);
        body.put("enabled", "yes");

        Response response = putBad(id, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("Validation Error");
        assertThat(fieldNames(response.json().get("details"))).containsExactlyInAnyOrder(
                "tin", "registrationType", "registrationNumber", "sstNumber", "tourismTaxNumber", "msicCode", "businessActivity",
                "address.lines", "address.city", "address.country", "address.state", "address.postcode", "phone", "email", "defaultClassification",
                "taxType", "taxTypesByRate", "lhdnClient", "clientId", "clientSecret", "signingKeystore", "signingKeystorePassword",
                "enabled");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
    }

    @Test
    void a_malaysian_address_needs_a_five_digit_postcode_and_a_state_other_than_17() {
        String id = organization();

        Response response = putBad(id, Map.of("address", Map.of("lines", List.of("Jalan 1"), "city", "Johor Bahru",
                "postcode", "8100", "state", "17", "country", "MYS", "zip", "x")));

        assertThat(fieldNames(response.json().get("details")))
                .containsExactlyInAnyOrder("address.postcode", "address.state", "address.zip");
        JsonNode foreign = put(id, Map.of("address", Map.of("lines", List.of("1 Raffles Place"), "city", "Singapore",
                "postcode", "048616", "state", "17", "country", "sgp"))).json();
        assertThat(foreign.get("address").get("country").asText()).isEqualTo("SGP");
    }

    @Test
    void tins_are_normalised_as_lhdn_says() {
        String id = organization();
        Map<String, String> cases = Map.of(
                "OG12345678901", "IG12345678901",
                "sg 1234567890", "IG1234567890",
                "C0002584563202", "C25845632020",
                "C25845632020", "C25845632020",
                "cs 0123456789", "CS1234567890",
                "LE123", "LE1230");
        cases.forEach((given, stored) -> assertThat(put(id, Map.of("tin", given)).json().get("tin").asText()).as(given).isEqualTo(stored));
        for (String refused : List.of("EI00000000010", "IG000", "Q123456", "C123456789012345")) {
            assertThat(put(id, Map.of("tin", refused)).status()).as(refused).isEqualTo(400);
        }
    }

    @Test
    void phones_are_normalised_to_e164() {
        String id = organization();
        Map<String, String> cases = Map.of(
                "012-345 6789", "+60123456789",
                "(03) 2141 1234", "+60321411234",
                "60123456789", "+60123456789",
                "0065 6123 4567", "+6561234567",
                "+60 11-1234 5678", "+601112345678");
        cases.forEach((given, stored) -> assertThat(put(id, Map.of("phone", given)).json().get("phone").asText()).as(given).isEqualTo(stored));
        for (String refused : List.of("12345", "+60 12", "0123456789012345678901", "phone")) {
            assertThat(put(id, Map.of("phone", refused)).status()).as(refused).isEqualTo(400);
        }
    }

    @Test
    void registration_numbers_follow_their_type() {
        String id = organization();

        assertThat(put(id, Map.of("registrationType", "BRN", "registrationNumber", "2020-0123-4567")).json()
                .get("registrationNumber").asText()).isEqualTo("202001234567");
        assertThat(put(id, Map.of("registrationNumber", "12345")).json().get("details").has("registrationNumber")).isTrue();
        assertThat(put(id, Map.of("registrationType", "NRIC", "registrationNumber", "900101-14-5678")).status()).isEqualTo(200);
        assertThat(put(id, Map.of("registrationType", "PASSPORT", "registrationNumber", "a12345678")).json()
                .get("registrationNumber").asText()).isEqualTo("A12345678");
        assertThat(put(id, Map.of("registrationType", "BRN")).status()).as("the stored passport number is no BRN").isEqualTo(400);
    }

    @Test
    void sst_registration_decides_the_tax_type() {
        String id = organization();

        assertThat(put(id, Map.of("taxType", "01")).json().get("details").has("taxType")).isTrue();
        assertThat(put(id, Map.of("sstNumber", "W10-1808-32000123")).json().get("details").has("taxType")).isTrue();
        JsonNode both = put(id, Map.of("sstNumber", "w10-1808-32000123;B16-1809-32000456", "taxType", "02",
                "taxTypesByRate", Map.of("6.0", "02", "10", "01"))).json();
        assertThat(both.get("sstNumber").asText()).isEqualTo("W10-1808-32000123;B16-1809-32000456");
        assertThat(both.get("taxTypesByRate").toString()).isEqualTo("{\"6\":\"02\",\"10\":\"01\"}");
        assertThat(put(id, Map.of("sstNumber", "W10-1808-32000123;B16-1809-32000456;C10-1809-32000789")).status()).isEqualTo(400);
    }

    @Test
    void absent_fields_keep_their_values_and_null_clears_or_puts_back_the_default() {
        String id = organization();
        var body = completeSettings();
        body.put("email", "akaun@kedaibatik.my");
        body.put("businessActivity", "Batik online");
        body.put("defaultClassification", "008");
        put(id, body);

        JsonNode kept = put(id, Map.of("email", "jualan@kedaibatik.my")).json();
        assertThat(kept.get("tin").asText()).isEqualTo("C25845632020");
        assertThat(kept.get("businessActivity").asText()).isEqualTo("Batik online");

        var nulls = new HashMap<String, Object>();
        nulls.put("email", null);
        nulls.put("businessActivity", null);
        nulls.put("defaultClassification", null);
        JsonNode cleared = put(id, nulls).json();
        assertThat(cleared.get("email").isNull()).isTrue();
        assertThat(cleared.get("businessActivity").asText()).isEqualTo("Retail sale of any kind of product over the Internet");
        assertThat(cleared.get("defaultClassification").asText()).isEqualTo("022");
        assertThat(put(id, Map.of()).json()).isEqualTo(cleared);
    }

    @Test
    void unknown_fields_are_400_and_read_only_fields_are_ignored() {
        String id = organization();
        JsonNode settings = api.get(path(id)).json();

        Response typo = putBad(id, Map.of("tinn", "C2584563202"));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().get("details").has("tinn")).isTrue();
        var echoed = new HashMap<String, Object>();
        settings.fields().forEachRemaining(field -> echoed.put(field.getKey(), field.getValue()));
        Response echo = put(id, echoed);
        assertThat(echo.status()).as(echo.body()).isEqualTo(200);
    }

    @Test
    void an_unknown_organization_is_404_like_the_organization_endpoints() {
        for (String id : List.of("org-01jdq6z9c4n5p6q7r8s9t0v1w2", "not-an-id")) {
            Response get = api.get(path(id));
            Response put = put(id, Map.of("tin", "C2584563202"));
            for (Response response : List.of(get, put)) {
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.json().get("message").asText()).isEqualTo("Organization not found");
            }
        }
    }

    @Test
    void deleting_the_organization_deletes_its_settings() {
        String id = organization();
        put(id, completeSettings());

        assertThat(api.delete(Api.PREFIX + "/organizations/" + id).status()).isEqualTo(204);

        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
        assertThat(api.get(path(id)).status()).isEqualTo(404);
    }

    @Test
    void malformed_bodies_wrong_media_types_and_methods_get_the_contracts_errors() {
        String id = organization();
        Map<String, String> json = Map.of("X-Invois-Key", TestServer.shared().key(), "Content-Type", "application/json");

        assertThat(api.deliberatelyBad().raw("PUT", path(id), "{\"tin\":", json).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().raw("PUT", path(id), "[]", json).json().get("error").asText()).isEqualTo("Bad Request");
        assertThat(api.deliberatelyBad().raw("PUT", path(id), "{\"tin\":\"C1\"}", Map.of("X-Invois-Key", TestServer.shared().key(),
                "Content-Type", "text/plain")).status()).isEqualTo(415);
        assertThat(api.deliberatelyBad().raw("POST", path(id), "{}", json).status()).isEqualTo(405);
        assertThat(api.deliberatelyBad().raw("DELETE", path(id), null, Map.of("X-Invois-Key", TestServer.shared().key())).status()).isEqualTo(405);
        assertThat(api.deliberatelyBad().raw("GET", path(id), null, Map.of()).status()).isEqualTo(401);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
    }

    static List<String> fieldNames(JsonNode details) {
        var names = new ArrayList<String>();
        details.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
