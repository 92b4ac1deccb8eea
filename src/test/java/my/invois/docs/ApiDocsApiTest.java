package my.invois.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/** SPEC C4: the contract is served as written, and every operation it lists exists on the server. */
class ApiDocsApiTest extends ApiTest {

    private static String documentOnClasspath() throws IOException {
        try (InputStream in = ApiDocsApiTest.class.getClassLoader().getResourceAsStream(ApiDocs.DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void openapi_json_is_the_written_document_served_without_a_key() throws IOException {
        Response response = api.raw("GET", "/openapi.json", null, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(documentOnClasspath());
        assertThat(response.json().get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void docs_is_an_html_page_that_loads_only_from_this_server() {
        Response response = api.raw("GET", "/docs", null, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.header("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy).startsWith("default-src 'self'"));
        assertThat(response.body()).contains("/docs/swagger-ui-bundle.js", "/docs/initializer.js").doesNotContain("https://", "http://");
    }

    @Test
    void every_documented_operation_is_routed_on_the_server() throws IOException {
        JsonNode paths = new ObjectMapper().readTree(documentOnClasspath()).get("paths");
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            String concrete = path.getKey().replace("{id}", "x-1").replace("{memberId}", "member-1")
                    .replace("{orderId}", "1").replace("{einvoiceId}", "einv-1");
            for (String method : (Iterable<String>) path.getValue()::fieldNames) {
                if (method.equals("parameters")) {
                    continue;
                }
                String body = method.equals("post") || method.equals("put") ? "{}" : null;
                Response response = api.deliberatelyBad().raw(method.toUpperCase(), concrete, body, Map.of(
                        "X-Invois-Key", TestServer.shared().key(), "Content-Type", "application/json"));
                assertThat(response.status()).as(method + " " + path.getKey()).isNotEqualTo(405);
                assertThat(response.body()).as(method + " " + path.getKey()).doesNotContain("The requested resource was not found");
                operations++;
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(20);
    }
}
