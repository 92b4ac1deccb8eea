package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.config.Limits;
import my.invois.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FallbackRateLimiterTest {

    private static final Limits LIMITS = new Limits(100, 1_000, 10_000);
    private static final Instant NOW = Instant.parse("2024-01-15T15:29:30Z");
    private static final int INSTANCES = 2;

    private final AtomicLong nanos = new AtomicLong();
    private final FlakySharedCounters shared = new FlakySharedCounters();
    private final FallbackRateLimiter limiter = new FallbackRateLimiter(shared, new LocalShare(INSTANCES),
            new Backoff(Duration.ofSeconds(1), FallbackRateLimiter.LATE_FOR_AN_OUTAGE, nanos::get));
    private final LogCapture log = LogCapture.of(FallbackRateLimiter.class);

    @AfterEach
    void detachLog() {
        log.close();
    }

    @Test
    void while_the_shared_limiter_answers_it_decides() {
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedCounters.REMAINING);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void a_failure_falls_back_to_this_instances_share_and_warns_once() {
        shared.down = true;
        for (int i = 0; i < 5; i++) {
            Decision decision = limiter.acquire("shop", LIMITS, NOW);
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.remaining()).as("half of a minute never read: 50").isEqualTo(49 - i);
        }
        assertThat(log.lines(Level.WARN)).singleElement().asString()
                .contains("'shop'").contains("limiting locally");
    }

    @Test
    void the_share_is_of_what_the_shared_counters_had_left_when_last_read() {
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedCounters.REMAINING);
        shared.down = true;
        // 42 of 100 left, so 21 here.
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(20);
    }

    @Test
    void falling_back_again_in_the_same_window_grants_no_fresh_allowance() {
        limiter.acquire("shop", LIMITS, NOW);
        shared.down = true;
        for (int i = 0; i < 21; i++) {
            assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isTrue();
        }
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isFalse();
        shared.down = false;
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).as("shared again").isTrue();
        shared.down = true;
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isFalse();
    }

    @Test
    void a_late_reply_is_decided_within_the_share_without_an_outage() {
        limiter.acquire("shop", LIMITS, NOW);
        shared.late = true;
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(20);
        shared.late = false;
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedCounters.REMAINING);
        assertThat(shared.calls).isEqualTo(3);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void replies_late_for_a_second_begin_an_outage_and_warn_once() {
        shared.late = true;
        limiter.acquire("shop", LIMITS, NOW);
        nanos.addAndGet(FallbackRateLimiter.LATE_FOR_AN_OUTAGE.toNanos() - 1);
        limiter.acquire("shop", LIMITS, NOW);
        assertThat(log.lines(Level.WARN)).isEmpty();
        nanos.addAndGet(1);
        limiter.acquire("shop", LIMITS, NOW);
        limiter.acquire("shop", LIMITS, NOW);
        assertThat(shared.calls).as("the outage skips the shared counters").isEqualTo(3);
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("later than the command timeout");
    }

    @Test
    void during_the_backoff_the_shared_limiter_is_not_asked() {
        shared.down = true;
        limiter.acquire("shop", LIMITS, NOW);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        limiter.acquire("shop", LIMITS, NOW);
        limiter.acquire("shop", LIMITS, NOW);
        assertThat(shared.calls).isEqualTo(1);
    }

    @Test
    void after_the_backoff_one_request_probes_and_its_success_resumes_shared_limits() {
        shared.down = true;
        limiter.acquire("shop", LIMITS, NOW);
        shared.down = false;
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedCounters.REMAINING);
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedCounters.REMAINING);
        assertThat(log.lines(Level.WARN)).hasSize(1);
        assertThat(log.lines(Level.INFO)).singleElement().asString().contains("shared again");
    }

    @Test
    void a_failed_or_late_probe_neither_warns_again_nor_fails_the_request() {
        shared.down = true;
        limiter.acquire("shop", LIMITS, NOW);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isTrue();
        shared.down = false;
        shared.late = true;
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isTrue();
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isTrue();
        assertThat(shared.calls).as("a late probe keeps the outage").isEqualTo(3);
        assertThat(log.lines(Level.WARN)).hasSize(1);
        assertThat(log.lines(Level.INFO)).isEmpty();
    }

    @Test
    void a_limiter_started_without_its_shared_counters_warns_once_and_counts_its_share() {
        limiter.startLocally();
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(49);
        assertThat(shared.calls).isZero();
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("start-up");
    }

    /** Stands in for Redis, which these tests switch off, slow down and on at will. */
    private static final class FlakySharedCounters implements SharedCounters {
        static final long REMAINING = 42;
        boolean down;
        boolean late;
        int calls;

        @Override
        public long[] countsBefore(String label, Limits limits, Instant now) {
            calls++;
            if (down) {
                throw new IllegalStateException("Redis is away");
            }
            if (late) {
                throw new LateReply("Redis is slow", null);
            }
            return new long[] {limits.perMinute() - REMAINING - 1, 0, 0};
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "Redis stand-in";
        }
    }
}
