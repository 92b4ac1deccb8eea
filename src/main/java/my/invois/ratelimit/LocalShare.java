package my.invois.ratelimit;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import my.invois.config.Limits;

/**
 * The limits of one of n instances while the shared counters are away (README, "Running several
 * instances"): in each window a label may admit here at most 1/n of what the shared counters
 * had left when this instance last read them, or 1/n of the limit in a window it never read.
 * What it admits here stays counted for the rest of the window, however often the shared
 * counters come and go, so that no fallback grants a fresh allowance.
 */
final class LocalShare {

    private final int instances;
    private final ConcurrentMap<String, Counters> byLabel = new ConcurrentHashMap<>();

    LocalShare(int instances) {
        this.instances = instances;
    }

    /** Remembers what the shared counters held after a request they decided. */
    void seen(String label, long[] sharedCounts, Instant now) {
        counters(label).seen(sharedCounts, now);
    }

    Decision acquire(String label, Limits limits, Instant now) {
        return counters(label).acquire(limits, now, instances);
    }

    private Counters counters(String label) {
        return byLabel.computeIfAbsent(label, ignored -> new Counters());
    }

    /** One label's windows: their starts, the shared counts last seen in them, and the counts admitted here. */
    private static final class Counters {
        private final long[] starts = new long[Window.values().length];
        private final long[] shared = new long[Window.values().length];
        private final long[] local = new long[Window.values().length];

        synchronized void seen(long[] sharedCounts, Instant now) {
            roll(now);
            for (int i = 0; i < shared.length; i++) {
                shared[i] = Math.max(shared[i], sharedCounts[i]);
            }
        }

        synchronized Decision acquire(Limits limits, Instant now, int instances) {
            roll(now);
            long[] allowed = {limits.perMinute(), limits.perHour(), limits.perDay()};
            long[] countsBefore = new long[allowed.length];
            for (int i = 0; i < allowed.length; i++) {
                long share = Math.max(0, allowed[i] - shared[i]) / instances;
                // Counted as if the rest of the limit were used already: the headers report
                // this instance's share, and Decision needs no second rule.
                countsBefore[i] = allowed[i] - share + local[i];
            }
            Decision decision = Decision.decide(countsBefore, limits, now);
            if (decision.admitted()) {
                for (int i = 0; i < local.length; i++) {
                    local[i]++;
                }
            }
            return decision;
        }

        private void roll(Instant now) {
            Window[] windows = Window.values();
            for (int i = 0; i < windows.length; i++) {
                long start = windows[i].start(now);
                if (starts[i] != start) {
                    starts[i] = start;
                    shared[i] = 0;
                    local[i] = 0;
                }
            }
        }
    }
}
