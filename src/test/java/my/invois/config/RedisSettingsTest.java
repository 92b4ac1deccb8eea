package my.invois.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    private static final String[] NO_FLAGS = {};

    @Test
    void redis_commands_wait_250_ms_unless_told_otherwise() {
        assertThat(ConfigLoader.load(Map.of(), NO_FLAGS).redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigLoader.load(Map.of("INVOIS_REDIS_TIMEOUT_MS", "75"), NO_FLAGS).redisTimeout())
                .isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void a_redis_timeout_of_zero_stops_start_up_naming_the_variable() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("INVOIS_REDIS_TIMEOUT_MS", "0"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_REDIS_TIMEOUT_MS");
    }

    @Test
    void two_instances_share_redis_unless_told_otherwise() {
        assertThat(ConfigLoader.load(Map.of(), NO_FLAGS).instances()).isEqualTo(2);
        assertThat(ConfigLoader.load(Map.of("INVOIS_INSTANCES", "5"), NO_FLAGS).instances()).isEqualTo(5);
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("INVOIS_INSTANCES", "0"), NO_FLAGS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_INSTANCES");
    }

    @Test
    void a_redis_password_never_appears_in_the_printed_configuration() {
        for (String url : new String[] {"redis://:s3cret-pass@cache:6379", "redis://s3cret-pass@cache:6379",
                "rediss://user:s3cret-pass@cache:6380/2"}) {
            String printed = ConfigLoader.load(Map.of("REDIS_URL", url), NO_FLAGS).toString();
            assertThat(printed).doesNotContain("s3cret-pass").contains("****@cache:");
        }
    }
}
