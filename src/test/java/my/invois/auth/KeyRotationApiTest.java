package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import my.invois.config.KeyEntry;
import my.invois.config.Limits;
import my.invois.config.Tier;
import my.invois.config.TierLimits;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.testing.Api;
import my.invois.testing.Response;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

class KeyRotationApiTest {

    @Test
    void old_and_new_key_of_one_label_both_open_the_api_and_share_one_quota() {
        String oldKey = TestServer.randomKey();
        String newKey = TestServer.randomKey();
        var limits = new TierLimits(Map.of(Tier.DEFAULT, new Limits(3, 100, 100),
                Tier.PREMIUM, new Limits(100, 100, 100), Tier.ENTERPRISE, new Limits(100, 100, 100)));
        var keys = List.of(new KeyEntry("shop", Tier.DEFAULT, oldKey), new KeyEntry("shop", Tier.DEFAULT, newKey));
        try (var server = TestServer.start(keys, limits, new LocalRateLimiter(), Clock.systemUTC())) {
            var api = server.api();
            assertThat(get(api, oldKey).status()).isEqualTo(200);
            assertThat(get(api, newKey).status()).isEqualTo(200);
            var third = get(api, oldKey);
            assertThat(third.header("X-RateLimit-Remaining")).hasValue("0");
            assertThat(get(api, newKey).status()).isEqualTo(429);
        }
    }

    @Test
    void a_key_of_the_premium_tier_gets_the_premium_limits() {
        String premium = TestServer.randomKey();
        var keys = List.of(new KeyEntry("big-shop", Tier.PREMIUM, premium));
        try (var server = TestServer.start(keys, TierLimits.documented(), new LocalRateLimiter(), Clock.systemUTC())) {
            var response = get(server.api(), premium);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).hasValue("5000");
        }
    }

    private static Response get(Api api, String key) {
        return api.raw("GET", Api.PREFIX + "/premium-tiers", null, Map.of("X-Invois-Key", key));
    }
}
