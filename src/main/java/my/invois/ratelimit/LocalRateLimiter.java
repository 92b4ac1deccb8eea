package my.invois.ratelimit;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import my.invois.config.Limits;

/** In-process counters: the limiter of a single instance (no REDIS_URL). */
public final class LocalRateLimiter implements RateLimiter {

    private final ConcurrentMap<String, Counters> byLabel = new ConcurrentHashMap<>();

    @Override
    public Decision acquire(String label, Limits limits, Instant now) {
        return byLabel.computeIfAbsent(label, ignored -> new Counters()).acquire(limits, now);
    }

    /** One label's counts in its current minute, hour and day. */
    private static final class Counters {
        private final long[] starts = new long[Window.values().length];
        private final long[] counts = new long[Window.values().length];

        synchronized Decision acquire(Limits limits, Instant now) {
            Window[] windows = Window.values();
            for (int i = 0; i < windows.length; i++) {
                long start = windows[i].start(now);
                if (starts[i] != start) {
                    starts[i] = start;
                    counts[i] = 0;
                }
            }
            Decision decision = Decision.decide(counts.clone(), limits, now);
            if (decision.admitted()) {
                for (int i = 0; i < counts.length; i++) {
                    counts[i]++;
                }
            }
            return decision;
        }
    }
}
