package my.invois.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;

/** SPEC A3: every error is {"error", "message", "details"?} with the error string of its status. */
public final class ContractErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, Set<String>> ERRORS = Map.ofEntries(
            Map.entry(400, Set.of("Bad Request", "Validation Error")),
            Map.entry(401, Set.of("Unauthorized: Valid API key required")),
            Map.entry(404, Set.of("Not Found")),
            Map.entry(405, Set.of("Method Not Allowed")),
            Map.entry(408, Set.of("Request Timeout")),
            Map.entry(409, Set.of("Conflict")),
            Map.entry(413, Set.of("Payload Too Large")),
            Map.entry(414, Set.of("URI Too Long")),
            Map.entry(415, Set.of("Unsupported Media Type")),
            Map.entry(429, Set.of("Rate Limit Exceeded")),
            Map.entry(431, Set.of("Request Header Fields Too Large")),
            Map.entry(501, Set.of("Not Implemented")),
            Map.entry(503, Set.of("Service Unavailable")));

    private ContractErrors() {
    }

    /** Every status the server answers with an error body. */
    static Set<Integer> statuses() {
        return ERRORS.keySet();
    }

    /** An error response as the contract shapes it; {@code what} names the request in failure messages. */
    public static void assertContractError(String what, int status, String contentType, String body) {
        assertThat(ERRORS).as("%s: status %d is not one the contract lists", what, status).containsKey(status);
        assertThat(contentType).as(what).startsWith("application/json");
        JsonNode error = parse(what, body);
        assertThat(error.isObject()).as("%s: %s", what, body).isTrue();
        assertThat(Set.copyOf(JSON.convertValue(error, Map.class).keySet())).as("%s: %s", what, body)
                .isSubsetOf("error", "message", "details").contains("error", "message");
        assertThat(ERRORS.get(status)).as("%s: %s", what, body).contains(error.get("error").asText());
        assertThat(error.get("message").isTextual()).as(what).isTrue();
        assertThat(body).as("%s: no internals in an error body", what).doesNotContain("Exception", "at my.invois", "org.eclipse", "jdbi");
        if (error.has("details")) {
            assertThat(error.get("details").isObject()).as("%s: %s", what, body).isTrue();
        }
        if (status == 400 && error.get("error").asText().equals("Validation Error") || status == 409) {
            error.get("details").properties().forEach(field -> {
                assertThat(field.getValue().isArray()).as("%s: details.%s", what, field.getKey()).isTrue();
                field.getValue().forEach(message -> assertThat(message.isTextual()).as(what).isTrue());
            });
        }
    }

    private static JsonNode parse(String what, String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(what + ": error body is not JSON: " + body, e);
        }
    }
}
