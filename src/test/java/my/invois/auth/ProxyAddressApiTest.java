package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import my.invois.testing.Api;
import my.invois.testing.RawHttp;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INVOIS_TRUST_PROXY=true: the client address is the proxy's view, however many X-Forwarded-For lines arrive. */
class ProxyAddressApiTest {

    private static final int ALLOWED = 5;
    private TestServer server;

    @BeforeEach
    void start() {
        TestDatabase.clear();
        server = TestServer.behindProxy(ALLOWED);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int getWith(String key, String... forwardedLines) {
        var headers = new ArrayList<RawHttp.Header>();
        headers.add(RawHttp.Header.of("X-Invois-Key", key));
        for (String line : forwardedLines) {
            headers.add(RawHttp.Header.of("X-Forwarded-For", line));
        }
        return RawHttp.send(server.port(), "GET", (Api.PREFIX + "/users").getBytes(StandardCharsets.US_ASCII), headers, null).status();
    }

    @Test
    void a_client_choosing_its_own_first_line_cannot_escape_its_lockout() {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i <= ALLOWED; i++) {
            statuses.add(getWith("guess-" + i + "-0123456789", "192.0.2." + i, "198.51.100.7"));
        }

        assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
    }

    @Test
    void a_client_choosing_its_own_first_line_cannot_lock_out_another_address() {
        for (int i = 0; i <= ALLOWED; i++) {
            getWith("guess-" + i + "-0123456789", "203.0.113.9", "198.51.100." + i);
        }

        assertThat(getWith("guess-final-0123456789", "203.0.113.9")).as("203.0.113.9 itself made no failure").isEqualTo(401);
        assertThat(getWith(server.key(), "198.51.100.200, 203.0.113.9")).isEqualTo(200);
    }
}
