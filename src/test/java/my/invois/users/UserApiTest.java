package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class UserApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private static List<String> keys(JsonNode node) {
        var names = new ArrayList<String>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    @Test
    void post_creates_a_user_with_201_location_and_full_form() {
        Response response = api.post(USERS, Map.of("name", "  Aisyah Binti Ahmad  ", "email", "Aisyah@Example.COM",
                "firstName", "Aisyah", "phone", " +60 12-345 6789 ", "dob", "1990-05-15"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode user = response.json();
        assertThat(keys(user)).containsExactly("id", "name", "firstName", "lastName", "email", "phone", "dob", "role",
                "members", "createdAt", "updatedAt");
        assertThat(user.get("id").asText()).startsWith("user-");
        assertThat(response.header("Location")).hasValue(USERS + "/" + user.get("id").asText());
        assertThat(user.get("name").asText()).isEqualTo("Aisyah Binti Ahmad");
        assertThat(user.get("email").asText()).isEqualTo("aisyah@example.com");
        assertThat(user.get("phone").asText()).isEqualTo("+60 12-345 6789");
        assertThat(user.get("lastName").isNull()).isTrue();
        assertThat(user.get("dob").asText()).isEqualTo("1990-05-15");
        assertThat(user.get("role").asText()).isEqualTo("customer");
        assertThat(user.get("members").isArray()).isTrue();
        assertThat(user.get("members")).isEmpty();
        assertThat(user.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(user.get("updatedAt").asText()).isEqualTo(user.get("createdAt").asText());
    }

    @Test
    void get_returns_what_post_created() {
        JsonNode created = aUser().with("role", "admin").with("lastName", "Tan").create(api);

        Response response = api.get(USERS + "/" + created.get("id").asText());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(created);
    }

    @Test
    void get_unknown_user_is_404_user_not_found() {
        for (String id : List.of("user-01jdq6z7m9x8k2v3w4y5z6a7b8", "nonsense", "org-01jdq6z7m9x8k2v3w4y5z6a7b8", "user-%25")) {
            Response response = api.get(USERS + "/" + id);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"error\":\"Not Found\",\"message\":\"User not found\"}");
        }
    }

    @Test
    void post_with_existing_email_in_other_case_is_409() {
        aUser().withEmail("siti@example.com").create(api);

        Response response = api.post(USERS, aUser().withEmail("SITI@Example.com").body());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"error\":\"Conflict\",\"message\":\"Email already exists\","
                + "\"details\":{\"email\":[\"This email is already registered\"]}}");
        assertThat(TestDatabase.count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void explicit_null_optionals_are_unset_and_null_role_is_the_default() {
        Map<String, Object> body = new HashMap<>(aUser().body());
        body.put("firstName", null);
        body.put("phone", null);
        body.put("dob", null);
        body.put("role", null);

        JsonNode user = api.post(USERS, body).json();

        assertThat(user.get("firstName").isNull()).isTrue();
        assertThat(user.get("phone").isNull()).isTrue();
        assertThat(user.get("dob").isNull()).isTrue();
        assertThat(user.get("role").asText()).isEqualTo("customer");
    }

    @Test
    void read_only_fields_in_a_post_are_ignored() {
        Map<String, Object> body = new HashMap<>(aUser().body());
        body.put("id", "user-chosen-by-client");
        body.put("createdAt", "2000-01-01T00:00:00Z");
        body.put("members", List.of(Map.of("id", "member-x")));

        JsonNode user = api.post(USERS, body).json();

        assertThat(user.get("id").asText()).isNotEqualTo("user-chosen-by-client");
        assertThat(user.get("createdAt").asText()).doesNotStartWith("2000");
        assertThat(user.get("members")).isEmpty();
    }

    @Test
    void delete_removes_the_user_and_then_404() {
        String id = aUser().create(api).get("id").asText();

        assertThat(api.delete(USERS + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(USERS + "/" + id).status()).isEqualTo(404);
        assertThat(api.delete(USERS + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void list_items_have_no_dob_or_members() {
        aUser().with("dob", "1985-01-02").create(api);

        JsonNode item = api.get(USERS).json().get("data").get(0);

        assertThat(keys(item)).containsExactly("id", "name", "firstName", "lastName", "email", "phone", "role",
                "createdAt", "updatedAt");
    }
}
