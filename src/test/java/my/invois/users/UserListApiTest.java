package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

class UserListApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private List<String> createUsers(int count) {
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            ids.add(aUser().create(api).get("id").asText());
        }
        return ids;
    }

    private JsonNode list(String query) {
        Response response = api.get(USERS + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String meta(JsonNode page) {
        return page.get("meta").toString();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void empty_list_has_total_zero_one_page_and_null_positions() {
        assertThat(meta(list(""))).isEqualTo(
                "{\"total\":0,\"per_page\":10,\"current_page\":1,\"last_page\":1,\"from\":null,\"to\":null}");
    }

    @Test
    void pages_are_oldest_first_and_meta_counts_positions() {
        List<String> ids = createUsers(7);

        JsonNode first = list("?per_page=3");
        JsonNode middle = list("?per_page=3&page=2");
        JsonNode last = list("?per_page=3&page=3");
        JsonNode past = list("?per_page=3&page=4");

        assertThat(ids(first)).isEqualTo(ids.subList(0, 3));
        assertThat(meta(first)).isEqualTo("{\"total\":7,\"per_page\":3,\"current_page\":1,\"last_page\":3,\"from\":1,\"to\":3}");
        assertThat(ids(middle)).isEqualTo(ids.subList(3, 6));
        assertThat(meta(middle)).isEqualTo("{\"total\":7,\"per_page\":3,\"current_page\":2,\"last_page\":3,\"from\":4,\"to\":6}");
        assertThat(ids(last)).isEqualTo(ids.subList(6, 7));
        assertThat(meta(last)).isEqualTo("{\"total\":7,\"per_page\":3,\"current_page\":3,\"last_page\":3,\"from\":7,\"to\":7}");
        assertThat(ids(past)).isEmpty();
        assertThat(meta(past)).isEqualTo("{\"total\":7,\"per_page\":3,\"current_page\":4,\"last_page\":3,\"from\":null,\"to\":null}");
    }

    @Test
    void default_page_size_is_10_and_100_is_allowed() {
        createUsers(12);

        assertThat(ids(list(""))).hasSize(10);
        assertThat(ids(list("?per_page=100"))).hasSize(12);
    }

    @Test
    void bad_page_parameters_are_400_naming_each_parameter() {
        for (String query : List.of("?page=0", "?page=-1", "?page=abc", "?page=1.5", "?page=", "?page=99999999999")) {
            Response response = api.deliberatelyBad().get(USERS + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("error").asText()).isEqualTo("Validation Error");
            assertThat(response.json().get("details").has("page")).as(query).isTrue();
        }
        Response both = api.deliberatelyBad().get(USERS + "?page=0&per_page=101");
        assertThat(both.json().get("details").has("page")).isTrue();
        assertThat(both.json().get("details").has("per_page")).isTrue();
        assertThat(api.deliberatelyBad().get(USERS + "?per_page=0").json().get("details").has("per_page")).isTrue();
    }

    @Test
    void search_matches_name_or_email_case_insensitively() {
        String byName = aUser().withName("Nurul Huda").withEmail("nh@example.com").create(api).get("id").asText();
        String byEmail = aUser().withName("Someone Else").withEmail("huda.k@example.com").create(api).get("id").asText();
        aUser().withName("Lim Wei").withEmail("lim@example.com").create(api);

        assertThat(ids(list("?query=HUDA"))).containsExactly(byName, byEmail);
        assertThat(meta(list("?query=HUDA"))).contains("\"total\":2");
        assertThat(ids(list("?query=" + encoded("  huda  ")))).containsExactly(byName, byEmail);
    }

    @Test
    void a_counted_search_pages_in_list_order_and_keeps_its_total_past_the_last_page() {
        var matching = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            matching.add(aUser().withName("Farah Aziz " + i).create(api).get("id").asText());
            aUser().withName("Farid Aziz " + i).create(api);
        }

        JsonNode second = list("?query=farah&per_page=2&page=2");
        JsonNode past = list("?query=farah&per_page=2&page=4");

        assertThat(ids(second)).containsExactly(matching.get(2), matching.get(3));
        assertThat(meta(second)).isEqualTo("{\"total\":5,\"per_page\":2,\"current_page\":2,\"last_page\":3,\"from\":3,\"to\":4}");
        assertThat(ids(past)).isEmpty();
        assertThat(meta(past)).contains("\"total\":5", "\"last_page\":3");
    }

    @Test
    void a_search_is_found_within_the_name_or_within_the_email_never_across_the_two() {
        String lineBreak = aUser().withName("Line\nBreak Sdn Bhd").withEmail("office@example.com").create(api).get("id").asText();
        aUser().withName("Aina Hassan").withEmail("bh@example.com").create(api);

        assertThat(ids(list("?query=" + encoded("e\nbreak")))).containsExactly(lineBreak);
        assertThat(meta(list("?query=" + encoded("san\nbh")))).contains("\"total\":0");
        assertThat(meta(list("?query=" + encoded("hassan\nbh@")))).contains("\"total\":0");
    }

    @Test
    void search_takes_percent_and_underscore_literally() {
        String percent = aUser().withName("Discount 100% Sdn Bhd").create(api).get("id").asText();
        String underscore = aUser().withName("snake_case").create(api).get("id").asText();
        aUser().withName("Discount 1000 Sdn Bhd").create(api);
        aUser().withName("snakeXcase").create(api);
        aUser().withName("back\\slash").create(api);

        assertThat(ids(list("?query=" + encoded("0%")))).containsExactly(percent);
        assertThat(ids(list("?query=" + encoded("e_c")))).containsExactly(underscore);
        assertThat(ids(list("?query=" + encoded("%")))).containsExactly(percent);
        assertThat(ids(list("?query=" + encoded("\\s")))).hasSize(1);
    }

    @Test
    void empty_search_means_no_filter() {
        createUsers(3);

        assertThat(ids(list("?query="))).hasSize(3);
        assertThat(ids(list("?query=%20%20"))).hasSize(3);
    }

    @Test
    void search_of_more_than_100_characters_is_400() {
        Response response = api.deliberatelyBad().get(USERS + "?query=" + "a".repeat(101));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").get("query").get(0).asText()).contains("100");
        assertThat(api.get(USERS + "?query=" + "a".repeat(100)).status()).isEqualTo(200);
    }

    @Test
    void email_filter_matches_exactly_and_case_insensitively() {
        String id = aUser().withEmail("exact@example.com").create(api).get("id").asText();
        aUser().withEmail("notexact@example.com").create(api);

        assertThat(ids(list("?email=EXACT@example.com"))).containsExactly(id);
        assertThat(ids(list("?email=exact"))).isEmpty();
    }

    @Test
    void one_and_two_character_searches_match_substrings_of_name_or_email_with_exact_totals() {
        String byName = aUser().withName("Xu Qing").withEmail("q1@example.com").create(api).get("id").asText();
        String byEmail = aUser().withName("Someone").withEmail("xq@example.com").create(api).get("id").asText();
        String other = aUser().withName("Lim Wei").withEmail("lim@example.com").create(api).get("id").asText();

        assertThat(ids(list("?query=XU"))).containsExactly(byName);
        assertThat(ids(list("?query=q"))).containsExactly(byName, byEmail);
        assertThat(meta(list("?query=Q"))).contains("\"total\":2");
        assertThat(ids(list("?query=%40"))).containsExactly(byName, byEmail, other);
        assertThat(meta(list("?query=zz"))).contains("\"total\":0");
        assertThat(ids(list("?query=%25"))).isEmpty();

        api.put(USERS + "/" + byEmail, Map.of("email", "someone@example.com"));
        assertThat(ids(list("?query=xq"))).isEmpty();
        assertThat(meta(list("?query=xq"))).contains("\"total\":0");
        api.delete(USERS + "/" + byName);
        assertThat(meta(list("?query=q"))).contains("\"total\":0");
        assertThat(meta(list("?query=e"))).contains("\"total\":2");
    }

    @Test
    void a_search_whose_matches_all_come_late_in_the_list_still_gets_its_first_page() {
        // 60 matches among 1,000 users are common enough to walk the list order, and an even
        // spread would put the page within the first 500 users; here they are the last 60.
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                + "SELECT 'user-' || lpad(n::text, 26, '0'), CASE WHEN n > 940 THEN 'Zqx ' ELSE 'Person ' END || n, "
                + "'p' || n || '@example.com', 'customer', timestamptz '2026-01-01' + n * interval '1 minute', now() "
                + "FROM generate_series(1, 1000) AS n");

        JsonNode first = list("?query=zqx");

        assertThat(ids(first)).containsExactlyElementsOf(IntStream.rangeClosed(941, 950)
                .mapToObj(n -> String.format("user-%026d", n)).toList());
        assertThat(meta(first)).contains("\"total\":60");
    }

    @Test
    void deep_pages_start_from_the_kept_ranges_and_stay_exact_as_users_come_and_go() {
        // 25,000 users in one statement, paged from the log, then folded into ranges; then some
        // go before the deep offsets and some arrive with early dates.
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                + "SELECT 'user-' || lpad(n::text, 26, '0'), 'Person ' || n, 'p' || n || '@example.com', 'customer', "
                + "timestamptz '2026-01-01' + n * interval '1 minute', now() FROM generate_series(1, 25000) AS n",
                // Statistics as autovacuum would soon have them: with the empty table's, a cached plan for
                // the page could scan all 25,000 users for each row and outlast the statement timeout.
                "ANALYZE users");
        assertPagesMatchTheListOrder();
        // Folded: the first range (from -infinity) grew past 20,000 and is cut after 10,000.
        TestServer.shared().userSearch().fold();
        assertThat(TestDatabase.count("SELECT count(*) FROM user_search_ranges")).isEqualTo(2);
        assertPagesMatchTheListOrder();

        TestDatabase.bulk("DELETE FROM users WHERE id IN (SELECT 'user-' || lpad(n::text, 26, '0') FROM generate_series(3, 12000, 7) AS n)",
                "INSERT INTO users (id, name, email, role, created_at, updated_at) "
                        + "SELECT 'user-early' || n, 'Early ' || n, 'e' || n || '@example.com', 'customer', "
                        + "timestamptz '2025-12-01' + n * interval '1 minute', now() FROM generate_series(1, 300) AS n",
                "ANALYZE users");
        for (String id : createUsers(3)) {
            api.delete(USERS + "/" + id);
        }
        assertPagesMatchTheListOrder();
        TestServer.shared().userSearch().fold();
        assertPagesMatchTheListOrder();
    }

    private void assertPagesMatchTheListOrder() {
        long total = TestDatabase.count("SELECT count(*) FROM users");
        for (long page : new long[] {100, 101, 150, 200, total / 100, total / 100 + 1}) {
            long offset = (page - 1) * 100;
            List<String> expected = TestDatabase.get().jdbi().withHandle(handle -> handle
                    .createQuery("SELECT id FROM users ORDER BY created_at, id LIMIT 100 OFFSET :offset")
                    .bind("offset", offset).mapTo(String.class).list());
            assertThat(ids(list("?page=" + page + "&per_page=100"))).as("page %d", page).containsExactlyElementsOf(expected);
        }
        assertThat(new UserSearch(TestDatabase.get().jdbi()).verify()).isEmpty();
    }
}
