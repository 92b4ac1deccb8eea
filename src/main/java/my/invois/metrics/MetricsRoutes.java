package my.invois.metrics;

import io.javalin.config.RoutesConfig;

/**
 * GET /metrics on the API port (the default), behind an integration key (App): key labels are
 * not for the public. INVOIS_METRICS_PORT moves it to a private port, without a key.
 */
public final class MetricsRoutes {

    public static final String PATH = "/metrics";

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape().orElse("")));
    }
}
