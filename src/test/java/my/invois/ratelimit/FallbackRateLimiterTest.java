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

    private final AtomicLong nanos = new AtomicLong();
    private final FlakySharedLimiter shared = new FlakySharedLimiter();
    private final FallbackRateLimiter limiter = new FallbackRateLimiter(
            shared, new LocalRateLimiter(), new Backoff(Duration.ofSeconds(1), nanos::get));
    private final LogCapture log = LogCapture.of(FallbackRateLimiter.class);

    @AfterEach
    void detachLog() {
        log.close();
    }

    @Test
    void while_the_shared_limiter_answers_it_decides() {
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedLimiter.REMAINING);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void a_failure_falls_back_to_local_counting_and_warns_once() {
        shared.down = true;
        for (int i = 0; i < 5; i++) {
            Decision decision = limiter.acquire("shop", LIMITS, NOW);
            assertThat(decision.admitted()).isTrue();
            assertThat(decision.remaining()).isEqualTo(99 - i);
        }
        assertThat(log.lines(Level.WARN)).singleElement().asString()
                .contains("'shop'").contains("limiting locally");
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
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedLimiter.REMAINING);
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(FlakySharedLimiter.REMAINING);
        assertThat(log.lines(Level.WARN)).hasSize(1);
        assertThat(log.lines(Level.INFO)).singleElement().asString().contains("shared again");
    }

    @Test
    void a_failed_probe_neither_warns_again_nor_fails_the_request() {
        shared.down = true;
        limiter.acquire("shop", LIMITS, NOW);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(limiter.acquire("shop", LIMITS, NOW).admitted()).isTrue();
        assertThat(shared.calls).isEqualTo(2);
        assertThat(log.lines(Level.WARN)).hasSize(1);
    }

    @Test
    void a_limiter_started_without_its_shared_counters_warns_once_and_counts_locally() {
        limiter.startLocally();
        assertThat(limiter.acquire("shop", LIMITS, NOW).remaining()).isEqualTo(99);
        assertThat(shared.calls).isZero();
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("start-up");
    }

    /** Stands in for Redis, which these tests switch off and on at will. */
    private static final class FlakySharedLimiter implements RateLimiter {
        static final long REMAINING = 42;
        boolean down;
        int calls;

        @Override
        public Decision acquire(String label, Limits limits, Instant now) {
            calls++;
            if (down) {
                throw new IllegalStateException("Redis is away");
            }
            return Decision.decide(new long[] {limits.perMinute() - REMAINING - 1, 0, 0}, limits, now);
        }

        @Override
        public String toString() {
            return "Redis stand-in";
        }
    }
}
