package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import org.junit.jupiter.api.Test;

class UserUpdateApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private JsonNode aFullUser() {
        return aUser().with("firstName", "Mei").with("lastName", "Ling").with("phone", "+60123456789")
                .with("dob", "1991-02-03").with("role", "admin").create(api);
    }

    private Response put(JsonNode user, Object body) {
        return api.put(USERS + "/" + user.get("id").asText(), body);
    }

    private Response putDeliberatelyBad(JsonNode user, Object body) {
        return api.deliberatelyBad().put(USERS + "/" + user.get("id").asText(), body);
    }

    @Test
    void absent_fields_keep_their_values() {
        JsonNode user = aFullUser();

        JsonNode updated = put(user, Map.of("lastName", "Tan")).json();

        assertThat(updated.get("lastName").asText()).isEqualTo("Tan");
        for (String kept : List.of("name", "firstName", "email", "phone", "dob", "role", "createdAt")) {
            assertThat(updated.get(kept)).as(kept).isEqualTo(user.get(kept));
        }
    }

    @Test
    void explicit_null_clears_optional_fields() {
        JsonNode user = aFullUser();
        var body = new HashMap<String, Object>();
        for (String field : List.of("firstName", "lastName", "phone", "dob")) {
            body.put(field, null);
        }

        JsonNode updated = put(user, body).json();

        for (String cleared : List.of("firstName", "lastName", "phone", "dob")) {
            assertThat(updated.get(cleared).isNull()).as(cleared).isTrue();
        }
        assertThat(api.get(USERS + "/" + user.get("id").asText()).json()).isEqualTo(updated);
    }

    @Test
    void null_for_a_required_field_is_400_and_changes_nothing() {
        JsonNode user = aFullUser();
        var body = new HashMap<String, Object>();
        body.put("name", null);
        body.put("email", null);
        body.put("role", null);
        body.put("lastName", "Changed");

        Response response = putDeliberatelyBad(user, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").has("name")).isTrue();
        assertThat(response.json().get("details").has("email")).isTrue();
        assertThat(response.json().get("details").has("role")).isTrue();
        assertThat(api.get(USERS + "/" + user.get("id").asText()).json()).isEqualTo(user);
    }

    @Test
    void echoed_read_only_fields_are_ignored() {
        JsonNode user = aFullUser();
        var echoed = (ObjectNode) user.deepCopy();
        echoed.put("id", "user-someone-else");
        echoed.put("createdAt", "2001-01-01T00:00:00Z");
        echoed.put("updatedAt", "2001-01-01T00:00:00Z");
        echoed.put("name", "Renamed Person");

        Response response = put(user, echoed.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id")).isEqualTo(user.get("id"));
        assertThat(response.json().get("createdAt")).isEqualTo(user.get("createdAt"));
        assertThat(response.json().get("name").asText()).isEqualTo("Renamed Person");
    }

    @Test
    void unknown_field_is_400_naming_it() {
        JsonNode user = aFullUser();

        Response response = putDeliberatelyBad(user, Map.of("fistName", "Typo"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").get("fistName").get(0).asText()).isEqualTo("Unknown field");
    }

    @Test
    void empty_object_changes_nothing_and_is_200() {
        JsonNode user = aFullUser();

        Response response = put(user, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(user);
    }

    @Test
    void changing_email_to_one_taken_in_other_case_is_409() {
        aUser().withEmail("taken@example.com").create(api);
        JsonNode user = aFullUser();

        Response response = put(user, Map.of("email", "TAKEN@example.com"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("message").asText()).isEqualTo("Email already exists");
        assertThat(api.get(USERS + "/" + user.get("id").asText()).json().get("email")).isEqualTo(user.get("email"));
    }

    @Test
    void keeping_ones_own_email_in_other_case_is_fine() {
        JsonNode user = aFullUser();

        Response response = put(user, Map.of("email", user.get("email").asText().toUpperCase()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email")).isEqualTo(user.get("email"));
    }

    @Test
    void put_on_unknown_user_is_404() {
        assertThat(api.put(USERS + "/user-01jdq6z7m9x8k2v3w4y5z6a7b8", Map.of("name", "Nobody Here")).status()).isEqualTo(404);
    }

    @Test
    void invalid_values_are_400_and_change_nothing() {
        JsonNode user = aFullUser();

        Response response = putDeliberatelyBad(user, Map.of("name", "X", "phone", "12", "role", "owner"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").size()).isEqualTo(3);
        assertThat(api.get(USERS + "/" + user.get("id").asText()).json()).isEqualTo(user);
    }
}
