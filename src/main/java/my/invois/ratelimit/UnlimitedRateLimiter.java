package my.invois.ratelimit;

import java.time.Instant;
import my.invois.config.Limits;

/** Limits switched off (INVOIS_RATE_LIMITS_ENABLED=false): admits everything, still reports headers. */
public final class UnlimitedRateLimiter implements RateLimiter {

    private static final long[] NOTHING_COUNTED = {0, 0, 0};

    @Override
    public Decision acquire(String label, Limits limits, Instant now) {
        return Decision.decide(NOTHING_COUNTED, limits, now);
    }
}
