package my.invois.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import my.invois.db.Connection;
import my.invois.db.Database;

/** One real PostgreSQL per test JVM, migrated once; tables cleared per test. */
public final class TestDatabase {

    private static EmbeddedPostgres postgres;
    private static Database database;

    private TestDatabase() {
    }

    public static synchronized Database get() {
        if (database == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            database = Database.open(connection(), 20, Duration.ofSeconds(2));
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
        }
        return database;
    }

    public static Connection connection() {
        return new Connection(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
    }

    /** A new, empty database on the test server, for a child server of its own; its JDBC URL. */
    public static String createDatabase(String name) {
        get().jdbi().useHandle(handle -> handle.execute("CREATE DATABASE " + name));
        return postgres.getJdbcUrl("postgres", name);
    }

    public static void dropDatabase(String name) {
        get().jdbi().useHandle(handle -> handle.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    public static int port() {
        get();
        return postgres.getPort();
    }

    public static void clear() {
        get().jdbi().useHandle(handle -> handle.execute("TRUNCATE memberships, organizations, users"));
    }

    public static long count(String sql) {
        return get().jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static void stop() {
        try {
            database.close();
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
