package my.invois.ratelimit;

import java.time.Duration;
import java.time.Instant;
import my.invois.config.Limits;

/** The outcome of one request against the three windows, and the window to report (SPEC A2). */
public record Decision(boolean admitted, long limit, long remaining, Instant reset, Window window, long retryAfterSeconds) {

    /**
     * Decides from the counts the windows held before this request (minute, hour, day).
     * Admitted only if every window has room; then the headers report the window with the
     * fewest remaining (ties: the shortest). Refused: the exhausted window resetting last,
     * so that a client retrying after Retry-After is admitted.
     */
    public static Decision decide(long[] countsBefore, Limits limits, Instant now) {
        long[] allowed = {limits.perMinute(), limits.perHour(), limits.perDay()};
        Window[] windows = Window.values();
        boolean admitted = true;
        for (int i = 0; i < windows.length; i++) {
            admitted &= countsBefore[i] < allowed[i];
        }
        int reported = -1;
        long reportedRemaining = Long.MAX_VALUE;
        for (int i = 0; i < windows.length; i++) {
            long remaining = Math.max(0, allowed[i] - countsBefore[i] - (admitted ? 1 : 0));
            boolean exhausted = countsBefore[i] >= allowed[i];
            // Windows run shortest first, and a longer aligned window never resets earlier,
            // so the last exhausted window is the one resetting last.
            if (admitted ? remaining < reportedRemaining : exhausted) {
                reported = i;
                reportedRemaining = remaining;
            }
        }
        Window window = windows[reported];
        Instant reset = window.reset(now);
        long retryAfter = Math.max(1, (Duration.between(now, reset).toMillis() + 999) / 1000);
        return new Decision(admitted, allowed[reported], reportedRemaining, reset, window, retryAfter);
    }
}
