package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import my.invois.config.Limits;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LocalShareTest {

    private static final Instant NOW = Instant.parse("2024-01-15T15:29:30Z");
    private static final Limits LIMITS = new Limits(100, 1_000, 10_000);

    @Property(tries = 300)
    void n_instances_that_read_the_same_counts_together_admit_at_most_what_was_left(
            @ForAll @IntRange(min = 1, max = 500) int limit,
            @ForAll @IntRange(min = 0, max = 500) int used,
            @ForAll @IntRange(min = 1, max = 8) int instances) {
        long counted = Math.min(used, limit);
        Limits limits = new Limits(limit, 1_000_000, 10_000_000);
        List<LocalShare> shares = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            LocalShare share = new LocalShare(instances);
            share.seen("shop", new long[] {counted, counted, counted}, NOW);
            shares.add(share);
        }

        long admitted = 0;
        for (LocalShare share : shares) {
            for (int i = 0; i <= limit; i++) {
                admitted += share.acquire("shop", limits, NOW).admitted() ? 1 : 0;
            }
        }

        assertThat(admitted).isLessThanOrEqualTo(limit - counted)
                .isGreaterThan(limit - counted - instances);
    }

    @Test
    void a_window_never_read_is_shared_out_from_its_whole_limit() {
        var share = new LocalShare(4);
        assertThat(admittedOf(share, NOW, 100)).isEqualTo(25);
    }

    @Test
    void each_window_gets_its_own_share_and_the_tightest_decides() {
        var share = new LocalShare(2);
        share.seen("shop", new long[] {10, 950, 1_000}, NOW);

        Decision first = share.acquire("shop", LIMITS, NOW);

        assertThat(first.window()).isEqualTo(Window.HOUR);
        assertThat(first.remaining()).as("25 of the hour's 50 left, minus this one").isEqualTo(24);
        assertThat(admittedOf(share, NOW, 100)).isEqualTo(24);
    }

    @Test
    void a_new_window_starts_a_new_share() {
        var share = new LocalShare(2);
        share.seen("shop", new long[] {90, 90, 90}, NOW);
        assertThat(admittedOf(share, NOW, 100)).isEqualTo(5);

        assertThat(admittedOf(share, NOW.plusSeconds(60), 100)).isEqualTo(50);
    }

    @Test
    void labels_are_counted_apart() {
        var share = new LocalShare(2);
        share.seen("shop", new long[] {90, 90, 90}, NOW);
        assertThat(admittedOf(share, NOW, 100)).isEqualTo(5);
        assertThat(share.acquire("other", LIMITS, NOW).remaining()).isEqualTo(49);
    }

    private static long admittedOf(LocalShare share, Instant now, int requests) {
        long admitted = 0;
        for (int i = 0; i < requests; i++) {
            admitted += share.acquire("shop", LIMITS, now).admitted() ? 1 : 0;
        }
        return admitted;
    }
}
