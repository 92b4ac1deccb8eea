package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import my.invois.http.QueryParams;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue: search must use the trigram indexes, not scan the table. */
class UserSearchPlanTest {

    @BeforeAll
    static void fillTable() {
        TestDatabase.clear();
        TestDatabase.bulk(
                "INSERT INTO users (id, name, email, role, created_at, updated_at) "
                        + "SELECT 'user-' || lpad(n::text, 26, '0'), 'Person ' || md5(n::text), 'p' || n || '@example.com', 'customer', "
                        + "now() - n * interval '1 minute', now() FROM generate_series(1, 100000) AS n",
                "ANALYZE users");
    }

    @AfterAll
    static void clear() {
        TestDatabase.clear();
    }

    private static String plan(String sql, String pattern) {
        return TestDatabase.get().jdbi().withHandle(handle -> String.join("\n", handle.createQuery("EXPLAIN " + sql)
                .bind("pattern", pattern).bind("limit", 10).bind("offset", 0L).bind("email", "x").bind("search", pattern)
                .mapTo(String.class).list()));
    }

    @Test
    void substring_search_uses_the_trigram_indexes_of_name_and_email() {
        String sql = UserRepository.pageSql(new UserFilter(Optional.of("abcdef"), Optional.empty()), 0);

        String plan = plan(sql, QueryParams.containsPattern("abcdef"));

        assertThat(plan).contains("users_name_trgm", "users_email_trgm").doesNotContain("Seq Scan");
    }

    @Test
    void exact_email_filter_uses_the_unique_index() {
        String plan = plan(UserRepository.pageSql(new UserFilter(Optional.empty(), Optional.of("p1@example.com")), 1), "");

        assertThat(plan).contains("users_email_key").doesNotContain("Seq Scan");
    }

    @Test
    void a_rare_short_search_uses_the_short_substring_index_rather_than_walking_every_user() {
        String plan = plan(UserRepository.pageSql(new UserFilter(Optional.of("zq"), Optional.empty()), 0), "zq");

        assertThat(plan).contains("users_short_grams").doesNotContain("Seq Scan");
    }
}
