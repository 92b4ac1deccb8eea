package my.invois.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import my.invois.db.Connection;
import my.invois.db.Database;
import my.invois.metrics.Metrics;
import org.jdbi.v3.core.Jdbi;

/** One real PostgreSQL per test JVM, migrated once; tables cleared per test. */
public final class TestDatabase {

    /** The test servers' metrics: the shared pool reports into them, as in production. */
    public static final Metrics METRICS = Metrics.prometheus();
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
            database = Database.open(connection(), 20, Duration.ofSeconds(2), METRICS.registry());
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
        }
        return database;
    }

    public static Connection connection() {
        return new Connection(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
    }

    /** Runs slow set-up statements on a connection of their own, free of the pool's timeouts. */
    public static void bulk(String... statements) {
        Connection connection = connection();
        Jdbi.create(connection.jdbcUrl(), connection.user().orElseThrow(), "").useHandle(handle -> {
            for (String statement : statements) {
                handle.execute(statement);
            }
        });
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

    /**
     * lhdn_tin_checks stays: it holds LHDN's answers, not a test's state, and clearing it would have
     * every test's buyer ask a simulator again; the tests of that cache clear it themselves.
     */
    public static void clear() {
        get().jdbi().useHandle(handle -> handle.execute("TRUNCATE einvoice_status_changes, einvoice_orders, "
                + "einvoices, submissions, einvoice_numbers, order_refunds, orders, memberships, einvoice_settings, shops, organizations, users, "
                + "lhdn_budgets, lhdn_tokens, shopify_webhook_deliveries, privacy_exports"));
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
