package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.ratelimit.Backoff.Route;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), nanos::get);

    @Test
    void a_healthy_shared_limiter_is_used_by_every_request() {
        assertThat(backoff.route()).isEqualTo(Route.SHARED);
        assertThat(backoff.route()).isEqualTo(Route.SHARED);
    }

    @Test
    void only_the_first_failure_begins_an_outage() {
        assertThat(backoff.failed()).isTrue();
        assertThat(backoff.failed()).isFalse();
        assertThat(backoff.failed()).isFalse();
    }

    @Test
    void after_a_failure_requests_stay_local_until_the_backoff_has_passed() {
        backoff.failed();
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
        nanos.addAndGet(999_999_999);
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
    }

    @Test
    void after_the_backoff_exactly_one_request_probes() {
        backoff.failed();
        nanos.addAndGet(1_000_000_000);
        assertThat(backoff.route()).isEqualTo(Route.PROBE);
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
    }

    @Test
    void a_failed_probe_waits_another_backoff_without_beginning_a_new_outage() {
        backoff.failed();
        nanos.addAndGet(1_000_000_000);
        backoff.route();
        assertThat(backoff.failed()).isFalse();
        nanos.addAndGet(999_999_999);
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
        nanos.addAndGet(1);
        assertThat(backoff.route()).isEqualTo(Route.PROBE);
    }

    @Test
    void a_successful_probe_ends_the_outage_once() {
        backoff.failed();
        nanos.addAndGet(1_000_000_000);
        backoff.route();
        assertThat(backoff.recovered()).isTrue();
        assertThat(backoff.recovered()).isFalse();
        assertThat(backoff.route()).isEqualTo(Route.SHARED);
    }

    @Test
    void the_backoff_works_across_a_wrap_of_the_nano_clock() {
        nanos.set(Long.MAX_VALUE - 100);
        backoff.failed();
        nanos.addAndGet(500_000_000);
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
        nanos.addAndGet(500_000_000);
        assertThat(backoff.route()).isEqualTo(Route.PROBE);
    }

    @Test
    void late_replies_are_slowness_until_they_have_been_late_for_the_outage_threshold() {
        assertThat(backoff.late()).isFalse();
        nanos.addAndGet(999_999_999);
        assertThat(backoff.late()).isFalse();
        assertThat(backoff.route()).isEqualTo(Route.SHARED);
        nanos.addAndGet(1);
        assertThat(backoff.late()).isTrue();
        assertThat(backoff.route()).isEqualTo(Route.LOCAL);
    }

    @Test
    void a_reply_on_time_starts_the_count_of_late_ones_afresh() {
        backoff.late();
        nanos.addAndGet(900_000_000);
        backoff.answered();
        backoff.late();
        nanos.addAndGet(900_000_000);
        assertThat(backoff.late()).isFalse();
        assertThat(backoff.route()).isEqualTo(Route.SHARED);
    }
}
