package my.invois.http;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import my.invois.db.Database;
import my.invois.metrics.Metrics;
import my.invois.ratelimit.RateLimiter;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.ContractErrors;
import my.invois.testing.RawHttp;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/** SPEC A3: every error status in the contract's shape, and bad input changes nothing. */
class ErrorStatusApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    /** Bodies or headers the contract forbids, sent on purpose. */
    private Response postRaw(String body, Map<String, String> headers) {
        var all = new HashMap<>(headers);
        all.put("X-Invois-Key", TestServer.shared().key());
        return api.deliberatelyBad().raw("POST", USERS, body, all);
    }

    private static void assertError(Response response, int status, String error) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }

    private static void assertNoUsers() {
        assertThat(TestDatabase.count("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void malformed_json_is_400_bad_request() {
        for (String body : new String[] {"{", "{\"name\":", "nonsense", "{\"a\":1}}", "{'name':'x'}", "{\"name\":\"a\",\"name\":\"b\"}"}) {
            assertError(postRaw(body, Map.of("Content-Type", "application/json")), 400, "Bad Request");
        }
        assertNoUsers();
    }

    @Test
    void json_that_is_not_an_object_is_400_bad_request() {
        for (String body : new String[] {"[]", "\"text\"", "42", "null", "true"}) {
            assertError(postRaw(body, Map.of("Content-Type", "application/json")), 400, "Bad Request");
        }
        assertNoUsers();
    }

    @Test
    void deeply_nested_json_is_400_not_500() {
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertError(postRaw(deep, Map.of("Content-Type", "application/json")), 400, "Bad Request");
    }

    @Test
    void body_over_one_mebibyte_is_413() {
        String big = "{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertError(postRaw(big, Map.of("Content-Type", "application/json")), 413, "Payload Too Large");
        assertNoUsers();
    }

    @Test
    void body_of_exactly_one_mebibyte_is_read() {
        String prefix = "{\"name\":\"";
        String body = prefix + "x".repeat(1024 * 1024 - prefix.length() - 2) + "\"}";
        Response response = postRaw(body, Map.of("Content-Type", "application/json"));
        assertError(response, 400, "Validation Error");
    }

    @Test
    void body_without_or_with_another_content_type_is_415() {
        String body = aUserJson();
        assertError(postRaw(body, Map.of()), 415, "Unsupported Media Type");
        assertError(postRaw(body, Map.of("Content-Type", "text/plain")), 415, "Unsupported Media Type");
        assertError(postRaw(body, Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "Unsupported Media Type");
        assertError(postRaw(body, Map.of("Content-Type", "application/json; charset=latin1")), 415, "Unsupported Media Type");
        assertNoUsers();
    }

    @Test
    void json_with_a_utf8_charset_is_accepted() {
        assertThat(postRaw(aUserJson(), Map.of("Content-Type", "application/json; charset=utf-8")).status()).isEqualTo(201);
        assertThat(postRaw(aUserJson(), Map.of("Content-Type", "Application/JSON;charset=UTF-8")).status()).isEqualTo(201);
    }

    @Test
    void invalid_utf8_is_400() {
        var request = api.request(USERS).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        assertError(api.deliberatelyBad().send(request), 400, "Bad Request");
    }

    @Test
    void known_path_with_wrong_method_is_405() {
        assertError(api.deliberatelyBad().raw("PATCH", USERS, null, Map.of("X-Invois-Key", TestServer.shared().key())), 405, "Method Not Allowed");
        assertError(api.deliberatelyBad().delete(USERS), 405, "Method Not Allowed");
        assertError(api.deliberatelyBad().post(USERS + "/user-01jdq6z7m9x8k2v3w4y5z6a7b8", Map.of()), 405, "Method Not Allowed");
    }

    @Test
    void a_405_names_the_methods_the_path_allows() {
        assertThat(allowed(api.deliberatelyBad().delete(USERS))).containsExactlyInAnyOrder("GET", "POST");
        assertThat(allowed(api.deliberatelyBad().post(USERS + "/user-01jdq6z7m9x8k2v3w4y5z6a7b8", Map.of())))
                .containsExactlyInAnyOrder("GET", "PUT", "DELETE");
    }

    private static java.util.List<String> allowed(Response response) {
        assertThat(response.status()).isEqualTo(405);
        return java.util.Arrays.stream(response.header("Allow").orElse("").split(",")).map(String::strip).toList();
    }

    @Test
    void a_transfer_coding_other_than_chunked_is_501_and_changes_nothing() {
        String email = "gzip-chunked@example.com";
        String body = "{\"name\":\"Gzip Chunked\",\"email\":\"" + email + "\"}";
        byte[] request = ("POST " + USERS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "X-Invois-Key: " + TestServer.shared().key() + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        RawHttp.Reply reply = RawHttp.exchange(TestServer.shared().port(), request);

        assertThat(reply.status()).isEqualTo(501);
        ContractErrors.assertContractError("gzip, chunked", 501, reply.header("Content-Type").orElse(""), reply.body());
        assertThat(api.get(USERS + "?email=" + email).json().get("data")).isEmpty();
    }

    @Test
    void unknown_paths_are_404_in_the_contract_shape() {
        assertError(api.deliberatelyBad().get(Api.PREFIX + "/invoices"), 404, "Not Found");
        assertError(api.deliberatelyBad().raw("GET", "/", null, Map.of()), 404, "Not Found");
    }

    @Test
    void malformed_urls_and_oversized_headers_get_json_errors() {
        assertError(api.deliberatelyBad().get(USERS + "/%00"), 400, "Bad Request");
        Response bigHeader = api.deliberatelyBad().raw("GET", USERS, null, Map.of("X-Invois-Key", TestServer.shared().key(), "X-Filler", "a".repeat(20_000)));
        assertThat(bigHeader.status()).isEqualTo(431);
        assertThat(bigHeader.json().get("error").asText()).isEqualTo("Request Header Fields Too Large");
    }

    @Test
    void an_unexpected_failure_is_500_with_a_request_id_and_no_stack_trace() {
        RateLimiter broken = (label, limits, now) -> {
            throw new IllegalStateException("simulated defect");
        };
        try (var server = TestServer.start(TestServer.GENEROUS, broken, Clock.systemUTC())) {
            Response response = server.api().raw("GET", USERS, null, Map.of("X-Invois-Key", server.key(), "X-Request-Id", "trace-123"));
            assertError(response, 500, "Internal Server Error");
            assertThat(response.json().get("details").get("requestId").asText()).isEqualTo("trace-123");
            assertThat(response.body()).doesNotContain("simulated", "Exception", "at my.invois");
            assertThat(response.header("X-Request-Id")).hasValue("trace-123");
        }
    }

    @Test
    void an_unreachable_database_is_503_with_retry_after_and_the_request_id() {
        Database lost = Database.open(TestDatabase.connection(), 1, Duration.ofSeconds(1), Metrics.off().registry());
        try (var server = TestServer.on(lost)) {
            lost.close();

            Response response = server.api().raw("GET", "/health", null, Map.of("X-Request-Id", "outage-1"));

            assertError(response, 503, "Service Unavailable");
            assertThat(response.header("Retry-After")).hasValue("5");
            assertThat(response.json().get("details").get("requestId").asText()).isEqualTo("outage-1");
        }
    }

    @Test
    void every_response_carries_a_request_id() {
        assertThat(api.get(USERS).header("X-Request-Id")).isPresent();
        assertThat(api.deliberatelyBad().raw("GET", USERS, null, Map.of()).header("X-Request-Id")).isPresent();
    }

    private static String aUserJson() {
        Map<String, Object> body = aUser().body();
        return "{\"name\":\"" + body.get("name") + "\",\"email\":\"" + body.get("email") + "\"}";
    }
}
