package my.invois.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import my.invois.testing.EmbeddedDataDir;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC E: SIGTERM stops taking new requests, finishes those in flight, then exits 0. */
class GracefulStopTest {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than Jetty's shutdown idle timeout (1 s), which must not cut a request that is still working. */
    private static final Duration SLOW_REQUESTS_OUTLIVE_THE_STOP_BY = Duration.ofMillis(1_500);
    private static final String USERS = "/api/integrations/users";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger EMAILS = new AtomicInteger();

    @TempDir
    Path directory;

    private final String key = TestServer.randomKey();
    private RestartablePostgres postgres;
    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void sigterm_answers_every_accepted_request_refuses_new_connections_and_exits_0() throws Exception {
        postgres = RestartablePostgres.startIn(directory.resolve("postgres"));
        server = ServerProcess.start(Map.of(
                "INVOIS_API_KEY", key,
                "DATABASE_URL", postgres.jdbcUrl("postgres"),
                "INVOIS_DRAIN_TIMEOUT_SECONDS", String.valueOf(DRAIN_TIMEOUT.toSeconds())), directory.resolve("server.log"));
        var sql = Jdbi.create(postgres.jdbcUrl("postgres"));
        var stream = new Stream(server.port(), key, 3);
        stream.awaitAnswers(5);

        stopWhileRequestsWork(sql);

        stream.join();
        assertAnsweredCompletelyOrNotAtAll(stream, sql);
    }

    @Test
    void on_the_embedded_postgres_sigterm_finishes_requests_before_stopping_postgres() throws Exception {
        Path dataDir = directory.resolve("data");
        server = ServerProcess.start(Map.of(
                "INVOIS_API_KEY", key,
                "INVOIS_DATA_DIR", dataDir.toString(),
                "INVOIS_DRAIN_TIMEOUT_SECONDS", String.valueOf(DRAIN_TIMEOUT.toSeconds())), directory.resolve("server.log"));
        var embedded = new EmbeddedDataDir(dataDir);
        Path postmaster = embedded.postmasterFile();
        try {
            stopWhileRequestsWork(embedded.jdbi());

            assertThat(postmaster).as("the embedded PostgreSQL stopped with the server").doesNotExist();
        } finally {
            stopLeftOverPostgres(postmaster);
        }
    }

    @Test
    void an_upload_in_flight_at_sigterm_is_finished_or_answered_503_never_400() throws Exception {
        postgres = RestartablePostgres.startIn(directory.resolve("postgres"));
        server = ServerProcess.start(Map.of(
                "INVOIS_API_KEY", key,
                "DATABASE_URL", postgres.jdbcUrl("postgres"),
                "INVOIS_DRAIN_TIMEOUT_SECONDS", String.valueOf(DRAIN_TIMEOUT.toSeconds())), directory.resolve("server.log"));
        String sending = RawHttp.post(server.port(), USERS, key, userBody(nextEmail()));
        String stalled = RawHttp.post(server.port(), USERS, key, userBody(nextEmail()));
        int halfway = sending.length() - 30;
        try (var finishing = RawHttp.connect(server.port()); var stalling = RawHttp.connect(server.port())) {
            finishing.send(sending.substring(0, halfway));
            stalling.send(stalled.substring(0, stalled.length() - 10));
            post(userBody(nextEmail())); // sent after both halves and answered: the server has taken them in
            // The last 30 bytes at 10 a second: the upload is still arriving when the stop begins.
            var rest = new Thread(() -> trickle(finishing, sending.substring(halfway)), "rest-of-the-upload");
            rest.start();

            server.terminate();
            server.awaitRefusingConnections(Duration.ofSeconds(5));

            RawHttp.Response whole = finishing.read();
            assertThat(whole.status()).as(whole.body()).isEqualTo(201);
            // The other never sends its last bytes: cut off by the stop, it is told to retry.
            RawHttp.Response cut = stalling.read();
            assertThat(cut.status()).as(cut.body()).isEqualTo(503);
            assertThat(cut.headers().get("retry-after")).isNotNull();
            assertThat(json(cut.body()).get("error").asText()).isEqualTo("Service Unavailable");
            rest.join(5_000);
        }
        assertThat(server.awaitExit(DRAIN_TIMEOUT)).as("exit code within the drain timeout\n" + server.output()).hasValue(0);
    }

    private static void trickle(RawHttp connection, String rest) {
        try {
            for (char c : rest.toCharArray()) {
                Thread.sleep(100);
                connection.send(String.valueOf(c));
            }
        } catch (IOException | InterruptedException e) {
            // the assertions on the response say what happened
        }
    }

