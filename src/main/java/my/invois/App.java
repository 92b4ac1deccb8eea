package my.invois;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import my.invois.auth.ApiKeyFilter;
import my.invois.auth.ApiKeys;
import my.invois.auth.AuthFailureLimiter;
import my.invois.auth.ClientAddresses;
import my.invois.config.ClientLimits;
import my.invois.consolidation.Consolidate;
import my.invois.consolidation.ConsolidationRoutes;
import my.invois.consolidation.ConsolidationService;
import my.invois.config.TierLimits;
import my.invois.db.Database;
import my.invois.db.Ids;
import my.invois.docs.ApiDocs;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.EInvoiceRoutes;
import my.invois.einvoices.EInvoiceService;
import my.invois.einvoices.ValidationLinks;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoicesettings.EinvoiceSettingsRoutes;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.http.AccessLog;
import my.invois.http.ConnectionsPerAddress;
import my.invois.http.ErrorMapping;
import my.invois.http.Health;
import my.invois.http.Json;
import my.invois.http.JsonErrorHandler;
import my.invois.http.RequestIds;
import my.invois.http.Requests;
import my.invois.http.WholeBodies;
import my.invois.memberships.MembershipRoutes;
import my.invois.metrics.Metrics;
import my.invois.metrics.MetricsRoutes;
import my.invois.metrics.RequestMetrics;
import my.invois.myinvois.LhdnAccess;
import my.invois.myinvois.TinChecks;
import my.invois.memberships.MembershipService;
import my.invois.orders.MonthClose;
import my.invois.orders.OrderRedaction;
import my.invois.orders.OrderRoutes;
import my.invois.orders.OrderService;
import my.invois.organizations.OrganizationRoutes;
import my.invois.organizations.OrganizationService;
import my.invois.ratelimit.RateLimitFilter;
import my.invois.ratelimit.RateLimiter;
import my.invois.secrets.SecretBox;
import my.invois.shopify.PrivacyExportRoutes;
import my.invois.shopify.PrivacyExportService;
import my.invois.shopify.ProcessPrivacyRequests;
import my.invois.shopify.ProcessWebhooks;
import my.invois.shopify.PrivacyPurge;
import my.invois.shopify.ShopLinkRoutes;
import my.invois.shopify.ShopLinkService;
import my.invois.shopify.ShopifyWebhookRoutes;
import my.invois.shopify.ShopifyWebhookService;
import my.invois.users.UserRoutes;
import my.invois.users.UserSearch;
import my.invois.users.UserService;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the HTTP application from its collaborators; Main and the tests start the same app. */
public final class App {

    public static final String API = "/api/integrations";

    public record Dependencies(
            ApiKeys keys,
            Database database,
            RateLimiter limiter,
            TierLimits tierLimits,
            Clock clock,
            Ids ids,
            Duration drainTimeout,
            Metrics metrics,
            boolean metricsOnApiPort,
            AuthFailureLimiter authFailures,
            ClientAddresses addresses,
            Duration idleTimeout,
            ClientLimits clientLimits,
            int httpThreads,
            SecretBox secretBox,
            DocumentSigning signing,
            List<String> shopifyApiSecrets,
            ValidationLinks validationLinks,
            MonthClose.OverLimit overLimitFallback,
            LhdnAccess lhdn,
            UserSearch userSearch) {
    }

    private App() {
    }

    public static Javalin create(Dependencies deps) {
        ObjectMapper mapper = Json.mapper();
        var requests = new Requests(mapper);
        var users = new UserRoutes(new UserService(deps.database().jdbi(), deps.userSearch(), deps.ids(), deps.clock()), requests);
        var organizations = new OrganizationRoutes(new OrganizationService(deps.database().jdbi(), deps.ids(), deps.clock()), requests);
        var memberships = new MembershipRoutes(new MembershipService(deps.database().jdbi(), deps.ids(), deps.clock()), requests);
        var settingsService = settings(deps);
        var einvoiceSettings = new EinvoiceSettingsRoutes(settingsService, requests);
        var shopLinks = new ShopLinkRoutes(new ShopLinkService(deps.database().jdbi(), deps.clock()), requests);
        var orderService = orders(deps, settingsService);
        var orders = new OrderRoutes(orderService, requests, deps.validationLinks());
        var consolidations = new ConsolidationRoutes(consolidations(deps, settingsService, orderService), requests);
        var einvoices = new EInvoiceRoutes(new EInvoiceService(deps.database().jdbi(), deps.ids(), deps.validationLinks(), deps.clock()),
                requests);
        var shopifyWebhooks = new ShopifyWebhookRoutes(new ShopifyWebhookService(deps.database().jdbi(), mapper, deps.ids(), deps.clock()),
                deps.shopifyApiSecrets(), requests, deps.authFailures(), deps.addresses());
        var privacyExports = new PrivacyExportRoutes(new PrivacyExportService(deps.database().jdbi()), mapper);
        var health = new Health(deps.database()::isReachable);
        var docs = ApiDocs.fromClasspath();
        var apiKeyFilter = new ApiKeyFilter(deps.keys(), deps.authFailures(), deps.addresses());
        var rateLimitFilter = new RateLimitFilter(deps.limiter(), deps.tierLimits(), deps.clock(), deps.metrics().registry());
        var requestMetrics = new RequestMetrics(deps.metrics().registry());
        var accessLog = new AccessLog();
        boolean metricsHere = deps.metrics().enabled() && deps.metricsOnApiPort();

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.prefer405over404 = true;
            // Requests past the pool's threads wait in arrival order (BENCHMARKS.md, webhook intake).
            var threads = new QueuedThreadPool(deps.httpThreads(), 8, 60_000);
            threads.setName("JettyServerThreadPool");
            config.jetty.threadPool = threads;
            config.http.maxRequestSize = Requests.MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> {
                // Inserted first, so inside GracefulHandler: a stop waits for a body still arriving.
                server.insertHandler(new WholeBodies(deps.clientLimits().requestReadTimeout(),
                        Map.of(ShopifyWebhookRoutes.PATH, ShopifyWebhookRoutes.MAX_BODY_BYTES)));
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(deps.drainTimeout().toMillis());
                server.addEventListener(connectionLimits(deps.idleTimeout(), deps.clientLimits()));
            });
            ErrorMapping.register(config);
            config.requestLogger.http((ctx, milliseconds) -> {
                requestMetrics.record(ctx, milliseconds);
                accessLog.write(ctx, milliseconds);
            });

