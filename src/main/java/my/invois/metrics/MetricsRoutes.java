package my.invois.metrics;

import io.javalin.config.RoutesConfig;

/** GET /metrics on the API port (the default): no key, like /health; operators firewall it or move it. */
public final class MetricsRoutes {

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> ctx.contentType(Metrics.CONTENT_TYPE).result(metrics.scrape().orElse("")));
    }
}
