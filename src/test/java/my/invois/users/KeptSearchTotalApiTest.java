package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** Searches that match many users get kept totals (migration V4), which must stay exact. */
class KeptSearchTotalApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

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

    private static long keptTotal(String term) {
        return TestDatabase.count("SELECT coalesce((SELECT total FROM search_counts WHERE term = '" + term + "' AND NOT pending), -1)");
    }

    private static void awaitKept(String term) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (keptTotal(term) < 0) {
            assertThat(Instant.now()).as("kept total of " + term).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void a_search_with_many_matches_gets_a_kept_total_that_follows_every_write() throws Exception {
        usersMatching("keptterm", 1_200);
        assertThat(total("KeptTerm")).isEqualTo(1_200);
        awaitKept("keptterm");

        String created = aUser().withName("Ana KEPTTERM").create(api).get("id").asText();
        aUser().withName("Unrelated").create(api);
        assertThat(total("keptterm")).isEqualTo(1_201);

        String renamed = aUser().withName("Later Match").create(api).get("id").asText();
        api.put(USERS + "/" + renamed, Map.of("email", "now.keptterm@example.com"));
        assertThat(total("keptterm")).isEqualTo(1_202);

        api.put(USERS + "/" + created, Map.of("phone", "+60123456789"));
        api.put(USERS + "/" + created, Map.of("name", "Ana Again keptTERM"));
        assertThat(total("keptterm")).isEqualTo(1_202);

        api.put(USERS + "/" + created, Map.of("name", "Ana Elsewhere"));
        api.delete(USERS + "/" + renamed);
        api.delete(USERS + "/user-keptterm" + "0".repeat(19) + "1");
        assertThat(total("keptterm")).isEqualTo(1_199).isEqualTo(trueCount("keptterm"));
        assertThat(keptTotal("keptterm")).isEqualTo(1_199);
    }

    @Test
    void a_write_in_flight_when_keeping_starts_is_counted_once() throws Exception {
        usersMatching("inflight", 1_100);
        try (Handle writer = TestDatabase.get().jdbi().open()) {
            writer.begin();
            writer.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                    + "VALUES ('user-inflight-writer', 'In Flight', 'w.inflight@example.com', 'customer', now(), now())");

            assertThat(total("inflight")).isEqualTo(1_100);
            Thread.sleep(300);
            assertThat(keptTotal("inflight")).as("still waiting for the writer").isEqualTo(-1);
            writer.commit();
        }

        awaitKept("inflight");
        assertThat(keptTotal("inflight")).isEqualTo(1_101).isEqualTo(trueCount("inflight"));
    }

    @Test
    void searches_with_few_matches_are_counted_each_time_and_not_kept() {
        usersMatching("rareterm", 20);

        assertThat(total("rareterm")).isEqualTo(20);
        assertThat(TestDatabase.count("SELECT count(*) FROM search_counts")).isZero();
    }

    @Test
    void kept_totals_started_while_users_are_written_are_exact() throws Exception {
        List<String> terms = List.of("racea", "raceb", "racec", "raced");
        for (String term : terms) {
            usersMatching(term, 1_100);
        }
        var writes = new ArrayList<Callable<Integer>>();
        for (int writer = 0; writer < 4; writer++) {
            String term = terms.get(writer);
            writes.add(() -> {
                int done = 0;
                for (int i = 0; i < 40; i++) {
                    String id = aUser().withName("Racer " + term).create(api).get("id").asText();
                    if (i % 3 == 0) {
                        api.delete(USERS + "/" + id);
                    }
                    done++;
                }
                return done;
            });
        }
        var searches = new ArrayList<Callable<Integer>>();
        for (String term : terms) {
            searches.add(() -> {
                Thread.sleep(30);
                return (int) total(term);
            });
        }
        var all = new ArrayList<Callable<Integer>>(writes);
        all.addAll(searches);

        Parallel.all(all);
        for (String term : terms) {
            awaitKept(term);
        }

        for (String term : terms) {
            assertThat(keptTotal(term)).as(term).isEqualTo(trueCount(term)).isGreaterThan(1_100);
            assertThat(total(term)).as(term).isEqualTo(trueCount(term));
        }
    }
}
