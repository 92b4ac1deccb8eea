package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import my.invois.config.Limits;
import my.invois.config.Tier;
import my.invois.config.TierLimits;
import my.invois.testing.Api;
import my.invois.testing.MutableClock;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RateLimitApiTest {

    private static final Instant HALF_PAST = Instant.parse("2024-01-15T15:29:30Z");
    private static final String USERS = Api.PREFIX + "/users";

    @BeforeEach
    void clearTables() {
        TestDatabase.clear();
    }

    private static TierLimits defaultTier(Limits limits) {
        return new TierLimits(Map.of(Tier.DEFAULT, limits, Tier.PREMIUM, limits, Tier.ENTERPRISE, limits));
    }

    private static void assertLimitHeaders(Response response, String limit, String remaining, String reset, String window) {
        assertThat(response.header("X-RateLimit-Limit")).as(response.body()).hasValue(limit);
        assertThat(response.header("X-RateLimit-Remaining")).hasValue(remaining);
        assertThat(response.header("X-RateLimit-Reset")).hasValue(reset);
        assertThat(response.header("X-RateLimit-Window")).hasValue(window);
    }

    @Test
    void the_documented_default_admits_1000_a_minute_then_429_with_the_exact_body() {
        var clock = new MutableClock(HALF_PAST);
        try (var server = TestServer.start(TierLimits.documented(), new LocalRateLimiter(), clock)) {
            Api api = server.api();
            for (int i = 1; i <= 1000; i++) {
                Response response = api.get(USERS + "?per_page=1");
                assertThat(response.status()).isEqualTo(200);
                if (i == 1 || i == 1000) {
                    assertLimitHeaders(response, "1000", String.valueOf(1000 - i), "2024-01-15T15:30:00Z", "60");
                }
            }

            Response refused = api.get(USERS);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).hasValue("30");
            assertLimitHeaders(refused, "1000", "0", "2024-01-15T15:30:00Z", "60");
            assertThat(refused.body()).isEqualTo("{\"error\":\"Rate Limit Exceeded\",\"message\":\"Too many requests. Please try again later.\","
                    + "\"details\":{\"retry_after\":30,\"limit\":1000,\"remaining\":0,\"reset_time\":\"2024-01-15T15:30:00Z\",\"window\":60}}");

            clock.advance(Duration.ofSeconds(30));
            Response retried = api.get(USERS);
            assertThat(retried.status()).isEqualTo(200);
            assertLimitHeaders(retried, "1000", "999", "2024-01-15T15:31:00Z", "60");
        }
    }

    @Test
    void every_authenticated_response_carries_the_headers_errors_included() {
        try (var server = TestServer.start(defaultTier(new Limits(100, 1000, 10000)), new LocalRateLimiter(), new MutableClock(HALF_PAST))) {
            Api api = server.api();
            Response[] responses = {
                    api.get(USERS),
                    api.get(USERS + "/user-01jdq6z7m9x8k2v3w4y5z6a7b8"),
                    api.deliberatelyBad().get(USERS + "?page=0"),
                    api.deliberatelyBad().post(USERS, "{"),
                    api.deliberatelyBad().delete(USERS),
                    api.deliberatelyBad().get(Api.PREFIX + "/nowhere")};
            for (int i = 0; i < responses.length; i++) {
                assertLimitHeaders(responses[i], "100", String.valueOf(99 - i), "2024-01-15T15:30:00Z", "60");
            }
        }
    }

    @Test
    void an_exhausted_hour_is_reported_until_the_hour_resets_and_refusals_count_nowhere() {
        var clock = new MutableClock(HALF_PAST);
        try (var server = TestServer.start(defaultTier(new Limits(5, 3, 5)), new LocalRateLimiter(), clock)) {
            Api api = server.api();
            assertLimitHeaders(api.get(USERS), "3", "2", "2024-01-15T16:00:00Z", "3600");
            api.get(USERS);
            api.get(USERS);

            Response refused = api.get(USERS);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).hasValue("1830");
            assertThat(refused.json().get("details").get("window").asInt()).isEqualTo(3600);
            clock.advance(Duration.ofMinutes(31));
            Response nextHour = api.get(USERS);
            assertThat(nextHour.status()).isEqualTo(200);
            // The refusal counted nowhere: the day holds 3 + this 1 of its 5, so 1 remains.
            assertThat(nextHour.header("X-RateLimit-Window")).hasValue("86400");
            assertThat(nextHour.header("X-RateLimit-Remaining")).hasValue("1");
        }
    }

    @Test
    void failed_authentication_does_not_count() {
        try (var server = TestServer.start(defaultTier(new Limits(2, 100, 100)), new LocalRateLimiter(), new MutableClock(HALF_PAST))) {
            Api api = server.api();
            for (int i = 0; i < 5; i++) {
                assertThat(api.raw("GET", USERS, null, Map.of("X-Invois-Key", "wrong-key-wrong-key")).status()).isEqualTo(401);
            }
            assertThat(api.get(USERS).header("X-RateLimit-Remaining")).hasValue("1");
        }
    }

    @Test
    void limits_switched_off_still_report_headers() {
        try (var server = TestServer.start(defaultTier(new Limits(1, 1, 1)), new UnlimitedRateLimiter(), new MutableClock(HALF_PAST))) {
            for (int i = 0; i < 3; i++) {
                Response response = server.api().get(USERS);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-RateLimit-Limit")).hasValue("1");
            }
        }
    }
}
