package my.invois.einvoicesettings;

import static my.invois.testing.Merchants.ADDRESS;
import static my.invois.einvoicesettings.EinvoiceSettingsApiTest.path;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class EinvoiceSettingsRaceApiTest extends ApiTest {

    @Test
    void concurrent_partial_puts_of_one_organization_all_land() throws Exception {
        String id = anOrganization().create(api).get("id").asText();
        List<Map<String, Object>> bodies = List.of(Map.of("tin", "C2584563202"), Map.of("registrationType", "BRN"),
                Map.of("registrationNumber", "202001234567"), Map.of("msicCode", "47912"), Map.of("address", ADDRESS),
                Map.of("phone", "0123456789"), Map.of("email", "akaun@kedai.my"), Map.of("businessActivity", "Batik"));
        var calls = new ArrayList<Callable<Response>>();
        bodies.forEach(body -> calls.add(() -> api.put(path(id), body)));

        List<Response> responses = Parallel.all(calls);

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body()).isEqualTo(200));
        JsonNode settings = api.get(path(id)).json();
        assertThat(settings.get("complete").asBoolean()).as(settings.toString()).isTrue();
        assertThat(settings.get("email").asText()).isEqualTo("akaun@kedai.my");
    }

    @Test
    void settings_puts_racing_the_organizations_delete_never_fail_nor_outlive_it() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = anOrganization().create(api).get("id").asText();
            var calls = new ArrayList<Callable<Response>>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api.put(path(id), Map.of("tin", "C2584563202")));
            }
            calls.add(() -> api.delete(Api.PREFIX + "/organizations/" + id));

            List<Response> responses = Parallel.all(calls);

            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body()).isIn(200, 204, 404));
            assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings WHERE organization_id = '" + id + "'")).isZero();
        }
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void one_shop_raced_by_many_organizations_is_linked_to_exactly_one() throws Exception {
        var calls = new ArrayList<Callable<Response>>();
        for (int i = 0; i < 10; i++) {
            String id = anOrganization().create(api).get("id").asText();
            calls.add(() -> api.put(Api.PREFIX + "/organizations/" + id + "/shopify", Map.of("shopDomain", "kedai-ali.myshopify.com")));
        }

        List<Response> responses = Parallel.all(calls);

        assertThat(responses.stream().filter(response -> response.status() == 200)).hasSize(1);
        assertThat(responses.stream().filter(response -> response.status() == 409)).hasSize(9);
        assertThat(TestDatabase.count("SELECT count(*) FROM shops")).isEqualTo(1);
    }
}
