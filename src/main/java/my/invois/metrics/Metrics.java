package my.invois.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * Where the server's meters go: a Prometheus registry, or nowhere when an operator turned
 * metrics off (INVOIS_METRICS=off). Meters are named in docs/API.md; no tag ever holds a raw
 * path, a query or a key.
 */
public final class Metrics {

    /** The Prometheus text exposition format that {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MeterRegistry registry;
    private final Optional<PrometheusMeterRegistry> prometheus;

    private Metrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    public static Metrics prometheus() {
        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new Metrics(prometheus, Optional.of(prometheus));
    }

    /** Meters are created and updated as usual, and recorded nowhere. */
    public static Metrics off() {
        return new Metrics(new CompositeMeterRegistry(), Optional.empty());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public boolean enabled() {
        return prometheus.isPresent();
    }

    /** Every meter in the Prometheus text format; empty when metrics are off. */
    public Optional<String> scrape() {
        return prometheus.map(PrometheusMeterRegistry::scrape);
    }
}