    /** SIGTERM while requests are inside the app, waiting on PostgreSQL for longer than Jetty's idle grace. */
    private void stopWhileRequestsWork(Jdbi sql) throws Exception {
        String id = post(userBody(nextEmail())).get("id").asText();
        var slow = new ArrayList<RawHttp>();
        try (var rowLock = RowLock.onUser(sql, id)) {
            for (int i = 0; i < 3; i++) {
                var connection = RawHttp.connect(server.port());
                connection.send(RawHttp.put(server.port(), USERS + "/" + id, key, "{\"name\":\"Renamed " + i + "\"}"));
                slow.add(connection);
            }
            rowLock.awaitWaiting(slow.size());

            long stopping = System.nanoTime();
            server.terminate();
            server.awaitRefusingConnections(Duration.ofSeconds(5));
            Thread.sleep(SLOW_REQUESTS_OUTLIVE_THE_STOP_BY.toMillis());
            rowLock.release();

            for (RawHttp connection : slow) {
                try (connection) {
                    RawHttp.Response response = connection.read();
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    assertThat(json(response.body()).get("name").asText()).startsWith("Renamed ");
                }
            }
            Duration drainLeft = DRAIN_TIMEOUT.minusNanos(System.nanoTime() - stopping);
            assertThat(server.awaitExit(drainLeft)).as("exit code within the drain timeout\n" + server.output()).hasValue(0);
        }
    }

    /** If the server died without stopping its PostgreSQL, stop it here (SIGTERM: PostgreSQL's smart shutdown). */
    private static void stopLeftOverPostgres(Path postmaster) throws IOException {
        if (Files.exists(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }

    /** Every response whole and in the contract's shape; a request the server took and never answered would be a stored user without a 201. */
    private static void assertAnsweredCompletelyOrNotAtAll(Stream stream, Jdbi sql) throws IOException {
        assertThat(stream.broken).as("responses broken off").isEmpty();
        assertThat(stream.refused.get()).as("clients refused a connection after the stop").isEqualTo(stream.clients.size());
        var created = new ArrayList<String>();
        for (Outcome answered : stream.answered) {
            assertThat(answered.status).as(answered.body).isIn(201, 503);
            if (answered.status == 201) {
                assertThat(json(answered.body).get("email").asText()).isEqualTo(answered.email);
                created.add(answered.email);
            } else {
                assertThat(json(answered.body).get("error").asText()).isEqualTo("Service Unavailable");
                assertThat(answered.retryAfter).isNotNull();
            }
        }
        assertThat(stored(sql, created)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(stored(sql, List.copyOf(stream.unanswered))).as("requests the server took but never answered").isEmpty();
    }

    private static List<String> stored(Jdbi sql, List<String> emails) {
        return sql.withHandle(handle -> handle.createQuery("SELECT email FROM users WHERE email = ANY(:emails)")
                .bind("emails", emails.toArray(String[]::new)).mapTo(String.class).list());
    }

    private JsonNode post(String body) throws IOException {
        try (var connection = RawHttp.connect(server.port())) {
            connection.send(RawHttp.post(server.port(), USERS, key, body));
            RawHttp.Response response = connection.read();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            return json(response.body());
        }
    }

    /** Client threads creating users, a connection per request, until a connection is refused. */
    private static final class Stream {
        final ConcurrentLinkedQueue<Outcome> answered = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        final List<Thread> clients = new ArrayList<>();

        Stream(int port, String key, int clients) {
            for (int i = 0; i < clients; i++) {
                var client = new Thread(() -> post(port, key), "client-" + i);
                this.clients.add(client);
                client.start();
            }
        }

        private void post(int port, String key) {
            while (pause()) {
                String email = nextEmail();
                RawHttp connection;
                try {
                    connection = RawHttp.connect(port);
                } catch (ConnectException e) {
                    refused.incrementAndGet();
                    return;
                } catch (IOException e) {
                    broken.add(email + ": connect: " + e);
                    return;
                }
                try (connection) {
                    connection.send(RawHttp.post(port, USERS, key, userBody(email)));
                    RawHttp.Response response = connection.read();
                    answered.add(new Outcome(email, response.status(), response.body(), response.headers().get("retry-after")));
                } catch (IOException e) {
                    // Zero bytes: the connection may have sat in the kernel's queue when the listener
                    // closed. Whether the app saw the request, the database tells afterwards.
                    if (connection.received() == 0) {
                        unanswered.add(email);
                    } else {
                        broken.add(email + ": " + e);
                    }
                }
            }
        }

        /** A little room between requests for the rest of a small machine. */
        private static boolean pause() {
            try {
                Thread.sleep(5);
                return true;
            } catch (InterruptedException e) {
                return false;
            }
        }

        void awaitAnswers(int count) throws InterruptedException {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (answered.size() < count && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(answered).hasSizeGreaterThanOrEqualTo(count);
        }

        void join() throws InterruptedException {
            for (Thread client : clients) {
                client.join(Duration.ofSeconds(20).toMillis());
                assertThat(client.isAlive()).isFalse();
            }
        }
    }

    private record Outcome(String email, int status, String body, String retryAfter) {
    }

    private static String nextEmail() {
        return "stop" + EMAILS.incrementAndGet() + "@example.com";
    }

    private static String userBody(String email) {
        return "{\"name\":\"Graceful Stop\",\"email\":\"" + email + "\"}";
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }
}
