package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search must find its matches through the index of grams, not by scanning the table. */
class UserSearchPlanTest {

    @BeforeAll
    static void fillTable() {
        TestDatabase.clear();
        TestDatabase.bulk(
                "INSERT INTO users (id, name, email, role, created_at, updated_at) "
                        + "SELECT 'user-' || lpad(n::text, 26, '0'), 'Person ' || md5(n::text), 'p' || n || '@example.com', 'customer', "
                        + "now() - n * interval '1 minute', now() FROM generate_series(1, 30000) AS n",
                "ANALYZE users");
        // The pieces are judged by the base totals (V18), which a fold fills.
        new UserSearch(TestDatabase.get().jdbi()).fold();
    }

    @AfterAll
    static void clear() {
        TestDatabase.clear();
    }

    private static String plan(String sql, String search) {
        return TestDatabase.get().jdbi().withHandle(handle -> String.join("\n", handle.createQuery("EXPLAIN " + sql)
                .bind("term", search).bind("limit", 10).bind("offset", 0L).bind("walk", 30L).bind("email", "x")
                .mapTo(String.class).list()));
    }

    @Test
    void substring_search_with_few_matches_uses_the_index_of_grams() {
        String sql = UserSearchRepository.sortedMatchesSql(new UserFilter(Optional.of("abcdef"), Optional.empty()));

        String plan = plan(sql, "abcdef");

        assertThat(plan).contains("users_grams").doesNotContain("Seq Scan");
    }

    @Test
    void a_search_without_a_kept_total_reads_the_index_of_grams_once_for_its_count_and_its_page() {
        String plan = plan(UserSearchRepository.countedPageSql(new UserFilter(Optional.of("abcdef"), Optional.empty())), "abcdef");

        assertThat(plan.split("users_grams", -1)).as(plan).hasSize(2);
        assertThat(plan).doesNotContain("Seq Scan on users");
    }

    @Test
    void substring_search_with_many_matches_walks_the_list_order_whatever_the_planner_guesses() {
        String sql = UserSearchRepository.walkSql(new UserFilter(Optional.of("person"), Optional.empty()));

        String plan = plan(sql, "person");

        // The walk tests users from the index (V22), then reads only the page's rows.
        assertThat(plan).contains("Index Only Scan using users_created_order", "Index Scan using users_pkey")
                .doesNotContain("Seq Scan", "Bitmap", "Sort");
    }

    @Test
    void the_index_is_asked_only_for_pieces_that_at_most_a_fifth_of_users_hold() {
        // Every user's name holds "per", "ers", "rso", "son" and "on "; one in 16 holds "n a", one in 256 " ab".
        assertThat(indexPieces("Person ab")).containsExactly(" ab", "n a");
    }

    @Test
    void when_every_piece_is_common_the_index_is_asked_for_the_rarest_alone() {
        // Every user holds "ers", "rso" and "son": one is enough, the first in order of the tie.
        assertThat(indexPieces("erson")).containsExactly("ers");
    }

    @Test
    void a_search_of_common_pieces_still_finds_exactly_the_users_that_contain_it() {
        long counted = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        UserSearchRepository.countedPageSql(new UserFilter(Optional.of("on ab"), Optional.empty())))
                .bind("term", "on ab").bind("limit", 10).bind("offset", 0L).map((row, context) -> row.getLong("total")).list().get(0));
        long everyRow = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM users WHERE strpos(lower(name), 'on ab') > 0")
                .mapTo(Long.class).one());

        assertThat(counted).isEqualTo(everyRow).isPositive();
    }

    private static List<String> indexPieces(String search) {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT unnest(search_index_pieces(:search))")
                .bind("search", search).mapTo(String.class).list());
    }

    @Test
    void exact_email_filter_uses_the_unique_index() {
        String plan = plan(UserSearchRepository.sortedMatchesSql(new UserFilter(Optional.empty(), Optional.of("p1@example.com"))), "");

        assertThat(plan).contains("users_email_key").doesNotContain("Seq Scan");
    }

    @Test
    void a_rare_short_search_uses_the_index_of_grams_rather_than_walking_every_user() {
        String plan = plan(UserSearchRepository.sortedMatchesSql(new UserFilter(Optional.of("zq"), Optional.empty())), "zq");

        assertThat(plan).contains("users_grams").doesNotContain("Seq Scan");
    }
}
