package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which way a filtered page is fetched: walking the list order, or every match sorted. */
class PagePlanTest {

    private static boolean walks(long matches, long population, long wanted) {
        return UserRepository.walksOrderIndex(new Matches(matches, population), wanted);
    }

    @Test
    void common_matches_walk_the_list_order() {
        assertThat(walks(300_000, 1_000_000, 10)).isTrue();
        assertThat(walks(4_000, 1_000_000, 10)).isTrue();
    }

    @Test
    void rare_matches_are_fetched_through_the_filter_and_sorted() {
        assertThat(walks(3_000, 1_000_000, 10)).isFalse();
        assertThat(walks(0, 1_000_000, 10)).isFalse();
        assertThat(walks(0, 0, 10)).isFalse();
    }

    @Test
    void a_deeper_page_needs_more_matches_before_walking_pays() {
        assertThat(walks(40_000, 1_000_000, 1_000)).isTrue();
        assertThat(walks(30_000, 1_000_000, 1_000)).isFalse();
    }

    @Test
    void when_everyone_matches_walking_wins() {
        assertThat(walks(10, 10, 10)).isFalse();
        assertThat(walks(11, 11, 10)).isTrue();
    }
}
