package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    @Test
    void counter_keys_name_the_label_in_a_hash_tag_and_the_utc_aligned_window_start() {
        Instant now = Instant.parse("2024-01-15T15:29:59.999Z");
        assertThat(RedisRateLimiter.keys("shop", now)).containsExactly(
                "invois:rl:{shop}:m:" + Instant.parse("2024-01-15T15:29:00Z").getEpochSecond(),
                "invois:rl:{shop}:h:" + Instant.parse("2024-01-15T15:00:00Z").getEpochSecond(),
                "invois:rl:{shop}:d:" + Instant.parse("2024-01-15T00:00:00Z").getEpochSecond());
    }

    @Test
    void a_new_minute_names_a_new_minute_counter_but_the_same_hour_and_day_counters() {
        String[] before = RedisRateLimiter.keys("shop", Instant.parse("2024-01-15T15:29:59Z"));
        String[] after = RedisRateLimiter.keys("shop", Instant.parse("2024-01-15T15:30:00Z"));
        assertThat(after[0]).isNotEqualTo(before[0]);
        assertThat(after[1]).isEqualTo(before[1]);
        assertThat(after[2]).isEqualTo(before[2]);
    }
}
