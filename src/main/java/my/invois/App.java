package my.invois;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import my.invois.config.TierLimits;
import my.invois.db.Database;
import my.invois.db.Ids;
import my.invois.docs.ApiDocs;
import my.invois.einvoices.EInvoiceRoutes;
import my.invois.einvoices.EInvoiceService;
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
import my.invois.memberships.MembershipService;
import my.invois.orders.OrderRoutes;
import my.invois.orders.OrderService;
import my.invois.organizations.OrganizationRoutes;
import my.invois.organizations.OrganizationService;
import my.invois.ratelimit.RateLimitFilter;
import my.invois.ratelimit.RateLimiter;
import my.invois.secrets.SecretBox;
import my.invois.shopify.ShopLinkRoutes;
import my.invois.shopify.ShopLinkService;
import my.invois.shopify.ShopifyWebhookRoutes;
import my.invois.shopify.ShopifyWebhookService;
import my.invois.users.UserRoutes;
import my.invois.users.UserService;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.LifeCycle;

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
            SecretBox secretBox,
            DocumentSigning signing,
            List<String> shopifyApiSecrets,
            String myInvoisPortalUrl) {
    }

    private App() {
    }

    public static Javalin create(Dependencies deps) {
        ObjectMapper mapper = Json.mapper();
        var requests = new Requests(mapper);
        var users = new UserRoutes(new UserService(deps.database().jdbi(), deps.ids(), deps.clock()), requests);
        var organizations = new OrganizationRoutes(new OrganizationService(deps.database().jdbi(), deps.ids(), deps.clock()), requests);
        var memberships = new MembershipRoutes(new MembershipService(deps.database().jdbi(), deps.ids(), deps.clock()), requests);
        var settingsService = new EinvoiceSettingsService(deps.database().jdbi(), deps.secretBox(),
                new CertificateOfTheTin(deps.clock()), deps.clock());
        var einvoiceSettings = new EinvoiceSettingsRoutes(settingsService, requests);
        var shopLinks = new ShopLinkRoutes(new ShopLinkService(deps.database().jdbi(), deps.clock()), requests);
        var orders = new OrderRoutes(new OrderService(deps.database().jdbi(), settingsService, deps.ids(), deps.signing(),
                deps.clock()), requests);
        var einvoices = new EInvoiceRoutes(new EInvoiceService(deps.database().jdbi(), deps.ids(), deps.clock()), requests,
                deps.myInvoisPortalUrl());
        var shopifyWebhooks = new ShopifyWebhookRoutes(new ShopifyWebhookService(deps.database().jdbi(), mapper, deps.ids(), deps.clock()),
                deps.shopifyApiSecrets(), requests, deps.authFailures(), deps.addresses());
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
            shopifyWebhooks.register(config.routes);
        });
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
