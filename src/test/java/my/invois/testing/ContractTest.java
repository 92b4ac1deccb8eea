package my.invois.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The oracle every API test relies on: it must notice each kind of drift between server and document. */
class ContractTest {

    private static final Contract CONTRACT = Contract.load();
    private static final Map<String, List<String>> KEY = Map.of("X-Invois-Key", List.of("test_key_test_key"));
    private static final Map<String, List<String>> LIMITS = Map.of(
            "X-Request-Id", List.of("r-1"), "Content-Type", List.of("application/json"),
            "X-RateLimit-Limit", List.of("1000"), "X-RateLimit-Remaining", List.of("999"),
            "X-RateLimit-Reset", List.of("2024-01-15T15:30:00Z"), "X-RateLimit-Window", List.of("60"));
    private static final String USER = "{\"id\":\"user-01jdq6z7m9x8k2v3w4y5z6a7b8\",\"name\":\"Aisyah\",\"firstName\":null,"
            + "\"lastName\":null,\"email\":\"aisyah@example.com\",\"phone\":null,\"dob\":null,\"role\":\"customer\","
            + "\"members\":[],\"createdAt\":\"2024-01-15T10:30:00Z\",\"updatedAt\":\"2024-01-15T10:30:00Z\"}";

    private static Exchange get(String path, int status, Map<String, List<String>> headers, String body) {
        return new Exchange("GET", URI.create("http://localhost" + path), headers(KEY), Optional.empty(),
                status, headers(headers), body, false);
    }

    private static HttpHeaders headers(Map<String, List<String>> headers) {
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    @Test
    void a_response_as_documented_passes() {
        assertThat(CONTRACT.violations(get("/api/integrations/users/user-01jdq6z7m9x8k2v3w4y5z6a7b8", 200, LIMITS, USER))).isEmpty();
    }

    @Test
    void a_missing_key_a_wrong_type_or_a_null_where_none_is_allowed_is_caught() {
        String drifted = USER.replace("\"role\":\"customer\"", "\"role\":\"owner\"").replace("\"name\":\"Aisyah\"", "\"name\":null");

        List<String> violations = CONTRACT.violations(get("/api/integrations/users/user-01jdq6z7m9x8k2v3w4y5z6a7b8", 200, LIMITS,
                drifted.replace(",\"members\":[]", "")));

        assertThat(violations).hasSize(3).anyMatch(v -> v.contains("members")).anyMatch(v -> v.contains("/name"))
                .anyMatch(v -> v.contains("/role"));
    }

    @Test
    void an_undocumented_status_and_a_missing_required_header_are_caught() {
        assertThat(CONTRACT.violations(get("/api/integrations/users/user-x", 409, LIMITS, "{\"error\":\"Conflict\",\"message\":\"x\"}")))
                .containsExactly("response: status 409 is not documented for GET /api/integrations/users/user-x -> 409");
        assertThat(CONTRACT.violations(get("/api/integrations/users/user-01jdq6z7m9x8k2v3w4y5z6a7b8", 200,
                Map.of("X-Request-Id", List.of("r-1"), "Content-Type", List.of("application/json")), USER)))
                .hasSize(4).allMatch(v -> v.contains("header X-RateLimit-"));
    }

    @Test
    void the_contracts_exact_401_body_is_enforced() {
        assertThat(CONTRACT.violations(get("/api/integrations/users", 401,
                Map.of("X-Request-Id", List.of("r-1"), "Content-Type", List.of("application/json")),
                "{\"error\":\"Unauthorized\",\"message\":\"Invalid or missing API key\"}")))
                .singleElement().asString().contains("/error");
    }

    @Test
    void requests_are_checked_unless_marked_deliberately_bad() {
        String badQuery = "/api/integrations/users?per_page=0&utm_source=x";
        String error = "{\"error\":\"Validation Error\",\"message\":\"The request contains invalid data\",\"details\":{\"per_page\":[\"x\"]}}";

        assertThat(CONTRACT.violations(get(badQuery, 400, LIMITS, error)))
                .anyMatch(v -> v.contains("per_page")).anyMatch(v -> v.contains("utm_source")).hasSize(2);
        Exchange marked = new Exchange("POST", URI.create("http://localhost/api/integrations/users"), headers(Map.of()),
                Optional.of("{".getBytes(StandardCharsets.UTF_8)), 401,
                headers(Map.of("X-Request-Id", List.of("r-1"), "Content-Type", List.of("application/json"))),
                "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}", true);
        assertThat(CONTRACT.violations(marked)).isEmpty();
    }

    @Test
    void every_error_status_the_server_answers_is_documented_for_any_request() {
        for (int status : ContractErrors.statuses()) {
            Exchange refused = new Exchange("PUT", URI.create("http://localhost/no-such-path"), headers(Map.of()), Optional.empty(), status,
                    headers(Map.of("X-Request-Id", List.of("r-1"), "Content-Type", List.of("application/json"))),
                    "{\"error\":\"x\",\"message\":\"x\"}", true);

            assertThat(CONTRACT.violations(refused)).as("status %d", status).noneMatch(v -> v.contains("is not documented"));
        }
    }

    @Test
    void every_response_must_carry_a_request_id() {
        assertThat(CONTRACT.violations(get("/health/live", 200, Map.of("Content-Type", List.of("application/json")), "{\"status\":\"ok\"}")))
                .anyMatch(v -> v.contains("X-Request-Id"));
    }
}
