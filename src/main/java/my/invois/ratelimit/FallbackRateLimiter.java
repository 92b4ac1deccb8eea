package my.invois.ratelimit;

import java.time.Duration;
import java.time.Instant;
import my.invois.config.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC D: the shared counters (Redis) decide while they answer. A late reply is decided here,
 * within this instance's share ({@link LocalShare}); once replies have been late for a second,
 * or the counters fail to answer at all, this instance limits locally within its share and
 * says so once, then probes the shared counters after a back-off and resumes them by itself.
 * Never throws: the limiter must not cause a 5xx.
 */
public final class FallbackRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(FallbackRateLimiter.class);
    /** How long replies may keep coming late before the shared counters count as down. */
    static final Duration LATE_FOR_AN_OUTAGE = Duration.ofSeconds(1);

    private final SharedCounters shared;
    private final LocalShare local;
    private final Backoff backoff;

    FallbackRateLimiter(SharedCounters shared, LocalShare local, Backoff backoff) {
        this.shared = shared;
        this.local = local;
        this.backoff = backoff;
    }

    /**
     * Counters in Redis, this instance's share of them while it is away ({@code instances}
     * share REDIS_URL). Waits up to {@code patience} for Redis, and starts locally if it does
     * not answer by then: start-up never fails for it.
     */
    public static FallbackRateLimiter overRedis(
            String url, Duration commandTimeout, int instances, Duration backoff, Duration patience) {
        RedisRateLimiter redis = RedisRateLimiter.connect(url, commandTimeout);
        var limiter = new FallbackRateLimiter(
                redis, new LocalShare(instances), new Backoff(backoff, LATE_FOR_AN_OUTAGE, System::nanoTime));
        if (redis.awaitConnection(patience)) {
            log.info("Rate limits shared through {}", redis);
        } else {
            limiter.startLocally();
        }
        return limiter;
    }

    /** Start-up found the shared counters unreachable: begin locally and probe them later. */
    void startLocally() {
        if (backoff.failed()) {
            log.warn("{} does not answer at start-up: limiting locally, within this instance's share, until it does", shared);
        }
    }

    @Override
    public Decision acquire(String label, Limits limits, Instant now) {
        Backoff.Route route = backoff.route();
        if (route == Backoff.Route.LOCAL) {
            return local.acquire(label, limits, now);
        }
        try {
            long[] countsBefore = shared.countsBefore(label, limits, now);
            Decision decision = Decision.decide(countsBefore, limits, now);
            local.seen(label, countsAfter(countsBefore, decision), now);
            if (route == Backoff.Route.PROBE) {
                if (backoff.recovered()) {
                    log.info("{} answers again: rate limits are shared again", shared);
                }
            } else {
                backoff.answered();
            }
            return decision;
        } catch (LateReply e) {
            // A late probe keeps the outage going; late replies in service may begin one.
            if (route == Backoff.Route.SHARED && backoff.late()) {
                log.warn("{} has answered later than the command timeout for {} ms: limiting locally,"
                        + " within this instance's share, until it answers on time", shared, LATE_FOR_AN_OUTAGE.toMillis());
            } else if (route == Backoff.Route.PROBE) {
                backoff.failed();
            }
            return local.acquire(label, limits, now);
        } catch (RuntimeException e) {
            if (backoff.failed()) {
                log.warn("{} failed while counting label '{}' ({}): limiting locally, within this instance's share,"
                        + " until it answers", shared, label, e.toString());
            }
            return local.acquire(label, limits, now);
        }
    }

    private static long[] countsAfter(long[] countsBefore, Decision decision) {
        long[] after = countsBefore.clone();
        if (decision.admitted()) {
            for (int i = 0; i < after.length; i++) {
                after[i]++;
            }
        }
        return after;
    }

    @Override
    public void close() {
        shared.close();
    }
}
