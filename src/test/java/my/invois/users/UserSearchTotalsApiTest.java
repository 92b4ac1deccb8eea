package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.junit.jupiter.api.Test;

/** The kept totals of user search (V18): checked by verify(), repaired by rebuild(), folded under a long snapshot. */
class UserSearchTotalsApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    private final UserSearch search = TestServer.shared().userSearch();

    private long total(String query) {
        return api.get(USERS + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json().get("meta").get("total").asLong();
    }

    private static String foldedBelow() {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT folded_below::text FROM user_search_watermark").mapTo(String.class).one());
    }

    private static void insertUsers(int from, int to) {
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                + "SELECT 'user-' || lpad(n::text, 26, '0'), 'Person ' || n, 'p' || n || '@example.com', 'customer', "
                + "timestamptz '2026-01-01' + n * interval '1 minute', now() FROM generate_series(" + from + ", " + to + ") AS n");
    }

    @Test
    void verify_names_each_corrupted_total_and_rebuild_repairs_them_all() {
        insertUsers(1, 25_000);
        aUser().withName("Zoë Müller").withEmail("zoe@example.com").create(api);
        assertThat(search.fold()).as("one step: the bulk insert's transaction whole").isEqualTo(25_000);
        assertThat(search.foldBacklog()).as("then the rest").isEqualTo(1);
        assertThat(search.verify()).isEmpty();

        TestDatabase.bulk("UPDATE user_search_totals SET total = total + 1 WHERE term = 'ü'",
                "UPDATE user_search_totals SET total = total - 3 WHERE term = ''",
                "DELETE FROM user_search_totals WHERE term = 'zo'",
                "UPDATE user_search_ranges SET users = users + 2 WHERE start_at = '-infinity'");

        assertThat(search.verify()).containsExactlyInAnyOrder(
                "all users: kept 24998, counted 25001",
                "range from -infinity : kept 10002, counted 10000",
                "term zo: kept 0, counted 1",
                "term ü: kept 2, counted 1");
        assertThat(DatabaseChecks.violations()).hasSize(4);

        search.rebuild();

        assertThat(search.verify()).isEmpty();
        assertThat(total("ü")).isEqualTo(1);
        assertThat(total("")).isEqualTo(25_001);
        assertThat(api.get(USERS + "?page=101&per_page=100").json().get("data").get(0).get("id").asText())
                .isEqualTo(String.format("user-%026d", 10_001));
    }

    @Test
    void rebuild_while_a_write_is_open_counts_it_once_when_it_commits() {
        insertUsers(1, 300);
        try (Handle writer = TestDatabase.get().jdbi().open()) {
            writer.begin();
            writer.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                    + "VALUES ('user-open', 'Person Open', 'open@example.com', 'customer', now(), now())");
            search.rebuild();
            writer.commit();
        }

        assertThat(total("person")).isEqualTo(301);
        assertThat(search.verify()).isEmpty();
    }

    @Test
    void a_long_snapshot_does_not_hold_the_folds_back_and_reads_stay_exact() {
        insertUsers(1, 1_000);
        search.fold();
        try (Handle dump = TestDatabase.get().jdbi().open()) {
            dump.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
            dump.begin();
            long seen = dump.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one();

            var watermarks = new ArrayList<String>();
            TestDatabase.get().jdbi().useHandle(handle -> {
                for (int n = 1_001; n <= 4_000; n++) {
                    handle.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) VALUES (?, ?, ?, 'customer', "
                            + "timestamptz '2026-01-01' + CAST(? AS integer) * interval '1 minute', now())",
                            String.format("user-%026d", n), "Person " + n, "p" + n + "@example.com", n);
                    if (n % 3 == 0) {
                        handle.execute("DELETE FROM users WHERE id = ?", String.format("user-%026d", n - 1));
                    }
                    if (n % 500 == 0) {
                        assertThat(search.fold()).isPositive();
                        watermarks.add(foldedBelow());
                    }
                }
            });

            assertThat(watermarks).doesNotHaveDuplicates().hasSize(6);
            assertThat(TestDatabase.count("SELECT count(*) FROM user_search_changes")).as("log left after the last fold").isZero();
            assertThat(total("person")).isEqualTo(3_000);
            assertThat(total("")).isEqualTo(3_000);
            assertThat(total("9")).isEqualTo(TestDatabase.count("SELECT count(*) FROM users WHERE name LIKE '%9%' OR email LIKE '%9%'"));
            List<String> wrongInTheOldSnapshot = dump.createQuery("SELECT key FROM user_search_verify()").mapTo(String.class).list();
            assertThat(wrongInTheOldSnapshot).isEmpty();
            assertThat(dump.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one()).isEqualTo(seen);
            dump.rollback();
        }
        assertThat(search.verify()).isEmpty();
    }
}
