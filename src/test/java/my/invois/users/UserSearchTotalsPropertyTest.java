package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.testing.Api;
import my.invois.testing.Figures;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * SPEC A5's exact meta.total through folds and not (V18): creates, renames, new emails and
 * deletes interleaved with searches of one to three characters and longer (some popular enough
 * to be adopted), deep pages and folds; every total is a plain ILIKE count, every deep page the
 * plain list order, and verify() finds nothing at the end.
 */
class UserSearchTotalsPropertyTest {

    private static final String USERS = Api.PREFIX + "/users";
    /** Past RANGED_FROM_OFFSET, so that pages 101 and beyond start from the kept ranges. */
    private static final int POPULATION = 10_200;
    private static final AtomicLong unique = new AtomicLong();
    private static final List<String> live = new ArrayList<>();
    private static Api api;
    private static UserSearch search;

    sealed interface Step permits Create, Rename, NewEmail, Delete, Search, DeepPage, Fold {
    }

    record Create(String name) implements Step {
    }

    record Rename(int pick, String name) implements Step {
    }

    record NewEmail(int pick, String domain) implements Step {
    }

    record Delete(int pick) implements Step {
    }

    record Search(String text) implements Step {
    }

    record DeepPage(int page) implements Step {
    }

    /** A fold step of this many log rows (small, so that steps end within the backlog and within a transaction's rows). */
    record Fold(int rows) implements Step {
    }

    @BeforeContainer
    static void populate() {
        TestDatabase.clear();
        // Names of six letters a/b: every one- to three-letter term and most of four match
        // hundreds or thousands of users.
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                        + "SELECT 'user-' || lpad(n::text, 26, '0'), 'P ' || translate(lpad((n % 64)::bit(6)::text, 6, '0'), '01', 'ab'), "
                        + "'u' || n || CASE WHEN n % 2 = 0 THEN '@ab.io' ELSE '@ba.io' END, 'customer', "
                        + "timestamptz '2026-01-01' + n * interval '1 minute', now() FROM generate_series(1, " + POPULATION + ") AS n",
                "ANALYZE users");
        api = TestServer.shared().api();
        search = TestServer.shared().userSearch();
        search.fold();
        live.addAll(TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM users").mapTo(String.class).list()));
    }

    @AfterContainer
    static void clear() {
        Figures.record("UserSearchTotalsPropertyTest", "long terms kept at the end",
                TestDatabase.count("SELECT count(*) FROM user_search_totals WHERE length(term) >= 4"));
        TestDatabase.clear();
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abAB \n@.").ofMinLength(2).ofMaxLength(10)
                .filter(name -> !name.isBlank() && name.strip().length() >= 2);
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Step> create = names.map(Create::new);
        Arbitrary<Step> rename = Combinators.combine(picks, names).as(Rename::new);
        Arbitrary<Step> newEmail = Combinators.combine(picks, Arbitraries.of("ab.io", "ba.io", "b.io")).as(NewEmail::new);
        Arbitrary<Step> delete = picks.map(Delete::new);
        Arbitrary<Step> searches = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abAB").ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().withChars("abAB").ofMinLength(4).ofMaxLength(6),
                Arbitraries.strings().withChars("abAB \n@.u1").ofMinLength(1).ofMaxLength(7)).map(Search::new);
        Arbitrary<Step> deepPage = Arbitraries.of(1, 2, 101, 102, 103).map(DeepPage::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(15, create), net.jqwik.api.Tuple.of(10, rename), net.jqwik.api.Tuple.of(8, newEmail),
                net.jqwik.api.Tuple.of(10, delete), net.jqwik.api.Tuple.of(35, searches), net.jqwik.api.Tuple.of(10, deepPage),
                net.jqwik.api.Tuple.of(12, Arbitraries.integers().between(1, 4).map(Fold::new))).list().ofMinSize(5).ofMaxSize(25);
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void every_total_is_a_plain_count_through_writes_and_folds(@ForAll("steps") List<Step> steps) {
        for (Step step : steps) {
            if (step instanceof Create create) {
                Response created = api.post(USERS, Map.of("name", create.name(), "email", "c" + unique.incrementAndGet() + "@ab.io"));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                live.add(created.json().get("id").asText());
            } else if (step instanceof Rename rename) {
                written(api.put(USERS + "/" + pick(rename.pick()), Map.of("name", rename.name())));
            } else if (step instanceof NewEmail email) {
                written(api.put(USERS + "/" + pick(email.pick()), Map.of("email", "e" + unique.incrementAndGet() + "@" + email.domain())));
            } else if (step instanceof Delete delete) {
                String id = pick(delete.pick());
                assertThat(api.delete(USERS + "/" + id).status()).isEqualTo(204);
                live.remove(id);
            } else if (step instanceof Search searched) {
                assertThat(total("?query=" + URLEncoder.encode(searched.text(), StandardCharsets.UTF_8)))
                        .as("meta.total of %s", step).isEqualTo(plainCount(searched.text().strip()));
            } else if (step instanceof DeepPage deep) {
                assertDeepPage(deep.page());
            } else if (step instanceof Fold fold) {
                search.fold(fold.rows());
            }
        }
        assertThat(search.verify()).as("after %s", steps).isEmpty();
    }

    private static String pick(int pick) {
        return live.get(pick % live.size());
    }

    private static void written(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private static long total(String query) {
        Response response = api.get(USERS + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("meta").get("total").asLong();
    }

    private static long plainCount(String text) {
        String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT count(*) FROM users WHERE name ILIKE :pattern ESCAPE '!' OR email ILIKE :pattern ESCAPE '!'")
                .bind("pattern", pattern).mapTo(Long.class).one());
    }

    private static void assertDeepPage(int page) {
        JsonNode listed = api.get(USERS + "?page=" + page + "&per_page=100").json();
        List<String> expected = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT id FROM users ORDER BY created_at, id LIMIT 100 OFFSET :offset")
                .bind("offset", (page - 1) * 100L).mapTo(String.class).list());
        var ids = new ArrayList<String>();
        listed.get("data").forEach(item -> ids.add(item.get("id").asText()));
        assertThat(ids).as("page %d", page).containsExactlyElementsOf(expected);
        assertThat(listed.get("meta").get("total").asLong()).isEqualTo(plainCount(""));
    }
}
