package my.invois.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.EmbeddedDataDir;
import my.invois.testing.Figures;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC B6 under faults: the server (Main, in a child JVM) is killed with SIGKILL in the middle
 * of a burst of writes; after a restart every write it acknowledged with a 2xx is there, and
 * nothing is half-written (no membership without its user or organization, no memberCount
 * that disagrees with the memberships).
 */
class CrashSafetyTest {

    private static final int WRITERS = 4;
    private static final int KILL_AFTER_ACKNOWLEDGED = 120;
    private final String database = "crash_" + System.nanoTime();
    private final String key = TestServer.randomKey();
    private String jdbcUrl;

    private record Acknowledged(String path, String id) {
    }

    @BeforeEach
    void createDatabase() {
        jdbcUrl = TestDatabase.createDatabase(database);
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropDatabase(database);
    }

    private ChildServer start(Path log) {
        return ChildServer.start(Map.of("INVOIS_API_KEY", key, "DATABASE_URL", jdbcUrl, "INVOIS_RATE_LIMITS_ENABLED", "false",
                "INVOIS_DB_POOL_SIZE", "5"), log);
    }

    @Test
    void every_acknowledged_write_survives_kill_9_and_nothing_is_half_written() throws Exception {
        Path log = Files.createTempFile("invois-crash", ".log");
        var acknowledged = new ConcurrentLinkedQueue<Acknowledged>();
        var cutOff = new AtomicInteger();
        ChildServer server = start(log);
        Api api = server.api(key);
        var stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int writer = 0; writer < WRITERS; writer++) {
            int number = writer;
            writers.submit(() -> burst(api, number, acknowledged, cutOff, stop));
        }
        while (acknowledged.size() < KILL_AFTER_ACKNOWLEDGED && !writers.isTerminated()) {
            Thread.sleep(5);
        }

        server.kill();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        try (ChildServer restarted = start(log)) {
            Api after = restarted.api(key);
            for (Acknowledged write : acknowledged) {
                Response response = after.get(write.path());
                assertThat(response.status()).as("acknowledged %s is gone after the crash", write).isEqualTo(200);
                assertThat(response.json().get("id").asText()).isEqualTo(write.id());
            }
            assertThat(DatabaseChecks.violations(Jdbi.create(jdbcUrl))).isEmpty();
            assertThat(after.post(Api.PREFIX + "/users", Map.of("name", "After Crash", "email", "after@example.com")).status())
                    .as("writes again after the restart").isEqualTo(201);
        }
        Figures.record("CrashSafetyTest", "faults injected (kill -9 mid-burst)", 1);
        Figures.record("CrashSafetyTest", "writes in flight when killed (outcome unknown to the client)", cutOff.get());
        Figures.record("CrashSafetyTest", "writes acknowledged", acknowledged.size());
        Figures.record("CrashSafetyTest", "acknowledged writes found after restart", acknowledged.size());
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
    }

    @Test
    void on_the_embedded_database_every_acknowledged_write_survives_kill_9_and_the_server_starts_again(@TempDir Path directory) throws Exception {
        Path log = directory.resolve("server.log");
        var environment = Map.of("INVOIS_API_KEY", key, "INVOIS_DATA_DIR", directory.resolve("data").toString(),
                "INVOIS_RATE_LIMITS_ENABLED", "false", "INVOIS_DB_POOL_SIZE", "5");
        var acknowledged = new ConcurrentLinkedQueue<Acknowledged>();
        var cutOff = new AtomicInteger();
        ChildServer server = ChildServer.start(environment, log);
        var orphan = new EmbeddedDataDir(directory.resolve("data")).postmasterPid();
        var stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int writer = 0; writer < WRITERS; writer++) {
            int number = writer;
            writers.submit(() -> burst(server.api(key), number, acknowledged, cutOff, stop));
        }
        while (acknowledged.size() < KILL_AFTER_ACKNOWLEDGED && !writers.isTerminated()) {
            Thread.sleep(5);
        }

        server.kill();
        stop.set(true);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("kill -9 leaves the embedded PostgreSQL running").isPresent();

        try (ChildServer restarted = ChildServer.start(environment, log)) {
            Api after = restarted.api(key);
            for (Acknowledged write : acknowledged) {
                Response response = after.get(write.path());
                assertThat(response.status()).as("acknowledged %s is gone after the crash", write).isEqualTo(200);
            }
            assertThat(DatabaseChecks.violations(new EmbeddedDataDir(directory.resolve("data")).jdbi())).isEmpty();
            assertThat(restarted.output()).contains("An embedded PostgreSQL (pid " + orphan + ") still runs");
        }
        Figures.record("CrashSafetyTest", "embedded: writes acknowledged before kill -9", acknowledged.size());
        Figures.record("CrashSafetyTest", "embedded: acknowledged writes found after restart", acknowledged.size());
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKNOWLEDGED);
    }

    /** Creates users and organizations and joins them, recording each write acknowledged with a 2xx. */
    private static void burst(Api api, int writer, ConcurrentLinkedQueue<Acknowledged> acknowledged, AtomicInteger cutOff, AtomicBoolean stop) {
        var users = new ArrayList<String>();
        for (int i = 0; !stop.get(); i++) {
            try {
                String tag = writer + "-" + i;
                JsonNode user = created(api.post(Api.PREFIX + "/users", Map.of("name", "Crash Writer " + tag, "email", "w" + tag + "@example.com")));
                acknowledged.add(new Acknowledged(Api.PREFIX + "/users/" + user.get("id").asText(), user.get("id").asText()));
                users.add(user.get("id").asText());
                JsonNode organization = created(api.post(Api.PREFIX + "/organizations", Map.of("name", "Crash Org " + tag)));
                String organizationPath = Api.PREFIX + "/organizations/" + organization.get("id").asText();
                acknowledged.add(new Acknowledged(organizationPath, organization.get("id").asText()));
                for (String member : users.subList(Math.max(0, users.size() - 3), users.size())) {
                    JsonNode membership = created(api.post(organizationPath + "/members", Map.of("userId", member, "role", "admin")));
                    acknowledged.add(new Acknowledged(organizationPath + "/members/" + membership.get("id").asText(), membership.get("id").asText()));
                }
            } catch (RuntimeException killed) {
                cutOff.incrementAndGet();
                return;
            }
        }
    }

    private static JsonNode created(Response response) {
        if (response.status() != 201) {
            throw new IllegalStateException("not acknowledged: " + response.status() + " " + response.body());
        }
        return response.json();
    }

}
