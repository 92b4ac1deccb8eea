package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    @Test
    void latency_is_written_with_one_decimal_rounded_half_up() {
        assertThat(AccessLog.oneDecimal(0f)).isEqualTo("0.0");
        assertThat(AccessLog.oneDecimal(0.04f)).isEqualTo("0.0");
        assertThat(AccessLog.oneDecimal(0.06f)).isEqualTo("0.1");
        assertThat(AccessLog.oneDecimal(9.96f)).isEqualTo("10.0");
        assertThat(AccessLog.oneDecimal(1234.5678f)).isEqualTo("1234.6");
    }

    @Test
    void latency_reads_as_string_format_would_write_it() {
        for (float ms : new float[] {0.01f, 0.5f, 1.26f, 3.14159f, 17.94f, 250.0f, 60_000.3f}) {
            assertThat(AccessLog.oneDecimal(ms)).isEqualTo(String.format(Locale.ROOT, "%.1f", ms));
        }
    }
}
