package my.invois.deployment;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import my.invois.metrics.Metrics;
import my.invois.db.Database;
import my.invois.testing.Api;
import my.invois.testing.TestServer;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC E: starting two instances at once on an empty database is safe; the migrations run once. */
class ConcurrentStartTest {

    @TempDir
    Path directory;

    private RestartablePostgres postgres;
    private final List<Database> databases = new ArrayList<>();
    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
        databases.forEach(Database::close);
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void two_instances_started_at_the_same_moment_on_an_empty_database_both_serve_and_migrate_once() throws Exception {
        postgres = RestartablePostgres.startIn(directory.resolve("postgres"));
        Jdbi.create(postgres.jdbcUrl("postgres")).useHandle(handle -> handle.execute("CREATE DATABASE invois_fresh"));

        databases.addAll(openAtOnce(2));

        var fresh = Jdbi.create(postgres.jdbcUrl("invois_fresh"));
        List<String> applied = fresh.withHandle(handle -> handle.createQuery(
                "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank").mapTo(String.class).list());
        assertThat(applied).as("one history row per migration").isEqualTo(migrationsOnTheClasspath());
        long failed = fresh.withHandle(handle -> handle.createQuery("SELECT count(*) FROM flyway_schema_history WHERE NOT success")
                .mapTo(Long.class).one());
        assertThat(failed).as("failed migrations").isZero();
        for (Database database : databases) {
            servers.add(TestServer.on(database));
        }
        Api first = servers.get(0).api();
        Api second = servers.get(1).api();
        assertThat(first.get("/health").status()).isEqualTo(200);
        assertThat(second.get("/health").status()).isEqualTo(200);
        String id = aUser().create(first).get("id").asText();
        assertThat(second.get(Api.PREFIX + "/users/" + id).status()).isEqualTo(200);
    }

    /** Database.open migrates; two threads released together stand for two instances started together. */
    private List<Database> openAtOnce(int instances) throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(instances);
        try {
            var together = new CyclicBarrier(instances);
            var opened = new ArrayList<Future<Database>>();
            for (int i = 0; i < instances; i++) {
                opened.add(starts.submit(() -> {
                    together.await();
                    return Database.open(postgres.connection("invois_fresh"), 2, Duration.ofSeconds(2), Metrics.off().registry());
                }));
            }
            var databases = new ArrayList<Database>();
            for (Future<Database> database : opened) {
                databases.add(database.get(60, TimeUnit.SECONDS));
            }
            return databases;
        } finally {
            starts.shutdownNow();
        }
    }

    /** The versions of the migration scripts in src/main/resources/db/migration, in order. */
    private static List<String> migrationsOnTheClasspath() throws Exception {
        Path scripts = Path.of(ConcurrentStartTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(scripts)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9._]+__.*\\.sql"))
                    .map(name -> MigrationVersion.fromVersion(name.substring(1, name.indexOf("__"))))
                    .sorted()
                    .map(MigrationVersion::toString)
                    .toList();
        }
    }
}
