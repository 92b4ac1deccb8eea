package my.invois.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When to use the shared limiter after it failed: skip it for a back-off, then let exactly one
 * request probe it, so that an outage costs no request a timeout. Thread-safe without locks.
 */
final class Backoff {

    enum Route { SHARED, PROBE, LOCAL }

    private static final long HEALTHY = Long.MIN_VALUE;

    private final long backoffNanos;
    private final LongSupplier nanoTime;
    /** HEALTHY, or the System.nanoTime() from which the next probe may run. */
    private final AtomicLong probeAt = new AtomicLong(HEALTHY);

    Backoff(Duration backoff, LongSupplier nanoTime) {
        this.backoffNanos = backoff.toNanos();
        this.nanoTime = nanoTime;
    }

    Route route() {
        long at = probeAt.get();
        if (at == HEALTHY) {
            return Route.SHARED;
        }
        long now = nanoTime.getAsLong();
        if (now - at < 0) {
            return Route.LOCAL;
        }
        // One caller wins the probe; the others stay local for another back-off.
        return probeAt.compareAndSet(at, now + backoffNanos) ? Route.PROBE : Route.LOCAL;
    }

    /** Records a failure; true if it began an outage (so that only one caller reports it). */
    boolean failed() {
        return probeAt.getAndSet(nanoTime.getAsLong() + backoffNanos) == HEALTHY;
    }

    /** Records a successful probe; true if it ended an outage. */
    boolean recovered() {
        return probeAt.getAndSet(HEALTHY) != HEALTHY;
    }
}
