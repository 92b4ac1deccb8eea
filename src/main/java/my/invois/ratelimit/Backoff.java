package my.invois.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * When the shared limiter is down, and when to use it again. Down: it failed to answer at all,
 * or its replies have been late for {@code lateForAnOutage} with none on time in between; one
 * late reply is slowness, not an outage. While down, requests skip it for a back-off, then
 * exactly one request probes it, so that an outage costs no request a timeout. Thread-safe
 * without locks.
 */
final class Backoff {

    enum Route { SHARED, PROBE, LOCAL }

    private static final long HEALTHY = Long.MIN_VALUE;
    private static final long ON_TIME = Long.MIN_VALUE;

    private final long backoffNanos;
    private final long lateForAnOutageNanos;
    private final LongSupplier nanoTime;
    /** HEALTHY, or the System.nanoTime() from which the next probe may run. */
    private final AtomicLong probeAt = new AtomicLong(HEALTHY);
    /** ON_TIME, or the System.nanoTime() of the first late reply since the last one on time. */
    private final AtomicLong lateSince = new AtomicLong(ON_TIME);

    Backoff(Duration backoff, Duration lateForAnOutage, LongSupplier nanoTime) {
        this.backoffNanos = backoff.toNanos();
        this.lateForAnOutageNanos = lateForAnOutage.toNanos();
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

    /** Records a failure to answer; true if it began an outage (so that only one caller reports it). */
    boolean failed() {
        lateSince.set(ON_TIME);
        return probeAt.getAndSet(nanoTime.getAsLong() + backoffNanos) == HEALTHY;
    }

    /** Records a late reply; true if it began an outage, because replies have been late for long enough. */
    boolean late() {
        long now = nanoTime.getAsLong();
        long since = lateSince.compareAndExchange(ON_TIME, now);
        if (since == ON_TIME || now - since < lateForAnOutageNanos) {
            return false;
        }
        return failed();
    }

    /** Records a reply on time. */
    void answered() {
        // Read first: the path every request takes writes nothing.
        if (lateSince.get() != ON_TIME) {
            lateSince.set(ON_TIME);
        }
    }

    /** Records a successful probe; true if it ended an outage. */
    boolean recovered() {
        lateSince.set(ON_TIME);
        return probeAt.getAndSet(HEALTHY) != HEALTHY;
    }
}
