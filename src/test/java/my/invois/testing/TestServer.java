package my.invois.testing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import my.invois.App;
import my.invois.auth.ApiKeys;
import my.invois.auth.AuthFailureLimiter;
import my.invois.auth.ClientAddresses;
import my.invois.config.ClientLimits;
import my.invois.config.ConfigLoader;
import my.invois.config.KeyEntry;
import my.invois.config.Limits;
import my.invois.config.Tier;
import my.invois.config.TierLimits;
import my.invois.db.Database;
import my.invois.db.Ids;
import my.invois.einvoices.signing.DocumentSigner;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoices.signing.SigningKeys;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.einvoices.ValidationLinks;
import my.invois.jobs.Jobs;
import my.invois.metrics.Metrics;
import my.invois.orders.MonthClose;
import my.invois.jobs.Jobs;
import my.invois.myinvois.Accounts;
import my.invois.myinvois.Engine;
import my.invois.myinvois.LhdnAccess;
import my.invois.myinvois.LhdnAccount;
import my.invois.myinvois.MyInvois;
import my.invois.orders.OrderOutcomes;
import java.util.function.Function;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.ratelimit.RateLimiter;
import my.invois.secrets.SecretBox;
import my.invois.users.UserSearch;

/** The real app on a random loopback port, on the test PostgreSQL. */
public final class TestServer implements AutoCloseable {

    /** High enough that ordinary tests never meet the limiter. */
    public static final TierLimits GENEROUS = new TierLimits(Map.of(
            Tier.DEFAULT, new Limits(1_000_000, 1_000_000, 1_000_000),
            Tier.PREMIUM, new Limits(1_000_000, 1_000_000, 1_000_000),
            Tier.ENTERPRISE, new Limits(1_000_000, 1_000_000, 1_000_000)));

    /** The shared server meets thousands of deliberate authentication failures from 127.0.0.1 (the fuzzers). */
    public static final int GENEROUS_AUTH_FAILURES = 1_000_000;

    /**
     * The JDK HttpClient keeps an idle connection for 30 s, the server's default idle timeout
     * is also 30 s: a POST sent on a connection the server closes at that instant fails (it is
     * not retried). Longer here, the client always retires its connection first.
     */
    static final Duration KEEP_ALIVE_OUTLASTING_THE_CLIENT = Duration.ofMinutes(2);

    /** Far from anything the tests open from 127.0.0.1 (the fuzzers, the load tests). */
    public static final ClientLimits GENEROUS_CLIENT_LIMITS = new ClientLimits(10_000, 10_000, Duration.ofSeconds(20));
    /** The key the test servers seal stored secrets with; tests open what they read from the database with it. */
    private static final char[] SIGNING_PASSWORD = "test-signer".toCharArray();
    public static final SecretBox SECRET_BOX = new SecretBox(randomBytes(SecretBox.KEY_BYTES));

    /** Version 1.1 with a test certificate, made once per test JVM: generating an RSA key is slow. */
    public static final DocumentSigning SIGNING = new DocumentSigner(SigningKeys.fromPkcs12(TestCertificate.pkcs12(
            TestCertificate.ZERO_SET_UP, SIGNING_PASSWORD,
            Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(3650)), SIGNING_PASSWORD));
    /** LHDN's sandbox portal: links are only printed, never fetched. */
    public static final ValidationLinks VALIDATION_LINKS = new ValidationLinks("https://preprod.myinvois.hasil.gov.my");

    /** The Shopify app's client secrets of the test servers: the old one and the new one, as during a rotation. */
    public static final List<String> SHOPIFY_SECRETS = List.of("shpss_" + randomKey(), "shpss_" + randomKey());

    private static TestServer shared;

    /** The jobs of a server started with them: often, so a test polls for their result within a second. */
    static final Duration JOBS_EVERY = Duration.ofMillis(100);
    /** The engine's jobs in tests: often, so that a document is Valid within seconds. */
    static final Duration ENGINE_EVERY = Duration.ofMillis(200);

    private final Javalin app;
    private final String key;
    private final Optional<Jobs> jobs;
    private final App.Dependencies deps;

    private TestServer(Javalin app, String key, Optional<Jobs> jobs, App.Dependencies deps) {
        this.app = app;
        this.key = key;
        this.jobs = jobs;
        this.deps = deps;
    }

    /** The server most tests share: generous limits, one default-tier key. */
    public static synchronized TestServer shared() {
        if (shared == null) {
            shared = start(GENEROUS, new LocalRateLimiter(), Clock.systemUTC());
        }
        return shared;
    }

