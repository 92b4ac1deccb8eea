package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import my.invois.config.KeyEntry;
import my.invois.config.Tier;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.testing.Api;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** OWASP API2: an address that keeps guessing keys is refused for a while, and the log says which. */
class AuthLockoutApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    private static final int ALLOWED = 5;
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuthFailureLimiter.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private TestServer server;

    @BeforeEach
    void start() {
        TestDatabase.clear();
        logs.start();
        logger.addAppender(logs);
        String key = TestServer.randomKey();
        server = TestServer.start(List.of(new KeyEntry("test", Tier.DEFAULT, key)), TestServer.GENEROUS, new LocalRateLimiter(),
                Clock.systemUTC(), TestDatabase.get(), ALLOWED, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        server.close();
    }

    private Response withKey(String key, String forwardedFor) {
        return server.api().raw("GET", USERS, null, Map.of("X-Invois-Key", key, "X-Forwarded-For", forwardedFor));
    }

    @Test
    void more_failures_than_allowed_in_a_minute_are_429_with_retry_after_while_the_right_key_is_still_admitted() {
        for (int i = 0; i < ALLOWED; i++) {
            assertThat(withKey("guess-" + i + "-0123456789", "198.51.100." + i).status()).isEqualTo(401);
        }

        Response locked = withKey("guess-final-0123456789", "198.51.100.99");
        Response rightKey = withKey(server.key(), "198.51.100.1");

        assertThat(locked.status()).isEqualTo(429);
        int retryAfter = Integer.parseInt(locked.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(61, 120);
        assertThat(locked.body()).isEqualTo("{\"error\":\"Rate Limit Exceeded\",\"message\":\"Too many failed authentication attempts. "
                + "Please try again later.\",\"details\":{\"retry_after\":" + retryAfter + "}}");
        assertThat(locked.header("X-RateLimit-Limit")).as("no quota is reported to an unknown caller").isEmpty();
        assertThat(rightKey.status()).as("a shared NAT cannot lock the integrator out").isEqualTo(200);
        assertThat(withKey("guess-again-0123456789", "198.51.100.1").status()).as("still locked for guesses").isEqualTo(429);
    }

    @Test
    void one_warn_line_names_the_address_and_never_a_key() {
        for (int i = 0; i < ALLOWED + 3; i++) {
            withKey("guess-" + i + "-0123456789", "203.0.113.7");
        }
        withKey(server.key(), "203.0.113.7");

        List<ILoggingEvent> warnings = logs.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        String line = warnings.get(0).getFormattedMessage();
        assertThat(line).contains("127.0.0.1").doesNotContain("guess-", server.key(), "203.0.113.7");
    }

    @Test
    void a_valid_key_before_the_lockout_is_unaffected_by_failures_below_the_limit() {
        for (int i = 0; i < ALLOWED; i++) {
            withKey("guess-" + i + "-0123456789", "198.51.100.1");
        }

        assertThat(withKey(server.key(), "198.51.100.1").status()).isEqualTo(200);
    }
}
