package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import my.invois.config.Limits;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final Instant NOW = Instant.parse("2024-01-15T15:29:30.250Z");
    private static final Limits LIMITS = new Limits(10, 100, 1000);

    @Test
    void windows_align_to_utc_minute_hour_and_day() {
        assertThat(Window.MINUTE.reset(NOW)).isEqualTo(Instant.parse("2024-01-15T15:30:00Z"));
        assertThat(Window.HOUR.reset(NOW)).isEqualTo(Instant.parse("2024-01-15T16:00:00Z"));
        assertThat(Window.DAY.reset(NOW)).isEqualTo(Instant.parse("2024-01-16T00:00:00Z"));
        assertThat(Window.MINUTE.start(Instant.parse("2024-01-15T15:29:00Z"))).isEqualTo(Instant.parse("2024-01-15T15:29:00Z").getEpochSecond());
    }

    @Test
    void admitted_request_reports_the_window_with_fewest_remaining() {
        Decision decision = Decision.decide(new long[] {2, 95, 100}, LIMITS, NOW);
        assertThat(decision.admitted()).isTrue();
        assertThat(decision.window()).isEqualTo(Window.HOUR);
        assertThat(decision.remaining()).isEqualTo(4);
        assertThat(decision.limit()).isEqualTo(100);
    }

    @Test
    void ties_report_the_shortest_window() {
        Decision decision = Decision.decide(new long[] {5, 95, 100}, LIMITS, NOW);
        assertThat(decision.window()).isEqualTo(Window.MINUTE);
        assertThat(decision.remaining()).isEqualTo(4);
    }

    @Test
    void refused_request_reports_the_exhausted_window_resetting_last() {
        Decision decision = Decision.decide(new long[] {10, 100, 500}, LIMITS, NOW);
        assertThat(decision.admitted()).isFalse();
        assertThat(decision.window()).isEqualTo(Window.HOUR);
        assertThat(decision.remaining()).isZero();
        assertThat(decision.reset()).isEqualTo(Instant.parse("2024-01-15T16:00:00Z"));
        assertThat(decision.retryAfterSeconds()).isEqualTo(1830);
    }

    @Test
    void retry_after_rounds_up_and_is_at_least_one_second() {
        Decision decision = Decision.decide(new long[] {10, 0, 0}, LIMITS, Instant.parse("2024-01-15T15:29:59.900Z"));
        assertThat(decision.retryAfterSeconds()).isEqualTo(1);
        assertThat(Decision.decide(new long[] {10, 0, 0}, LIMITS, NOW).retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void last_request_of_a_window_is_admitted_with_zero_remaining() {
        Decision decision = Decision.decide(new long[] {9, 0, 0}, LIMITS, NOW);
        assertThat(decision.admitted()).isTrue();
        assertThat(decision.remaining()).isZero();
    }

    @Test
    void local_limiter_counts_admitted_requests_only_and_resets_with_the_window() {
        var limiter = new LocalRateLimiter();
        var limits = new Limits(2, 100, 100);
        assertThat(limiter.acquire("a", limits, NOW).admitted()).isTrue();
        assertThat(limiter.acquire("a", limits, NOW).admitted()).isTrue();
        assertThat(limiter.acquire("a", limits, NOW).admitted()).isFalse();
        assertThat(limiter.acquire("b", limits, NOW).admitted()).as("another label").isTrue();
        Decision nextMinute = limiter.acquire("a", limits, NOW.plusSeconds(30));
        assertThat(nextMinute.admitted()).isTrue();
        assertThat(nextMinute.remaining()).isEqualTo(1);
        assertThat(limiter.acquire("a", limits, NOW.plusSeconds(30)).window()).isEqualTo(Window.MINUTE);
    }
}
