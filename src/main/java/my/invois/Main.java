package my.invois;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import my.invois.auth.ApiKeys;
import my.invois.auth.AuthFailureLimiter;
import my.invois.auth.ClientAddresses;
import my.invois.auth.DevelopmentKey;
import my.invois.config.Config;
import my.invois.config.ConfigException;
import my.invois.config.ConfigLoader;
import my.invois.config.DatabaseUrl;
import my.invois.config.KeyEntry;
import my.invois.config.SigningKeystore;
import my.invois.db.Connection;
import my.invois.db.Database;
import my.invois.db.EmbeddedDatabase;
import my.invois.db.Ids;
import my.invois.einvoices.signing.DocumentSigner;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoices.signing.EinvoiceVersion;
import my.invois.einvoices.signing.SigningKey;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.jobs.Jobs;
import my.invois.ratelimit.FallbackRateLimiter;
import my.invois.metrics.Metrics;
import my.invois.metrics.MetricsServer;
import my.invois.einvoices.ValidationLinks;
import my.invois.myinvois.Accounts;
import my.invois.myinvois.Engine;
import my.invois.myinvois.MyInvoisSetup;
import my.invois.orders.OrderOutcomes;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.ratelimit.RateLimiter;
import my.invois.ratelimit.UnlimitedRateLimiter;
import my.invois.secrets.GeneratedSecretKey;
import my.invois.secrets.SecretBox;
import my.invois.secrets.SecretKeys;
import my.invois.simulator.SimulatorMain;
import my.invois.users.UserSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/** Reads the configuration and wires everything by hand, in dependency order. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** After Redis fails, how long requests skip it before one request probes it again. */
    private static final Duration REDIS_BACKOFF = Duration.ofSeconds(1);
    private static final Duration REDIS_START_PATIENCE = Duration.ofSeconds(2);
    /** The embedded PostgreSQL died and could not be started again: a supervisor should start the server afresh. */
    private static final int EXIT_DATABASE_LOST = 3;
    private static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);
    /** E3: a stored delivery is worked within seconds of its 200 (Shopify needs none of it in the request). */
    private static final Duration WEBHOOKS_EVERY = Duration.ofSeconds(2);
    /** How often the scheduler looks for due executions: a recurring job runs at most this late. */
    private static final Duration JOBS_POLLING = Duration.ofSeconds(1);
    private static final int JOBS_THREADS = 4;
    /** How often the user search log is folded into its base totals (UserSearch). */
    private static final Duration SEARCH_FOLDS_EVERY = Duration.ofSeconds(1);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("simulator")) {
            SimulatorMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
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
        // Closed in this order by the shutdown hook, or at once if the start fails: the app first
        // (draining requests in flight), the embedded PostgreSQL last.
        var resources = new CopyOnWriteArrayList<AutoCloseable>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing requests in flight (at most {} s)", config.drainTimeout().toSeconds());
            closeAll(resources);
            log.info("Stopped");
        }, "invois-shutdown"));
        exitZeroOnSigterm();
        try {
            start(config, resources);
        } catch (ConfigException e) {
            System.err.println("Invois cannot start: " + e.getMessage());
            closeAll(resources);
            System.exit(2);
        } catch (RuntimeException e) {
            // The embedded PostgreSQL is a process of its own: stop it rather than leave it running.
            closeAll(resources);
            throw e;
        }
    }

    private static void start(Config config, List<AutoCloseable> resources) {
        Connection connection = config.databaseUrl()
                .map(url -> {
                    DatabaseUrl parsed = DatabaseUrl.parse(url);
                    return new Connection(parsed.jdbcUrl(), parsed.user(), parsed.password());
                })
                .orElseGet(() -> {
                    EmbeddedDatabase embedded = EmbeddedDatabase.start(config.dataDir(), config.embeddedSynchronousCommit());
                    resources.add(embedded);
                    embedded.watch(() -> System.exit(EXIT_DATABASE_LOST));
                    log.info("Embedded PostgreSQL serving {} on port {}", config.dataDir().resolve("postgres"), embedded.port());
                    return embedded.connection();
                });
        ApiKeys keys = new ApiKeys(keys(config));
        SecretBox secretBox = secretBox(config);
        Metrics metrics = config.metricsEnabled() ? Metrics.prometheus() : Metrics.off();
        Database database = Database.open(connection, config.databasePoolSize(), config.databaseTimeout(), metrics.registry());
        resources.add(0, database);
        RateLimiter limiter = limiter(config);
        resources.add(0, limiter);

        DocumentSigning signing = signing(config);
        MyInvoisSetup myinvois = MyInvoisSetup.start(config.myinvois(), database, secretBox, Clock.systemUTC());
        resources.add(0, myinvois);

        var userSearch = new UserSearch(database.jdbi());
        var authFailures = new AuthFailureLimiter(config.authFailuresPerMinute(), config.authLockout(), Clock.systemUTC());
        var deps = new App.Dependencies(keys, database, limiter, config.tierLimits(),
                Clock.systemUTC(), new Ids(), config.drainTimeout(), metrics, config.metricsPort().isEmpty(),
                authFailures, new ClientAddresses(config.trustProxy()), config.idleTimeout(), config.clientLimits(), config.httpThreads(), secretBox, signing,
                config.shopifyApiSecrets(), new ValidationLinks(myinvois.portalUrl()), config.overLimitFallback(), myinvois.access(),
                userSearch);
        Javalin app = App.create(deps);
        if (config.shopifyApiSecrets().isEmpty()) {
            log.warn("No SHOPIFY_API_SECRET set: every Shopify webhook is refused (401)");
        }
        resources.add(0, app::stop);
        config.metricsPort().ifPresent(port -> {
            resources.add(0, MetricsServer.start(port, metrics));
            log.info("Metrics served on port {} at /metrics", port);
        });
        app.start(config.port());
        log.info("Invois serving on port {}", app.port());
        resources.add(0, userSearch.startFolding(SEARCH_FOLDS_EVERY));
        // After the app, closed before it and the database (a close waits for running executions).
        var recurring = new ArrayList<RecurringTask<?>>(App.recurringJobs(deps, WEBHOOKS_EVERY));
        recurring.addAll(engineTasks(deps, myinvois));
        resources.add(0, Jobs.start(database.pool(), recurring, List.of(), JOBS_POLLING, JOBS_THREADS));
    }

    /** E6: the submission engine's jobs ({@code submit}, {@code poll}, {@code cancel}). */
    private static List<RecurringTask<?>> engineTasks(App.Dependencies deps, MyInvoisSetup myinvois) {
        var settings = App.settings(deps);
        return Engine.tasks(deps.database().jdbi(), myinvois.myInvois(), new Accounts(settings, myinvois::intermediary),
                new OrderOutcomes(settings, deps.ids(), deps.signing(), deps.clock()), deps.ids(), deps.clock(), Engine.EVERY,
                deps.metrics().registry());
    }

    /** SPEC D: counters in Redis when REDIS_URL is set, falling back to local ones while it is away. */
    private static RateLimiter limiter(Config config) {
        if (!config.rateLimitsEnabled()) {
            return new UnlimitedRateLimiter();
        }
        if (config.redisUrl().isEmpty()) {
            return new LocalRateLimiter();
        }
        return FallbackRateLimiter.overRedis(
                config.redisUrl().get(), config.redisTimeout(), config.instances(), REDIS_BACKOFF, REDIS_START_PATIENCE);
    }

    /**
     * SPEC E: a SIGTERM stop exits 0. The JVM's own SIGTERM handling runs the shutdown hooks and
     * then exits 143; answering the signal with System.exit(0) runs the same hooks (the drain)
     * and reports success. Only SIGTERM changes: a failure still exits non-zero, which a
     * Runtime.halt(0) at the end of the hook would hide. sun.misc.Signal (module jdk.unsupported)
     * is the JDK's one signal API, kept available on purpose (JEP 260).
     */
    private static void exitZeroOnSigterm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException e) {
            log.warn("Cannot handle SIGTERM ({}): a stop by SIGTERM will exit 143", e.getMessage());
        }
    }

    /** E1: version 1.1 signs with INVOIS_SIGNING_KEYSTORE's key, or (zero set-up) with a self-signed test certificate. */
    private static DocumentSigning signing(Config config) {
        if (config.einvoiceVersion() == EinvoiceVersion.V1_0) {
            log.info("E-invoices are version 1.0: submitted unsigned");
            return DocumentSigning.unsigned();
        }
        Instant now = Instant.now();
        // Without a keystore, TestCertificate says in its own line that a TEST certificate signs.
        SigningKey key = config.signingKeystore().map(keystore -> {
            log.info("E-invoices are version 1.1, signed with the certificate of {} valid until {}",
                    keystore.key().subject(), keystore.key().notAfter());
            return keystore.key();
        }).orElseGet(() -> TestCertificate.loadOrCreate(config.dataDir(), now));
        if (key.notAfter().isBefore(now.plus(CERTIFICATE_WARNING))) {
            log.warn("The signing certificate expires on {}: renew it before then, or LHDN refuses every document", key.notAfter());
        }
        return new DocumentSigner(key);
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

    private static SecretBox secretBox(Config config) {
        SecretBox box = SecretKeys.box(config.secretKey(), config.databaseUrl().isPresent(), config.dataDir());
        if (config.secretKey().isEmpty()) {
            log.info("No INVOIS_SECRET_KEY set: stored secrets are sealed with the key kept in {}",
                    GeneratedSecretKey.file(config.dataDir()));
        }
        return box;
    }

    /** Closes and forgets each, so that the hook has nothing left to close after a failed start. */
    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            resources.remove(resource);
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not close {}: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