            // SPEC A1: authentication runs before routing, so unknown paths are 401 without a key.
            config.routes.before(RequestIds::assign);
            config.routes.before(API + "/*", apiKeyFilter);
            config.routes.before(API + "/*", rateLimitFilter);
            if (metricsHere) {
                // Not rate limited: a busy integrator's 429s would stop the scrapes that show them (docs/API.md#metrics).
                config.routes.before(MetricsRoutes.PATH, apiKeyFilter.orBearer());
            }

            health.register(config.routes);
            docs.register(config.routes);
            if (metricsHere) {
                new MetricsRoutes(deps.metrics()).register(config.routes);
            }
            users.register(config.routes);
            organizations.register(config.routes);
            memberships.register(config.routes);
            einvoiceSettings.register(config.routes);
            shopLinks.register(config.routes);
            orders.register(config.routes);
            einvoices.register(config.routes);
            consolidations.register(config.routes);
            shopifyWebhooks.register(config.routes);
            privacyExports.register(config.routes);
        });
    }

    /** The recurring jobs, on the same services as the routes; Main starts them after the app. */
    public static List<RecurringTask<?>> recurringJobs(Dependencies deps, Duration webhooksEvery) {
        var settings = settings(deps);
        var orders = orders(deps, settings);
        return List.of(new ProcessWebhooks(deps.database().jdbi(), Json.mapper(), orders, deps.clock()).task(webhooksEvery),
                new ProcessPrivacyRequests(deps.database().jdbi(), Json.mapper(), new OrderRedaction(new EInvoiceRepository(deps.ids())),
                        deps.ids(), deps.clock()).task(webhooksEvery),
                new PrivacyPurge(deps.database().jdbi(), deps.clock()).task(),
                new Consolidate(consolidations(deps, settings, orders), deps.database().jdbi(), deps.clock(), deps.metrics().registry())
                        .task());
    }

    private static ConsolidationService consolidations(Dependencies deps, EinvoiceSettingsService settings, OrderService orders) {
        return new ConsolidationService(deps.database().jdbi(), settings, orders, deps.ids(), deps.signing(), deps.overLimitFallback(),
                deps.clock());
    }

    public static EinvoiceSettingsService settings(Dependencies deps) {
        return new EinvoiceSettingsService(deps.database().jdbi(), deps.secretBox(), new CertificateOfTheTin(deps.clock()), deps.clock());
    }

    private static OrderService orders(Dependencies deps, EinvoiceSettingsService settings) {
        var tins = new TinChecks(deps.database().jdbi(), deps.lhdn(), settings, deps.secretBox(), deps.clock());
        return new OrderService(deps.database().jdbi(), settings, deps.ids(), deps.signing(), tins, deps.clock());
    }

    /**
     * A client that connects and then sends nothing (or stops half-way) is disconnected after
     * the idle timeout; connections are capped in total (past the cap Jetty stops accepting) and
     * per address (past it a new connection is closed at once). Javalin adds its connector just
     * before the server starts, so the limits are set then.
     */
    private static LifeCycle.Listener connectionLimits(Duration idleTimeout, ClientLimits limits) {
        return new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle lifeCycle) {
                Server server = (Server) lifeCycle;
                var perAddress = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector network) {
                        network.setIdleTimeout(idleTimeout.toMillis());
                        network.addEventListener(perAddress);
                    }
                }
                server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            }
        };
    }
}
