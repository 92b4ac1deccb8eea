package my.invois.ratelimit;

import java.time.Duration;
import java.time.Instant;
import my.invois.config.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC D: the shared limiter (Redis) counts while it answers; when it fails or is slow, this
 * instance limits locally and says so once, then probes the shared one after a back-off and
 * resumes it by itself. Local limits hold per instance, so during an outage a deployment of n
 * instances may admit up to n times a limit. Never throws: the limiter must not cause a 5xx.
 */
public final class FallbackRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(FallbackRateLimiter.class);

    private final RateLimiter shared;
    private final RateLimiter local;
    private final Backoff backoff;

    FallbackRateLimiter(RateLimiter shared, RateLimiter local, Duration backoff) {
        this(shared, local, new Backoff(backoff, System::nanoTime));
    }

    FallbackRateLimiter(RateLimiter shared, RateLimiter local, Backoff backoff) {
        this.shared = shared;
        this.local = local;
        this.backoff = backoff;
    }

    /**
     * Counters in Redis, local ones while it is away. Waits up to {@code patience} for Redis,
     * and starts with local limits if it does not answer by then: start-up never fails for it.
     */
    public static FallbackRateLimiter overRedis(String url, Duration commandTimeout, Duration backoff, Duration patience) {
        RedisRateLimiter redis = RedisRateLimiter.connect(url, commandTimeout);
        var limiter = new FallbackRateLimiter(redis, new LocalRateLimiter(), backoff);
        if (redis.awaitConnection(patience)) {
            log.info("Rate limits shared through {}", redis);
        } else {
            limiter.startLocally();
        }
        return limiter;
    }

    /** Start-up found the shared limiter unreachable: begin locally and probe it later. */
    void startLocally() {
        if (backoff.failed()) {
            log.warn("{} does not answer at start-up: limiting locally, per instance, until it does", shared);
        }
    }

    @Override
    public Decision acquire(String label, Limits limits, Instant now) {
        Backoff.Route route = backoff.route();
        if (route == Backoff.Route.LOCAL) {
            return local.acquire(label, limits, now);
        }
        try {
            Decision decision = shared.acquire(label, limits, now);
            if (route == Backoff.Route.PROBE && backoff.recovered()) {
                log.info("{} answers again: rate limits are shared again", shared);
            }
            return decision;
        } catch (RuntimeException e) {
            if (backoff.failed()) {
                log.warn("{} failed while counting label '{}' ({}): limiting locally, per instance, until it answers",
                        shared, label, e.toString());
            }
            return local.acquire(label, limits, now);
        }
    }

    @Override
    public void close() {
        shared.close();
        local.close();
    }
}
