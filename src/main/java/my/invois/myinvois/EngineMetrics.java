package my.invois.myinvois;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.einvoices.EInvoice;
import org.jdbi.v3.core.Jdbi;

/**
 * E12: the engine's meters (docs/API.md, Metrics). Queue depths are counted in the database at
 * most every {@link #RECOUNT}, by the submit job, so a scrape never queries.
 */
final class EngineMetrics {

    /** A document queued or submitted longer than this is at risk of missing its deadline. */
    static final Duration AT_RISK = Duration.ofHours(1);
    static final Duration RECOUNT = Duration.ofSeconds(15);

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private final AtomicLong atRisk = new AtomicLong();
    private final Timer latency;
    private final Clock clock;
    private volatile Instant counted = Instant.MIN;

    EngineMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        for (String status : EInvoice.STATUSES) {
            AtomicLong depth = new AtomicLong();
            depths.put(status, depth);
            Gauge.builder("invois.einvoices", depth, AtomicLong::get).tag("status", status)
                    .description("E-invoices by status").register(registry);
        }
        Gauge.builder("invois.einvoices.at.risk", atRisk, AtomicLong::get)
                .description("E-invoices queued or submitted for longer than " + AT_RISK).register(registry);
        latency = Timer.builder("invois.einvoice.latency").description("From the e-invoice's creation to LHDN's Valid")
                .publishPercentileHistogram().register(registry);
    }

    /** One LHDN call of the engine and what came of it (accepted, rejected, duplicate, throttled, transient, unknown). */
    void call(String api, LhdnResult<?> result) {
        String outcome = result.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("invois.lhdn.calls").tag("api", api).tag("outcome", outcome).register(registry).increment();
    }

    void valid(EInvoice einvoice) {
        latency.record(Duration.between(einvoice.createdAt(), clock.instant()));
    }

    void recount(Jdbi jdbi) {
        Instant now = clock.instant();
        if (now.isBefore(counted.plus(RECOUNT))) {
            return;
        }
        counted = now;
        jdbi.useHandle(handle -> {
            depths.values().forEach(depth -> depth.set(0));
            handle.createQuery("SELECT status, count(*) AS n FROM einvoices GROUP BY status")
                    .map((row, context) -> Map.entry(row.getString("status"), row.getLong("n")))
                    .forEach(entry -> depths.computeIfAbsent(entry.getKey(), status -> new AtomicLong()).set(entry.getValue()));
            atRisk.set(handle.createQuery("SELECT count(*) FROM einvoices WHERE (status = 'queued' AND queued_at < :before) "
                            + "OR (status = 'submitted' AND submitted_at < :before)")
                    .bind("before", now.minus(AT_RISK).atOffset(java.time.ZoneOffset.UTC))
                    .mapTo(Long.class).one());
        });
    }
}
