package my.invois.ratelimit;

import java.time.Instant;
import my.invois.config.Limits;

/** Counts one request of a quota label against its three windows, atomically. */
public interface RateLimiter extends AutoCloseable {

    Decision acquire(String label, Limits limits, Instant now);

    @Override
    default void close() {
    }
}
