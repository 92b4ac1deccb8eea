package my.invois.metrics;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import my.invois.http.RouteTemplates;

/**
 * http_server_requests_seconds: every request, timed and counted by method, route template and
 * status, with histogram buckets for latency quantiles.
 */
public final class RequestMetrics {

    static final String NAME = "http.server.requests";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Context ctx, float milliseconds) {
        Timer.builder(NAME)
                .description("HTTP requests by method, route template and status")
                .tag("method", ctx.method().name())
                .tag("route", RouteTemplates.of(ctx))
                .tag("status", String.valueOf(ctx.statusCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos((long) (milliseconds * 1_000_000L)));
    }
}
