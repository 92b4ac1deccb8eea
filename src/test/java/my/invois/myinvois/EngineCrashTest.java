package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Figures;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * E6 under kill -9: the real Main in a child JVM is killed with SIGKILL before its submit is
 * accepted, while it waits for the answer to a submit LHDN already holds, and while it polls.
 * The simulator runs in this JVM, so it outlives each death. After a restart every document is
 * Valid exactly once at the simulator, with our exact bytes. One database, one organization, its
 * documents from every step; each start of Main is also the recovery from the previous kill.
 */
class EngineCrashTest {

    private static final String CLIENT_ID = "invois-crash-test";
    private static final String SECRET = "engine-crash-secret";
    private static final String TIN = "C2584563202";
    /** Documents stay Submitted at the simulator this long: room to kill the server while it polls. */
    private static final Duration VALIDATION = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofSeconds(60);
    /** A send cut off by the kill is resumed once its call is surely over ({@link SubmitJob#IN_FLIGHT}), then validated. */
    private static final Duration RECOVERY = SubmitJob.IN_FLIGHT.plus(Duration.ofSeconds(90));
    private static final String NO_FAULTS = "{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false,"
            + "\"hangMillis\":1500}";

    private final String database = "engine_crash_" + System.nanoTime();
    private final String key = TestServer.randomKey();
    private final List<ChildServer> children = new ArrayList<>();
    private String jdbcUrl;
    private Jdbi jdbi;

    @BeforeEach
    void createDatabase() {
        jdbcUrl = TestDatabase.createDatabase(database);
        jdbi = Jdbi.create(jdbcUrl);
    }

    @AfterEach
    void dropDatabase() throws InterruptedException {
        // A step that failed leaves its server running: it must not outlive the test.
        for (ChildServer child : children) {
            child.kill();
        }
        TestDatabase.dropDatabase(database);
    }