    public static TestServer start(TierLimits limits, RateLimiter limiter, Clock clock) {
        String key = randomKey();
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, key)), limits, limiter, clock);
    }

    public static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock) {
        return start(keys, limits, limiter, clock, TestDatabase.METRICS, true);
    }

    /** With the metrics given, served at /metrics on the API port or (false) not there. */
    public static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock,
            Metrics metrics, boolean metricsOnApiPort) {
        return start(keys, limits, limiter, clock, TestDatabase.get(), metrics, metricsOnApiPort,
                GENEROUS_AUTH_FAILURES, KEEP_ALIVE_OUTLASTING_THE_CLIENT, GENEROUS_CLIENT_LIMITS, false);
    }

    /** On a database of the test's own (one it may close, to play an outage). */
    public static TestServer on(Database database) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                database, Metrics.off(), false, GENEROUS_AUTH_FAILURES, KEEP_ALIVE_OUTLASTING_THE_CLIENT, GENEROUS_CLIENT_LIMITS, false);
    }

    /** A small pool, a strict lock-out, a short idle timeout: chosen by the test. */
    public static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock, Database database,
                                   int authFailuresPerMinute, Duration idleTimeout) {
        return start(keys, limits, limiter, clock, database, Metrics.off(), false, authFailuresPerMinute, idleTimeout,
                GENEROUS_CLIENT_LIMITS, false);
    }

    /** Connection caps and a read timeout chosen by the test, on the shared test database. */
    public static TestServer withClientLimits(ClientLimits clientLimits) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                TestDatabase.get(), Metrics.off(), false, GENEROUS_AUTH_FAILURES, KEEP_ALIVE_OUTLASTING_THE_CLIENT, clientLimits, false);
    }

    /** Metrics on the API port, with a strict lock-out chosen by the test. */
    public static TestServer withMetrics(int authFailuresPerMinute) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                TestDatabase.get(), TestDatabase.METRICS, true, authFailuresPerMinute, KEEP_ALIVE_OUTLASTING_THE_CLIENT,
                GENEROUS_CLIENT_LIMITS, false);
    }

    /** As behind a reverse proxy (INVOIS_TRUST_PROXY=true), with a strict lock-out. */
    public static TestServer behindProxy(int authFailuresPerMinute) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                TestDatabase.get(), Metrics.off(), false, authFailuresPerMinute, KEEP_ALIVE_OUTLASTING_THE_CLIENT,
                GENEROUS_CLIENT_LIMITS, true);
    }

    /** With no SHOPIFY_API_SECRET, or the Shopify secrets and the lock-out chosen by the test. */
    public static TestServer withShopifySecrets(List<String> shopifySecrets, int authFailuresPerMinute) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                TestDatabase.get(), Metrics.off(), false, authFailuresPerMinute, KEEP_ALIVE_OUTLASTING_THE_CLIENT,
                GENEROUS_CLIENT_LIMITS, false, shopifySecrets);
    }

    private static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock, Database database,
                                    Metrics metrics, boolean metricsOnApiPort, int authFailuresPerMinute, Duration idleTimeout,
                                    ClientLimits clientLimits, boolean trustProxy) {
        return start(keys, limits, limiter, clock, database, metrics, metricsOnApiPort, authFailuresPerMinute, idleTimeout,
                clientLimits, trustProxy, SHOPIFY_SECRETS);
    }

    /**
     * With the recurring jobs running (the shared server runs none: its tests read deliveries and
     * orders as the requests left them). Close it after the test class: its jobs work the shared
     * database.
     */
    public static TestServer withJobs(Clock clock) {
        TestServer server = start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), clock,
                TestDatabase.get(), Metrics.off(), false, GENEROUS_AUTH_FAILURES, KEEP_ALIVE_OUTLASTING_THE_CLIENT,
                GENEROUS_CLIENT_LIMITS, false, SHOPIFY_SECRETS);
        Jobs jobs = Jobs.start(TestDatabase.get().pool(), App.recurringJobs(server.deps, JOBS_EVERY), List.of(), JOBS_EVERY, 1);
        return new TestServer(server.app, server.key, Optional.of(jobs), server.deps);
    }

    private static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock, Database database,
                                    Metrics metrics, boolean metricsOnApiPort, int authFailuresPerMinute, Duration idleTimeout,
                                    ClientLimits clientLimits, boolean trustProxy, List<String> shopifySecrets) {
        return start(keys, limits, limiter, clock, database, metrics, metricsOnApiPort, authFailuresPerMinute, idleTimeout, clientLimits,
                trustProxy, shopifySecrets, SharedSimulator.access());
    }

    /** Without jobs, its buyer requests' Validate TIN asked of {@code lhdn} (a simulator of the test's own). */
    public static TestServer withLhdn(LhdnAccess lhdn) {
        return start(List.of(new KeyEntry("test", Tier.DEFAULT, randomKey())), GENEROUS, new LocalRateLimiter(), Clock.systemUTC(),
                TestDatabase.get(), Metrics.off(), false, GENEROUS_AUTH_FAILURES, KEEP_ALIVE_OUTLASTING_THE_CLIENT,
                GENEROUS_CLIENT_LIMITS, false, SHOPIFY_SECRETS, lhdn);
    }

    private static TestServer start(List<KeyEntry> keys, TierLimits limits, RateLimiter limiter, Clock clock, Database database,
                                    Metrics metrics, boolean metricsOnApiPort, int authFailuresPerMinute, Duration idleTimeout,
                                    ClientLimits clientLimits, boolean trustProxy, List<String> shopifySecrets, LhdnAccess lhdn) {
        var deps = new App.Dependencies(new ApiKeys(keys), database, limiter, limits, clock, new Ids(), Duration.ofSeconds(5),
                metrics, metricsOnApiPort, new AuthFailureLimiter(authFailuresPerMinute, Duration.ofSeconds(60), clock),
                new ClientAddresses(trustProxy), idleTimeout, clientLimits, ConfigLoader.DEFAULT_HTTP_THREADS, SECRET_BOX, SIGNING, shopifySecrets, VALIDATION_LINKS,
                MonthClose.OverLimit.INDIVIDUAL, lhdn, new UserSearch(database.jdbi()));
        Javalin app = App.create(deps).start("127.0.0.1", 0);
        return new TestServer(app, keys.get(0).secret(), Optional.empty(), deps);
    }

    /**
     * E6: with the submission engine's jobs running against {@code lhdn} (the simulator), which also
     * answers the buyer requests' Validate TIN, polling the jobs table often; metrics of its own (the
     * engine's gauges are bound to this server) on /metrics.
     */
    public static TestServer withEngine(MyInvois lhdn, Function<String, LhdnAccount> intermediary, String portalUrl, Clock clock) {
        String key = randomKey();
        Database database = TestDatabase.get();
        Metrics metrics = Metrics.prometheus();
        var deps = new App.Dependencies(new ApiKeys(List.of(new KeyEntry("test", Tier.DEFAULT, key))), database, new LocalRateLimiter(),
                GENEROUS, clock, new Ids(), Duration.ofSeconds(5), metrics, true,
                new AuthFailureLimiter(GENEROUS_AUTH_FAILURES, Duration.ofSeconds(60), clock), new ClientAddresses(false),
                KEEP_ALIVE_OUTLASTING_THE_CLIENT, GENEROUS_CLIENT_LIMITS, ConfigLoader.DEFAULT_HTTP_THREADS, SECRET_BOX, SIGNING, SHOPIFY_SECRETS, new ValidationLinks(portalUrl),
                MonthClose.OverLimit.INDIVIDUAL, new LhdnAccess(lhdn, intermediary), new UserSearch(database.jdbi()));
        Javalin app = App.create(deps).start("127.0.0.1", 0);
        var settings = App.settings(deps);
        // Every job of the product: the engine's, and the webhook, privacy and consolidation jobs.
        var recurring = new ArrayList<RecurringTask<?>>(App.recurringJobs(deps, JOBS_EVERY));
        recurring.addAll(Engine.tasks(database.jdbi(), lhdn, new Accounts(settings, intermediary),
                new OrderOutcomes(settings, new Ids(), SIGNING, clock), new Ids(), clock, ENGINE_EVERY, metrics.registry()));
        Jobs jobs = Jobs.start(database.pool(), recurring, List.of(), JOBS_EVERY, 2);
        return new TestServer(app, key, Optional.of(jobs), deps);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "test_" + HexFormat.of().formatHex(bytes);
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + app.port(), key);
    }

    public int port() {
        return app.port();
    }

    /** This server's user search: tests fold its log when they choose (no server of the tests folds on its own). */
    public UserSearch userSearch() {
        return deps.userSearch();
    }

    public String key() {
        return key;
    }

    @Override
    public void close() {
        jobs.ifPresent(Jobs::close);
        app.stop();
    }
}
