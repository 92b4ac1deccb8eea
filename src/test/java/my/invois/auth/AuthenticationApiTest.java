package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

class AuthenticationApiTest extends ApiTest {

    private static final String UNAUTHORIZED =
            "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}";
    private final String key = TestServer.shared().key();

    /** Most of these requests break the contract's key rule on purpose. */
    private Response usersWith(Map<String, String> headers) {
        return api.deliberatelyBad().raw("GET", Api.PREFIX + "/users", null, headers);
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(UNAUTHORIZED);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.header("X-RateLimit-Limit")).isEmpty();
    }

    @Test
    void missing_key_is_401_with_the_exact_body() {
        assertUnauthorized(usersWith(Map.of()));
    }

    @Test
    void empty_key_is_401() {
        assertUnauthorized(usersWith(Map.of("X-Invois-Key", "")));
    }

    @Test
    void wrong_key_is_401() {
        assertUnauthorized(usersWith(Map.of("X-Invois-Key", key + "x")));
        assertUnauthorized(usersWith(Map.of("X-Invois-Key", key.substring(0, key.length() - 1))));
    }

    @Test
    void key_in_other_case_is_401() {
        assertUnauthorized(usersWith(Map.of("X-Invois-Key", key.toUpperCase())));
    }

    @Test
    void key_sent_twice_is_401_even_when_both_are_right() {
        var request = HttpRequest.newBuilder(URI.create(api.base() + Api.PREFIX + "/users"))
                .header("X-Invois-Key", key).header("X-Invois-Key", key).GET();
        assertUnauthorized(api.deliberatelyBad().send(request));
    }

    @Test
    void header_name_matches_in_any_case() {
        assertThat(usersWith(Map.of("x-invois-key", key)).status()).isEqualTo(200);
        assertThat(usersWith(Map.of("X-INVOIS-KEY", key)).status()).isEqualTo(200);
    }

    @Test
    void unknown_path_without_key_is_401_and_with_key_404() {
        assertUnauthorized(api.deliberatelyBad().raw("GET", Api.PREFIX + "/no-such-thing", null, Map.of()));
        Response withKey = api.deliberatelyBad().get(Api.PREFIX + "/no-such-thing");
        assertThat(withKey.status()).isEqualTo(404);
        assertThat(withKey.json().get("error").asText()).isEqualTo("Not Found");
    }

    @Test
    void wrong_method_without_key_is_401_before_405() {
        assertUnauthorized(api.deliberatelyBad().raw("PATCH", Api.PREFIX + "/users", null, Map.of()));
    }

    @Test
    void every_endpoint_requires_the_key() {
        String[][] calls = {
                {"GET", "/users"}, {"POST", "/users"}, {"GET", "/users/user-x"}, {"PUT", "/users/user-x"},
                {"DELETE", "/users/user-x"}, {"GET", "/users/user-x/organizations"}, {"GET", "/organizations"},
                {"POST", "/organizations"}, {"GET", "/organizations/org-x"}, {"PUT", "/organizations/org-x"},
                {"DELETE", "/organizations/org-x"}, {"GET", "/organizations/org-x/members"},
                {"POST", "/organizations/org-x/members"}, {"PUT", "/organizations/org-x/members/member-x"},
                {"DELETE", "/organizations/org-x/members/member-x"}, {"GET", "/premium-tiers"}};
        for (String[] call : calls) {
            assertUnauthorized(api.deliberatelyBad().raw(call[0], Api.PREFIX + call[1], call[0].equals("GET") || call[0].equals("DELETE") ? null : "{}",
                    Map.of("Content-Type", "application/json")));
        }
    }

    @Test
    void health_needs_no_key() {
        Response health = api.raw("GET", "/health", null, Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }
}
