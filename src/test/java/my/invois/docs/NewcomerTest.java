package my.invois.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's newcomer path: the real Main in a child JVM with no configuration at all (embedded
 * PostgreSQL, development key, built-in simulator), and README's first-e-invoice lines run as
 * written: the order's e-invoice ends Valid with its validation link.
 */
class NewcomerTest {

    static final String EXAMPLE = "first-einvoice";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void the_readme_lines_turn_an_order_into_a_valid_einvoice_at_the_built_in_simulator() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        Path data = directory.resolve("data");
        try (ChildServer server = ChildServer.start(Map.of("INVOIS_DATA_DIR", data.toString()), directory.resolve("server.log"))) {
            String key = Files.readString(data.resolve("development-api-key")).trim();
            Api api = server.api(key);
            String organization = api.post(Api.PREFIX + "/organizations", Map.of("name", "Kedai Batik Siti")).json().get("id").asText();
            String script = ReadmeExamplesTest.examples().get(EXAMPLE).replace("http://localhost:8080", "http://127.0.0.1:" + server.port());

            List<Map.Entry<Integer, String>> answers = ReadmeExamplesTest.answers(script, Map.of("KEY", key, "ORG_ID", organization));

            assertThat(answers).extracting(Map.Entry::getKey).containsExactly(200, 202, 201, 200);
            JsonNode einvoice = JSON.readTree(answers.get(3).getValue()).get("data").get(0);
            assertThat(einvoice.get("status").asText()).as(server.output()).isEqualTo("valid");
            assertThat(einvoice.at("/lhdn/validationUrl").asText()).matches("http://127\\.0\\.0\\.1:[0-9]+/[0-9A-Z]{26}/share/[0-9A-Za-z]{40}");
            assertThat(api.raw("GET", "/health", null, Map.of()).status()).isEqualTo(200);
        }
    }
}
