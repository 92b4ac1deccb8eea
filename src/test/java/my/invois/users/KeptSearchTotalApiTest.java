package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** Searches that match many users get kept totals, adopted by the fold (V18), which must stay exact. */
class KeptSearchTotalApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    private final UserSearch search = TestServer.shared().userSearch();

    /** {@code count} users whose email contains {@code term}, created in the database directly. */
    private static void usersMatching(String term, int count) {
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                + "SELECT 'user-" + term + "' || lpad(n::text, 20, '0'), 'Bulk User ' || n, 'u' || n || '." + term
                + "@example.com', 'customer', now() - n * interval '1 second', now() FROM generate_series(1, " + count + ") AS n");
    }

    private long total(String query) {
        Response response = api.get(USERS + "?query=" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("total").asLong();
    }

    private static long trueCount(String term) {
        return TestDatabase.count("SELECT count(*) FROM users WHERE name ILIKE '%" + term + "%' OR email ILIKE '%" + term + "%'");
    }

    private static boolean kept(String term) {
        return TestDatabase.count("SELECT count(*) FROM user_search_totals WHERE term = '" + term + "'") == 1;
    }

    /** The next transaction id: a statement that wrote anything, anywhere, moved it. */
    private static long nextTransaction() {
        return TestDatabase.count("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
    }

    @Test
    void a_search_with_many_matches_is_adopted_by_the_next_fold_and_follows_every_write() {
        usersMatching("keptterm", 1_200);
        assertThat(total("KeptTerm")).isEqualTo(1_200);
        assertThat(kept("keptterm")).as("a GET only remembers the term").isFalse();
        search.fold();
        assertThat(kept("keptterm")).isTrue();

        String created = aUser().withName("Ana KEPTTERM").create(api).get("id").asText();
        aUser().withName("Unrelated").create(api);
        assertThat(total("keptterm")).isEqualTo(1_201);

        String renamed = aUser().withName("Later Match").create(api).get("id").asText();
        api.put(USERS + "/" + renamed, Map.of("email", "now.keptterm@example.com"));
        search.fold();
        assertThat(total("keptterm")).isEqualTo(1_202);

        api.put(USERS + "/" + created, Map.of("phone", "+60123456789"));
        api.put(USERS + "/" + created, Map.of("name", "Ana Again keptTERM"));
        assertThat(total("keptterm")).isEqualTo(1_202);

        api.put(USERS + "/" + created, Map.of("name", "Ana Elsewhere"));
        api.delete(USERS + "/" + renamed);
        api.delete(USERS + "/user-keptterm" + "0".repeat(19) + "1");
        assertThat(total("keptterm")).isEqualTo(1_199).isEqualTo(trueCount("keptterm"));
        search.fold();
        assertThat(total("keptterm")).isEqualTo(1_199);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void a_write_in_flight_when_the_fold_adopts_a_term_is_counted_once() {
        usersMatching("inflight", 1_100);
        assertThat(total("inflight")).isEqualTo(1_100);
        try (Handle writer = TestDatabase.get().jdbi().open()) {
            writer.begin();
            writer.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                    + "VALUES ('user-inflight-writer', 'In Flight', 'w.inflight@example.com', 'customer', now(), now())");

            search.fold();
            assertThat(kept("inflight")).isTrue();
            assertThat(total("inflight")).isEqualTo(1_100);
            writer.commit();
        }

        assertThat(total("inflight")).isEqualTo(1_101).isEqualTo(trueCount("inflight"));
        search.fold();
        assertThat(total("inflight")).isEqualTo(1_101);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void searches_with_few_matches_are_counted_each_time_and_not_kept() {
        usersMatching("rareterm", 20);

        assertThat(total("rareterm")).isEqualTo(20);
        search.fold();
        assertThat(TestDatabase.count("SELECT count(*) FROM user_search_totals WHERE length(term) >= 4")).isZero();
    }

    @Test
    void no_search_or_list_writes_anything() {
        usersMatching("quietterm", 1_100);
        aUser().withName("Ab Cd").create(api);
        long before = nextTransaction();

        for (int i = 0; i < 5; i++) {
            assertThat(total("quietterm")).isEqualTo(1_100);
            assertThat(total("a")).isEqualTo(1_101);
            assertThat(total("ab%20c")).isEqualTo(1);
            assertThat(api.get(USERS + "?page=2&per_page=10").status()).isEqualTo(200);
        }

        assertThat(nextTransaction()).as("transaction ids used by the reads").isEqualTo(before);
        search.fold();
        assertThat(kept("quietterm")).as("adopted by the fold instead").isTrue();
    }

    @Test
    void kept_totals_adopted_while_users_are_written_and_folded_are_exact() throws Exception {
        List<String> terms = List.of("racea", "raceb", "racec", "raced");
        for (String term : terms) {
            usersMatching(term, 1_100);
        }
        var calls = new ArrayList<Callable<Integer>>();
        for (String term : terms) {
            calls.add(() -> {
                for (int i = 0; i < 40; i++) {
                    String id = aUser().withName("Racer " + term).create(api).get("id").asText();
                    if (i % 3 == 0) {
                        api.delete(USERS + "/" + id);
                    }
                }
                return 0;
            });
            calls.add(() -> (int) total(term));
        }
        calls.add(() -> {
            int folds = 0;
            for (int i = 0; i < 20; i++) {
                search.fold();
                folds++;
            }
            return folds;
        });

        Parallel.all(calls);
        search.fold();

        for (String term : terms) {
            assertThat(kept(term)).as(term).isTrue();
            assertThat(total(term)).as(term).isEqualTo(trueCount(term)).isGreaterThan(1_100);
        }
        assertThat(DatabaseChecks.violations()).isEmpty();
    }
}
