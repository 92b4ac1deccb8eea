package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import my.invois.config.ClientLimits;
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

    @Test
    void live_health_and_reads_answer_while_300_uploads_trickle_in() throws Exception {
        try (TestServer server = TestServer.withClientLimits(new ClientLimits(10_000, 10_000, Duration.ofSeconds(60)))) {
            var uploads = new ArrayList<Socket>();
            try {
                // More than the server's 250 worker threads, each upload with the first of its 1,000 bytes sent.
                for (int i = 0; i < 300; i++) {
                    Socket upload = connect("127.0.0.1", server.port());
                    upload.getOutputStream().write(slowUploadStart(server, i));
                    uploads.add(upload);
                }
                long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                do {
                    assertThat(answersWithin(server.port(), "/health/live", Duration.ofSeconds(2))).as("/health/live").isEqualTo(200);
                    assertThat(server.api().get(USERS).status()).as("an authenticated read").isEqualTo(200);
                } while (System.nanoTime() < end);

                for (int i = 0; i < 3; i++) {
                    uploads.get(i).getOutputStream().write(slowUploadRest(i));
                    assertThat(statusOf(uploads.get(i))).as("an upload finished at last").isEqualTo(201);
                }
            } finally {
                for (Socket upload : uploads) {
                    upload.close();
                }
            }
        }
    }

    @Test
    void a_body_still_arriving_after_the_read_timeout_is_408_though_each_byte_comes_in_time() throws Exception {
        try (TestServer server = TestServer.withClientLimits(new ClientLimits(100, 100, Duration.ofSeconds(1)));
             Socket upload = connect("127.0.0.1", server.port())) {
            upload.setSoTimeout(10_000);
            upload.getOutputStream().write(slowUploadStart(server, 0));
            long started = System.nanoTime();
            var trickle = new Thread(() -> trickle(upload), "trickle");
            trickle.start();

            RawHttp.Reply reply = RawHttp.read(upload.getInputStream());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
            assertJsonError(reply, 408);
            assertThat(reply.header("Connection")).hasValue("close");
            trickle.join(5_000);
            assertThat(server.api().get(USERS + "?email=slow0@example.com").json().get("data")).isEmpty();
        }
    }

    @Test
    void connections_past_the_cap_of_one_address_are_closed_while_other_addresses_are_served() throws Exception {
        try (TestServer server = TestServer.withClientLimits(new ClientLimits(100, 5, Duration.ofSeconds(20)))) {
            var held = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(servedOnceAndKept("127.0.0.1", server.port()));
                }
                try (Socket sixth = connect("127.0.0.1", server.port())) {
                    sixth.setSoTimeout(5_000);
                    assertThat(sixth.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
                }
                servedOnceAndKept("127.0.0.2", server.port()).close();

                held.remove(0).close();
                assertThat(pollUntilServed("127.0.0.1", server.port())).as("a freed place is taken again").isTrue();
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void past_the_total_cap_a_connection_waits_unaccepted_until_another_closes() throws Exception {
        try (TestServer server = TestServer.withClientLimits(new ClientLimits(6, 4, Duration.ofSeconds(20)))) {
            var held = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 6; i++) {
                    held.add(servedOnceAndKept(i < 4 ? "127.0.0.1" : "127.0.0.2", server.port()));
                }
                try (Socket seventh = connect("127.0.0.3", server.port())) {
                    seventh.getOutputStream().write(LIVE);
                    seventh.setSoTimeout(1_000);
                    assertThatThrownBy(() -> seventh.getInputStream().read()).as("not answered while the cap is reached")
                            .isInstanceOf(SocketTimeoutException.class);

                    held.remove(0).close();

                    seventh.setSoTimeout(5_000);
                    assertThat(RawHttp.read(seventh.getInputStream()).status()).isEqualTo(200);
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        }
    }

    private static final byte[] LIVE = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int UPLOAD_BYTES = 1_000;

    private static Socket connect(String from, int port) throws IOException {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Connected from the address given, answered one request, kept open. */
    private static Socket servedOnceAndKept(String from, int port) throws IOException {
        Socket socket = connect(from, port);
        socket.getOutputStream().write(LIVE);
        assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
        return socket;
    }

    private static boolean pollUntilServed(String from, int port) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            try (Socket socket = connect(from, port)) {
                socket.getOutputStream().write(LIVE);
                if (socket.getInputStream().read() >= 0) {
                    return true;
                }
            } catch (IOException closedByTheServer) {
                // the place may not be free yet
            }
        }
        return false;
    }

    private static int answersWithin(int port, String path, Duration patience) throws IOException {
        try (Socket socket = connect("127.0.0.1", port)) {
            socket.setSoTimeout((int) patience.toMillis());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return RawHttp.read(socket.getInputStream()).status();
        }
    }

    private static int statusOf(Socket socket) throws IOException {
        return RawHttp.read(socket.getInputStream()).status();
    }

    /** A user of exactly 1,000 bytes (JSON allows the padding), so that an upload can stop after any byte. */
    private static byte[] slowUpload(int n) {
        String json = "{\"name\":\"Slow Upload\",\"email\":\"slow" + n + "@example.com\"}";
        return (json + " ".repeat(UPLOAD_BYTES - json.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] slowUploadStart(TestServer server, int n) {
        String headers = "POST " + USERS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Invois-Key: " + server.key()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + UPLOAD_BYTES + "\r\n\r\n";
        byte[] start = java.util.Arrays.copyOf(headers.getBytes(StandardCharsets.US_ASCII), headers.length() + 1);
        start[headers.length()] = slowUpload(n)[0];
        return start;
    }

    private static byte[] slowUploadRest(int n) {
        return java.util.Arrays.copyOfRange(slowUpload(n), 1, UPLOAD_BYTES);
    }

    /** One byte every 100 ms, far inside the idle timeout, until the server closes the connection. */
    private static void trickle(Socket upload) {
        byte[] rest = slowUploadRest(0);
        try {
            for (byte b : rest) {
                Thread.sleep(100);
                upload.getOutputStream().write(b);
            }
        } catch (IOException | InterruptedException closed) {
            // the server answered and closed
        }
    }
}
