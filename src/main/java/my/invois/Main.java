package my.invois;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import my.invois.auth.ApiKeys;
import my.invois.auth.AuthFailureLimiter;
import my.invois.auth.ClientAddresses;
import my.invois.auth.DevelopmentKey;
import my.invois.config.Config;
import my.invois.config.ConfigException;
import my.invois.config.ConfigLoader;
import my.invois.config.DatabaseUrl;
import my.invois.config.KeyEntry;
import my.invois.db.Connection;
import my.invois.db.Database;
import my.invois.db.EmbeddedDatabase;
import my.invois.db.Ids;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.ratelimit.RateLimiter;
import my.invois.ratelimit.UnlimitedRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Reads the configuration and wires everything by hand, in dependency order. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Config config;
        try {
            config = ConfigLoader.load(System.getenv(), args);
        } catch (ConfigException e) {
            System.err.println("Invois cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting with {}", config);
        var resources = new ArrayList<AutoCloseable>();
        try {
            start(config, resources);
        } catch (ConfigException e) {
            System.err.println("Invois cannot start: " + e.getMessage());
            closeAll(resources);
            System.exit(2);
        }
    }

    private static void start(Config config, List<AutoCloseable> resources) {
        Connection connection = config.databaseUrl()
                .map(url -> {
                    DatabaseUrl parsed = DatabaseUrl.parse(url);
                    return new Connection(parsed.jdbcUrl(), parsed.user(), parsed.password());
                })
                .orElseGet(() -> {
                    EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir());
                    resources.add(embedded);
                    log.info("Embedded PostgreSQL serving {} on port {}", config.dataDir().resolve("postgres"), embedded.port());
                    return embedded.connection();
                });
        ApiKeys keys = new ApiKeys(keys(config));
        Database database = Database.open(connection, config.databasePoolSize(), config.databaseTimeout());
        resources.add(0, database);
        RateLimiter limiter = config.rateLimitsEnabled() ? new LocalRateLimiter() : new UnlimitedRateLimiter();
        resources.add(0, limiter);

        var authFailures = new AuthFailureLimiter(config.authFailuresPerMinute(), config.authLockout(), Clock.systemUTC());
        Javalin app = App.create(new App.Dependencies(keys, database, limiter, config.tierLimits(),
                Clock.systemUTC(), new Ids(), config.drainTimeout(), authFailures, new ClientAddresses(config.trustProxy()),
                config.idleTimeout()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing requests in flight (at most {} s)", config.drainTimeout().toSeconds());
            app.stop();
            closeAll(resources);
            log.info("Stopped");
        }, "invois-shutdown"));
        app.start(config.port());
        log.info("Invois serving on port {}", app.port());
    }

    private static List<KeyEntry> keys(Config config) {
        if (!config.apiKeys().isEmpty()) {
            return config.apiKeys();
        }
        if (config.databaseUrl().isPresent()) {
            throw new ConfigException("INVOIS_API_KEY (or INVOIS_API_KEYS) must be set when DATABASE_URL is set;"
                    + " a development key is generated only for the embedded database");
        }
        KeyEntry key = DevelopmentKey.loadOrCreate(config.dataDir());
        log.info("No INVOIS_API_KEY set: using the development key kept in {}: {}", DevelopmentKey.file(config.dataDir()), key.secret());
        return List.of(key);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not close {}: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
