package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule folds the case of emails (full case mapping); invisible and direction-changing text is refused. */
class EmailCaseFoldingApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private Response create(String name, String email) {
        return api.deliberatelyBad().post(USERS, Map.of("name", name, "email", email));
    }

    @ParameterizedTest(name = "{0} then {1}")
    @CsvSource({"ΟΔΟΣ@example.com, οδοσ@example.com", "οδοσ@example.com, ΟΔΟΣ@example.com", "Straße@example.de, strasse@example.de",
            "STRASSE@example.de, straẞe@example.de"})
    void two_spellings_of_one_mailbox_under_full_case_folding_are_a_409(String first, String second) {
        assertThat(create("First Owner", first).status()).isEqualTo(201);

        Response again = create("Second Owner", second);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("details").has("email")).isTrue();
    }

    @Test
    void a_final_sigma_is_stored_as_the_one_folded_form() {
        assertThat(create("Greek Owner", "ΟΔΟΣ@example.com").json().get("email").asText()).isEqualTo("οδος@example.com");
    }

    @Test
    void an_email_holding_a_zero_width_character_is_invalid_not_a_second_address() {
        assertThat(create("Plain Owner", "ab@example.com").status()).isEqualTo(201);

        Response hidden = create("Hidden Owner", "a\u200bb@example.com");

        assertThat(hidden.status()).isEqualTo(400);
        assertThat(hidden.json().get("details").get("email").get(0).asText()).contains("valid email");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"name, '\u200b\u200b\u200b', visible", "name, '\u200d\u2060\u00ad', visible", "name, 'Ali \u202egnp.exe', direction",
            "firstName, '\u200b\u200c', visible", "lastName, 'Tan\u2067x', direction"})
    void names_of_only_invisible_characters_or_with_a_direction_override_are_a_400(String field, String value, String message) {
        Response response = api.deliberatelyBad().post(USERS, aUser().with(field, value).body());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").get(field).get(0).asText()).contains(message);
    }

    @Test
    void the_migration_refolds_an_email_stored_by_a_plain_lower_case() throws IOException {
        TestDatabase.bulk("INSERT INTO users (id, name, email, role, created_at, updated_at) "
                + "VALUES ('user-0000000000000000000000old1', 'Old Greek', 'οδοσ@example.com', 'customer', now(), now()), "
                + "('user-0000000000000000000000old2', 'Old German', 'straße@example.de', 'customer', now(), now()), "
                + "('user-0000000000000000000000old3', 'Old Middle', 'aσb@example.com', 'customer', now(), now())");

        TestDatabase.bulk(migration());

        assertThat(TestDatabase.count("SELECT count(*) FROM users WHERE email IN ('οδος@example.com', 'strasse@example.de', 'aσb@example.com')"))
                .isEqualTo(3);
        assertThat(create("New Greek", "ΟΔΟΣ@example.com").status()).isEqualTo(409);
    }

    private static String migration() throws IOException {
        try (InputStream in = EmailCaseFoldingApiTest.class.getResourceAsStream("/db/migration/V10__email_case_folding.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
