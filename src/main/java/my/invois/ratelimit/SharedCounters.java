package my.invois.ratelimit;

import java.time.Instant;
import my.invois.config.Limits;

/** Counters every instance shares (Redis), for the {@link FallbackRateLimiter} to decide from. */
interface SharedCounters extends AutoCloseable {

    /**
     * The counts a label's minute, hour and day windows held before this request, all three
     * incremented only if every one had room (SPEC A2). Throws {@link LateReply} when the answer
     * took longer than the command timeout, any other exception when the counters are unreachable.
     */
    long[] countsBefore(String label, Limits limits, Instant now);

    @Override
    void close();
}
