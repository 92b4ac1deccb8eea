package my.invois.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import my.invois.testing.ChildServer;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A newcomer's first screen: the server's own lines, not Logback's status or Flyway's result tables. */
class StartupOutputTest {

    private static final String OWN_LINE = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z (INFO |WARN |ERROR) \\[.+\\] \\S+ - .+";
    private final String database = "startup_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void createDatabase() {
        TestDatabase.createDatabase(database);
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropDatabase(database);
    }

    @Test
    void a_first_start_on_an_empty_database_prints_only_the_servers_own_few_lines() throws Exception {
        Path log = Files.createTempFile("invois-startup", ".log");
        String url = "postgresql://postgres@localhost:" + TestDatabase.port() + "/" + database;
        try (ChildServer server = ChildServer.start(Map.of("INVOIS_API_KEY", TestServer.randomKey(), "DATABASE_URL", url), log)) {
            List<String> lines = server.output().lines().takeWhile(line -> !line.contains("Invois serving on port")).toList();

            assertThat(lines).as("every line is one of ours").allMatch(line -> line.matches(OWN_LINE));
            // Six: the built-in MyInvois simulator announces itself, and the server says e-invoices go to it.
            assertThat(lines).as("a few lines before serving").hasSizeLessThanOrEqualTo(6);
            assertThat(String.join("\n", lines)).containsPattern("Database schema at version \\d+ \\(\\d+ migrations applied now\\)");
        }
    }
}
