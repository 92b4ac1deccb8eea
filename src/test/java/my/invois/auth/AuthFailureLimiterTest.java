package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import my.invois.testing.MutableClock;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-15T15:29:30Z"));
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(3, Duration.ofSeconds(60), clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            limiter.recordFailure(address);
        }
    }

    @Test
    void more_failures_than_allowed_in_a_minute_lock_the_address_for_the_rest_of_it_plus_the_lockout() {
        fail("203.0.113.9", 3);
        assertThat(limiter.lockedOut("203.0.113.9")).isEmpty();

        assertThat(limiter.recordFailure("203.0.113.9")).contains(Duration.ofSeconds(90));

        assertThat(limiter.lockedOut("203.0.113.9")).contains(Duration.ofSeconds(90));
        assertThat(limiter.lockedOut("198.51.100.7")).isEmpty();
        clock.advance(Duration.ofSeconds(89));
        assertThat(limiter.lockedOut("203.0.113.9")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.lockedOut("203.0.113.9")).isEmpty();
        assertThat(limiter.recordFailure("203.0.113.9")).as("a new minute counts afresh").isEmpty();
    }

    @Test
    void failures_count_per_fixed_minute() {
        fail("203.0.113.9", 3);
        clock.advance(Duration.ofSeconds(30));
        fail("203.0.113.9", 3);

        assertThat(limiter.lockedOut("203.0.113.9")).isEmpty();
    }

    @Test
    void memory_is_bounded_and_expired_entries_make_room() {
        for (int i = 0; i < AuthFailureLimiter.MAX_ADDRESSES + 500; i++) {
            limiter.recordFailure("10.0." + i / 256 + "." + i % 256);
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(AuthFailureLimiter.MAX_ADDRESSES);

        clock.advance(Duration.ofMinutes(1));
        fail("203.0.113.9", 4);

        assertThat(limiter.trackedAddresses()).isEqualTo(1);
        assertThat(limiter.lockedOut("203.0.113.9")).isPresent();
    }

    @Test
    void a_lock_outlives_the_purge_of_its_minute() {
        fail("203.0.113.9", 4);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < AuthFailureLimiter.MAX_ADDRESSES + 10; i++) {
            limiter.recordFailure("10.1." + i / 256 + "." + i % 256);
        }

        assertThat(limiter.lockedOut("203.0.113.9")).isPresent();
    }

    @Test
    void entries_of_past_minutes_are_purged_before_the_table_is_full() {
        for (int i = 0; i < 100; i++) {
            limiter.recordFailure("10.2.0." + i);
        }
        clock.advance(Duration.ofMinutes(1));

        limiter.recordFailure("203.0.113.9");

        assertThat(limiter.trackedAddresses()).isEqualTo(1);
    }

    @Test
    void a_table_full_of_this_minutes_addresses_still_locks_out_a_new_one() {
        for (int i = 0; i < AuthFailureLimiter.MAX_ADDRESSES; i++) {
            limiter.recordFailure("10.0." + i / 256 + "." + i % 256);
        }

        fail("203.0.113.9", 4);

        assertThat(limiter.lockedOut("203.0.113.9")).isPresent();
        assertThat(limiter.trackedAddresses()).isEqualTo(AuthFailureLimiter.MAX_ADDRESSES);
    }
}
