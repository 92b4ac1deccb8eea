package my.invois.simulator;

import java.util.Map;
import java.util.Random;

/** Draws the configured faults call by call from one seeded generator (see {@link Faults}). */
final class FaultInjector {

    private Faults faults;
    private Random random;

    FaultInjector(Faults faults) {
        set(faults);
    }

    synchronized void set(Faults newFaults) {
        this.faults = newFaults;
        this.random = new Random(newFaults.seed());
    }

    synchronized Faults faults() {
        return faults;
    }

    /** Before an API call: a 429 storm, a 503, or a bounded hang, as drawn. */
    void beforeCall() {
        Faults current;
        double draw;
        synchronized (this) {
            current = faults;
            if (!current.any()) {
                return;
            }
            draw = random.nextDouble();
        }
        if (current.tooManyRequests()) {
            throw new LhdnException(429, new ApiError("TooManyRequests", "Too many requests (fault mode)", null, null, null),
                    Map.of("Retry-After", "1"));
        }
        if (draw < current.errorRate()) {
            throw new LhdnException(503, "ServiceUnavailable", "The service is unavailable (fault mode)", null);
        }
        if (draw < current.errorRate() + current.hangRate()) {
            hang(current);
        }
    }

    /** After a submission is stored: answer only after the hang, as drawn. */
    void afterAccepting() {
        Faults current;
        boolean timeout;
        synchronized (this) {
            current = faults;
            timeout = current.acceptThenTimeoutRate() > 0 && random.nextDouble() < current.acceptThenTimeoutRate();
        }
        if (timeout) {
            hang(current);
        }
    }

    private static void hang(Faults faults) {
        try {
            Thread.sleep(Math.min(faults.hang().toMillis(), Faults.MAX_HANG.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