    @Test
    void after_kill_9_at_each_step_every_document_is_valid_exactly_once_with_our_bytes(@TempDir Path directory) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        long started = System.nanoTime();
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(VALIDATION)
                .withDevelopmentSecret(SECRET), dataSource, Clock.systemUTC())) {
            Path log = directory.resolve("server.log");
            Map<String, String> environment = Map.of("INVOIS_API_KEY", key, "DATABASE_URL", jdbcUrl, "INVOIS_RATE_LIMITS_ENABLED", "false",
                    "INVOIS_DB_POOL_SIZE", "5", "INVOIS_MYINVOIS_URL", simulator.baseUrl(), "INVOIS_MYINVOIS_PORTAL_URL", simulator.baseUrl(),
                    "INVOIS_MYINVOIS_CLIENT_ID", CLIENT_ID, "INVOIS_MYINVOIS_CLIENT_SECRET", SECRET);

            // (1) Before submit: LHDN answers every call 429, so nothing is accepted; killed with the documents queued.
            faults(simulator, "{\"tooManyRequests\":true}");
            ChildServer first = start(environment, log);
            Api api = first.api(key);
            String org = EngineApiTest.organization(api, TIN);
            var ids = new ArrayList<String>();
            for (long order = 1; order <= 3; order++) {
                // A foreign buyer: no Validate TIN call, which the storm would refuse with a 503.
                ids.add(EngineApiTest.requested(api, org, order, EngineApiTest.foreignBuyer()));
            }
            await(() -> count("SELECT count(*) FROM einvoices e JOIN submissions s ON s.id = e.submission_id "
                    + "WHERE e.status = 'queued' AND s.state = 'retry' AND s.attempts >= 2") == 3, "three documents refused 429 and queued");
            first.kill();
            assertThat(count("SELECT count(*) FROM myinvois_sim.documents")).as("nothing reached the simulator").isZero();

            // (2) After submit, before its answer is stored: LHDN stores the documents and then does not answer.
            faults(simulator, "{\"tooManyRequests\":false,\"acceptThenTimeoutRate\":1,\"hangMillis\":60000}");
            ChildServer second = start(environment, log);
            api = second.api(key);
            for (long order = 4; order <= 5; order++) {
                ids.add(EngineApiTest.requested(api, org, order));
            }
            await(() -> count("SELECT count(*) FROM myinvois_sim.documents") > 0, "documents held by the simulator");
            second.kill();
            long heldUnanswered = count("SELECT count(*) FROM myinvois_sim.documents d JOIN einvoices e ON e.number = d.code_number "
                    + "WHERE e.status = 'queued'");
            assertThat(heldUnanswered).as("documents at the simulator whose answer we never stored").isPositive();

            // (3) While polling: submitted, still Submitted at the simulator for VALIDATION.
            faults(simulator, NO_FAULTS);
            ChildServer third = start(environment, log);
            api = third.api(key);
            for (long order = 6; order <= 7; order++) {
                ids.add(EngineApiTest.requested(api, org, order));
            }
            await(() -> count("SELECT count(*) FROM einvoices e JOIN myinvois_sim.documents d ON d.code_number = e.number "
                    + "WHERE e.status = 'submitted' AND d.status = 'Submitted' AND e.id IN (" + quoted(ids.subList(5, 7)) + ")") == 2,
                    "the last two documents submitted and in validation");
            third.kill();
            long killedWhilePolling = count("SELECT count(*) FROM einvoices e JOIN submissions s ON s.id = e.submission_id "
                    + "WHERE e.status = 'submitted' AND s.state = 'polling'");
            assertThat(killedWhilePolling).as("documents left polling").isGreaterThanOrEqualTo(2);

            try (ChildServer restarted = start(environment, log)) {
                awaitWithin(RECOVERY, () -> count("SELECT count(*) FROM einvoices WHERE status = 'valid'") == ids.size(),
                        () -> "all valid after the restart: " + statuses());
                assertThat(restarted.api(key).get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + ids.get(0)).json()
                        .get("status").asText()).isEqualTo("valid");
            }
            assertThat(count("SELECT count(*) FROM einvoices")).isEqualTo(ids.size());
            assertThat(count("SELECT count(*) FROM myinvois_sim.documents")).as("documents at the simulator").isEqualTo(ids.size());
            assertThat(count("SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Valid'")).isEqualTo(ids.size());
            assertThat(count("SELECT count(*) FROM (SELECT code_number FROM myinvois_sim.documents GROUP BY code_number "
                    + "HAVING count(*) > 1 OR count(DISTINCT sha256) > 1) twice")).as("numbers held twice or with two hashes").isZero();
            assertThat(count("SELECT count(*) FROM einvoices e JOIN myinvois_sim.documents d ON d.uuid = e.uuid "
                    + "AND d.code_number = e.number AND d.bytes = e.document")).as("our bytes are the simulator's").isEqualTo(ids.size());
            assertThat(DatabaseChecks.violations(jdbi)).isEmpty();
            Figures.record("EngineCrashTest", "kill -9 of Main (before submit, awaiting a held submit's answer, while polling)", 3);
            Figures.record("EngineCrashTest", "documents held by the simulator, answer unstored, when killed", heldUnanswered);
            Figures.record("EngineCrashTest", "documents Valid exactly once after the restart", ids.size());
            Figures.record("EngineCrashTest", "seconds, four starts of Main included", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
    }

    private ChildServer start(Map<String, String> environment, Path log) {
        ChildServer child = ChildServer.start(environment, log);
        children.add(child);
        return child;
    }

    private long count(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private List<String> statuses() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT e.number || ' ' || e.status || ' ' || coalesce(s.state, '-') "
                + "FROM einvoices e LEFT JOIN submissions s ON s.id = e.submission_id ORDER BY e.number").mapTo(String.class).list());
    }

    private static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private void await(Supplier<Boolean> condition, String what) {
        awaitWithin(STEP, condition, () -> what + ": " + statuses());
    }

    private static void awaitWithin(Duration patience, Supplier<Boolean> condition, Supplier<String> what) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + patience + ": " + what.get());
            }
            // Between two looks at the database: spares the two shared cores, synchronises nothing.
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static void faults(Simulator simulator, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                        + "/simulator/faults")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("faults set: %s", response.body()).isEqualTo(200);
    }
}
