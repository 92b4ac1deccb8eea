package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/** Issue 19: no user writer waits for an unrelated one, and none takes a table lock (V18). */
class UserWritesScaleApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    /** Far above a create's few milliseconds, far below the 10 s statement timeout a blocked one would meet. */
    private static final long PATIENCE_SECONDS = 5;

    private static long total(Api api, String query) {
        return api.get(USERS + "?query=" + query).json().get("meta").get("total").asLong();
    }

    @Test
    void a_create_and_an_update_commit_while_another_user_write_is_held_open() throws Exception {
        String other = aUser().withName("Other Person").create(api).get("id").asText();
        try (Handle writer = TestDatabase.get().jdbi().open()) {
            writer.begin();
            writer.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                    + "VALUES ('user-held-open', 'Held Open', 'held@example.com', 'customer', now(), now())");
            writer.execute("UPDATE users SET name = 'Held Renamed' WHERE id = ?", other);

            var created = CompletableFuture.supplyAsync(() -> aUser().withName("Meanwhile Created").create(api));
            String id = created.get(PATIENCE_SECONDS, TimeUnit.SECONDS).get("id").asText();
            var updated = CompletableFuture.supplyAsync(() -> api.put(USERS + "/" + id, Map.of("name", "Meanwhile Renamed")));

            assertThat(updated.get(PATIENCE_SECONDS, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(total(api, "meanwhile")).isEqualTo(1);
            assertThat(total(api, "held")).as("the open write is not seen").isZero();
            writer.commit();
        }
        assertThat(total(api, "held")).isEqualTo(2);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void an_open_user_write_holds_no_lock_stronger_than_row_exclusive_on_any_table_and_a_fold_runs_meanwhile() {
        String id = aUser().withName("Locked Person").create(api).get("id").asText();
        try (Handle writer = TestDatabase.get().jdbi().open()) {
            writer.begin();
            writer.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                    + "VALUES ('user-locks', 'Lock Probe', 'locks@example.com', 'customer', now(), now())");
            writer.execute("UPDATE users SET name = 'Lock Probe Renamed', email = 'renamed.locks@example.com' WHERE id = ?", id);
            writer.execute("DELETE FROM users WHERE id = 'user-locks'");

            List<String> locks = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                            "SELECT relation::regclass || ' ' || mode FROM pg_locks WHERE pid = :pid AND locktype = 'relation' "
                                    + "AND mode NOT IN ('AccessShareLock', 'RowShareLock', 'RowExclusiveLock')")
                    .bind("pid", writer.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one())
                    .mapTo(String.class)
                    .list());

            assertThat(locks).isEmpty();
            assertThat(TestServer.shared().userSearch().fold()).as("folds what was committed").isPositive();
            writer.commit();
        }
        assertThat(total(api, "lock%20probe")).isEqualTo(1);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }
}
