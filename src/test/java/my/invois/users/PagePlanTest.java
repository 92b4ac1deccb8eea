package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which way a filtered page is fetched: walking the list order, or every match sorted. */
class PagePlanTest {

    private static boolean walks(long matches, long population, long wanted) {
        return UserSearchRepository.walksOrderIndex(new Matches(matches, population), wanted);
    }

    @Test
    void common_matches_walk_the_list_order() {
        assertThat(walks(300_000, 1_000_000, 10)).isTrue();
        assertThat(walks(850, 1_000_000, 10)).isTrue();
    }

    @Test
    void rare_matches_are_fetched_through_the_filter_and_sorted() {
        // Walking visits about 10 × 1,000,000 / 800 = 12,500 users, at a fifteenth of the cost of each of the 800 matches.
        assertThat(walks(800, 1_000_000, 10)).isFalse();
        assertThat(walks(0, 1_000_000, 10)).isFalse();
        assertThat(walks(0, 0, 10)).isFalse();
    }

    @Test
    void a_deeper_page_needs_more_matches_before_walking_pays() {
        assertThat(walks(8_200, 1_000_000, 1_000)).isTrue();
        assertThat(walks(8_100, 1_000_000, 1_000)).isFalse();
    }

    @Test
    void when_nearly_everyone_matches_walking_wins() {
        assertThat(walks(10, 10, 10)).isTrue();
        assertThat(walks(3, 10, 10)).isTrue();
        assertThat(walks(2, 10, 10)).isFalse();
        assertThat(walks(1, 10, 10)).isFalse();
    }

    @Test
    void a_walk_goes_three_times_as_far_as_an_even_spread_of_the_matches_needs() {
        // An even spread of 2,000 matches among 1,000,000 users puts the 10th at about the 5,000th user.
        assertThat(UserSearchRepository.walkBound(new Matches(2_000, 1_000_000), 10)).isEqualTo(15_000);
        assertThat(UserSearchRepository.walkBound(new Matches(10, 10), 10)).isEqualTo(30);
        assertThat(UserSearchRepository.walkBound(new Matches(3, 1_000), 20)).isEqualTo(20_000);
    }
}
