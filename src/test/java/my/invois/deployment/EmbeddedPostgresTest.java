package my.invois.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.EmbeddedDataDir;
import my.invois.testing.Response;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14: the zero-set-up PostgreSQL admits the server alone, is durable, and comes back when it dies. */
class EmbeddedPostgresTest {

    /** What initdb -A trust (zonky's) wrote, and what older versions of the server left on every data directory. */
    private static final String OLD_TRUSTING_HBA = """
            local all all trust
            host all all 127.0.0.1/32 trust
            host all all ::1/128 trust
            """;

    @TempDir
    Path directory;

    private final String key = TestServer.randomKey();
    private ChildServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private ChildServer start(Map<String, String> settings) {
        var environment = new HashMap<>(Map.of("INVOIS_API_KEY", key, "INVOIS_DATA_DIR", directory.resolve("data").toString()));
        environment.putAll(settings);
        return ChildServer.start(environment, directory.resolve("server.log"));
    }

    @Test
    void the_embedded_postgres_refuses_logins_without_the_servers_password_and_commits_durably() throws Exception {
        server = start(Map.of());
        var data = new EmbeddedDataDir(directory.resolve("data"));

        assertRefused(data, null);
        assertRefused(data, "postgres");
        assertRefused(data, data.password() + "x");
        try (var connection = data.login(data.password()); var statement = connection.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes", "password_encryption"}) {
                try (var result = statement.executeQuery("SHOW " + setting)) {
                    result.next();
                    assertThat(result.getString(1)).as(setting).isIn("on", "scram-sha-256");
                }
            }
        }
        assertThat(Files.readString(data.path().resolve("postgres").resolve("pg_hba.conf"))).doesNotContain("trust");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.path().resolve("postgres-password")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.path()))).isEqualTo("rwx------");
    }

    @Test
    void a_data_directory_left_open_by_an_older_version_is_closed_at_start_and_synchronous_commit_can_be_turned_off() throws Exception {
        server = start(Map.of());
        server.close();
        var data = new EmbeddedDataDir(directory.resolve("data"));
        Files.writeString(data.path().resolve("postgres").resolve("pg_hba.conf"), OLD_TRUSTING_HBA);
        Files.delete(data.path().resolve("postgres-password"));

        server = start(Map.of("INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT", "off"));

        assertRefused(data, null);
        assertThat(server.api(key).get(Api.PREFIX + "/users").status()).isEqualTo(200);
        try (var connection = data.login(data.password()); var statement = connection.createStatement();
             var result = statement.executeQuery("SHOW synchronous_commit")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void a_killed_embedded_postmaster_is_started_again_and_every_acknowledged_write_is_there() throws Exception {
        server = start(Map.of());
        var data = new EmbeddedDataDir(directory.resolve("data"));
        Api api = server.api(key);
        Response created = api.post(Api.PREFIX + "/users", Map.of("name", "Before Kill", "email", "before@example.com"));
        assertThat(created.status()).isEqualTo(201);
        long killed = data.postmasterPid();

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        awaitHealthyAgain(api, Duration.ofSeconds(60));
        assertThat(data.postmasterPid()).as("a new postmaster").isNotEqualTo(killed);
        assertThat(api.get(Api.PREFIX + "/users/" + created.json().get("id").asText()).status()).isEqualTo(200);
        assertThat(api.post(Api.PREFIX + "/users", Map.of("name", "After Kill", "email", "after@example.com")).status()).isEqualTo(201);
        assertThat(server.output()).contains("The embedded PostgreSQL (pid " + killed + ") died: starting it again");
    }

    private static void assertRefused(EmbeddedDataDir data, String password) {
        assertThatThrownBy(() -> data.login(password).close()).as("login with password %s", password)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(e.getMessage()).isIn("28P01", "08004"));
    }

    /** The kill is seen within a second; until PostgreSQL is back /health is 503. */
    private static void awaitHealthyAgain(Api api, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean sawOutage = false;
        while (System.nanoTime() < deadline) {
            int status = api.raw("GET", "/health", null, Map.of()).status();
            sawOutage |= status == 503;
            if (sawOutage && status == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/health did not answer 503 then 200 within " + patience);
    }
}
