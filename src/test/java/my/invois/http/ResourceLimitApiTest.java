package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import my.invois.config.KeyEntry;
import my.invois.config.Tier;
import my.invois.db.Database;
import my.invois.metrics.Metrics;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.testing.Api;
import my.invois.testing.ContractErrors;
import my.invois.testing.RawHttp;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * OWASP API4: every resource a client can tie up has a limit, and meeting it is an answer in
 * the contract's shape. Body size and JSON depth are in ErrorStatusApiTest.
 */
class ResourceLimitApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private static TestServer server(Database database, Duration idleTimeout) {
        return TestServer.start(List.of(new KeyEntry("test", Tier.DEFAULT, TestServer.randomKey())), TestServer.GENEROUS,
                new LocalRateLimiter(), Clock.systemUTC(), database, TestServer.GENEROUS_AUTH_FAILURES, idleTimeout);
    }

    private static void assertJsonError(RawHttp.Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        ContractErrors.assertContractError("limit " + status, status, reply.header("Content-Type").orElse(""), reply.body());
    }

    @Test
    void a_url_over_8_kib_is_414_and_headers_over_8_kib_are_431() {
        TestServer shared = TestServer.shared();
        var key = RawHttp.Header.of("X-Invois-Key", shared.key());
        var many = new ArrayList<RawHttp.Header>(List.of(key));
        for (int i = 0; i < 500; i++) {
            many.add(RawHttp.Header.of("X-Many-" + i, "value-" + i));
        }

        assertJsonError(RawHttp.send(shared.port(), "GET", (USERS + "?query=" + "q".repeat(9_000)).getBytes(StandardCharsets.US_ASCII),
                List.of(key), null), 414);
        assertJsonError(RawHttp.send(shared.port(), "GET", USERS.getBytes(StandardCharsets.US_ASCII), many, null), 431);
        assertThat(RawHttp.send(shared.port(), "GET", (USERS + "?query=" + "q".repeat(100)).getBytes(StandardCharsets.US_ASCII),
                List.of(key), null).status()).isEqualTo(200);
    }

    @Test
    void a_client_that_connects_and_sends_nothing_or_half_a_request_is_disconnected() throws Exception {
        try (TestServer server = server(TestDatabase.get(), Duration.ofSeconds(1))) {
            for (String sent : List.of("", "GET /api/integrations/users HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Invois-")) {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
                    long started = System.nanoTime();

                    InputStream in = socket.getInputStream();
                    while (in.read() >= 0) {
                        // an error response may come first; the close is what counts
                    }

                    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed by the server after its idle timeout")
                            .isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
                }
            }
        }
    }

    @Test
    void requests_beyond_an_exhausted_pool_wait_at_most_the_timeout_then_503() throws Exception {
        try (Database database = Database.open(TestDatabase.connection(), 2, Duration.ofSeconds(2), Metrics.off().registry());
             TestServer server = server(database, Duration.ofSeconds(30))) {
            Api api = server.api();
            assertThat(api.get(USERS).status()).isEqualTo(200);
            var held = new ArrayList<Connection>();
            try {
                held.add(database.pool().getConnection());
                held.add(database.pool().getConnection());
                long started = System.nanoTime();

                Response refused = api.get(USERS);

                Duration waited = Duration.ofNanos(System.nanoTime() - started);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).hasValue("5");
                ContractErrors.assertContractError("pool exhausted", 503, refused.header("Content-Type").orElse(""), refused.body());
                assertThat(waited).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(4_000));
                assertThat(api.raw("GET", "/health", null, java.util.Map.of()).status()).isEqualTo(503);
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
            assertThat(api.get(USERS).status()).as("recovers once connections return").isEqualTo(200);
        }
    }
}
