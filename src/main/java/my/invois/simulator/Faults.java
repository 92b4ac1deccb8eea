package my.invois.simulator;

import java.time.Duration;

/**
 * How the simulator misbehaves, for tests of its clients (docs/SIMULATOR.md). Rates are
 * fractions of API calls (login included): {@code errorRate} answers 503, {@code hangRate}
 * answers only after {@code hang}, {@code acceptThenTimeoutRate} stores a submission and then
 * answers only after {@code hang}; {@code tooManyRequests} answers every call 429. The draws
 * come from one generator seeded with {@code seed}, so a sequence of calls misbehaves the same
 * way in every run.
 */
public record Faults(double errorRate, double hangRate, double acceptThenTimeoutRate, boolean tooManyRequests,
                     Duration hang, long seed) {

    public static final Duration MAX_HANG = Duration.ofSeconds(60);
    public static final Faults NONE = new Faults(0, 0, 0, false, Duration.ofSeconds(5), 1);

    public boolean any() {
        return errorRate > 0 || hangRate > 0 || acceptThenTimeoutRate > 0 || tooManyRequests;
    }
}
