package my.invois.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.config.Limits;

/** How long the limiters of a test took to decide, at the longest: the time a request spent on rate limiting. */
final class LimiterTimings {

    private final AtomicLong longestNanos = new AtomicLong();

    RateLimiter of(RateLimiter limiter) {
        return new RateLimiter() {
            @Override
            public Decision acquire(String label, Limits limits, Instant now) {
                long started = System.nanoTime();
                try {
                    return limiter.acquire(label, limits, now);
                } finally {
                    longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
                }
            }
        };
    }

    void clear() {
        longestNanos.set(0);
    }

    Duration longest() {
        return Duration.ofNanos(longestNanos.get());
    }
}
