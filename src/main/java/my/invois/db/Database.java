package my.invois.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connection pool, the schema migrations and Jdbi on top, for one PostgreSQL database. */
public final class Database implements AutoCloseable {

    /** Bounds a query on a lost or stuck server so that the request becomes a 503, not a hang. */
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(Database::withoutArguments);
    }

    /**
     * A failed statement is logged with its SQL but never its arguments: Jdbi's default message
     * quotes them, and they are emails, names, phones and dates of birth.
     */
    private static String withoutArguments(StatementException error) {
        StatementContext context = error.getStatementContext();
        String sql = context == null ? null : context.getRawSql();
        String message = StatementExceptions.MessageRendering.NONE.apply(error);
        return sql == null ? message : message + " [statement: " + abbreviated(sql) + "]";
    }

    private static String abbreviated(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + "…";
    }

    /**
     * Migrates first (Flyway's advisory lock makes concurrent starts safe), then opens a pool
     * that waits at most {@code timeout} for a connection. The pool reports its usage to
     * {@code meters} (hikaricp_connections_*, tagged pool="invois").
     */
    public static Database open(Connection connection, int poolSize, Duration timeout, MeterRegistry meters) {
        migrate(connection);
        var config = new HikariConfig();
        config.setPoolName("invois");
        config.setJdbcUrl(connection.jdbcUrl());
        connection.user().ifPresent(config::setUsername);
        connection.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(timeout.toMillis());
        config.setValidationTimeout(Math.min(1_000, timeout.toMillis()));
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(1, timeout.toSeconds())));
        config.addDataSourceProperty("socketTimeout", String.valueOf(STATEMENT_TIMEOUT.toSeconds() + 5));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // PostgreSQL's DETAIL quotes the row a constraint refused ("Key (email)=(…)"): not for the log.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.setConnectionInitSql("SET statement_timeout = " + STATEMENT_TIMEOUT.toMillis());
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return new Database(new HikariDataSource(config));
    }

    private static void migrate(Connection connection) {
        Flyway flyway = Flyway.configure()
                .dataSource(connection.jdbcUrl(), connection.user().orElse(null), connection.password().orElse(null))
                .locations("classpath:db/migration")
                .load();
        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo current = flyway.info().current();
        log.info("Database schema at version {} ({} migrations applied now)", current == null ? "none" : current.getVersion(), applied);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource pool() {
        return pool;
    }

    /** True when a connection answers a trivial query right now. */
    public boolean isReachable() {
        try (var connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
