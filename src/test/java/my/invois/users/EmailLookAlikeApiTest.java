package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** SPEC A5 email uniqueness against Unicode disguises (found by reliability/RejectedInputFuzzTest's catalogue). */
class EmailLookAlikeApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    private Response create(String email) {
        return api.post(USERS, aUser().withEmail(email).body());
    }

    @Test
    void the_same_mailbox_in_compatibility_or_idna_disguise_is_409() {
        aUser().withEmail("lookalike@example.com").create(api);

        for (String disguised : new String[] {"lookalike@ｅxample.com", "ｌookalike@example.com", "lookalike@exa\u00ADmple.com",
                "LOOKALIKE@ＥＸＡＭＰＬＥ.COM", "loo\u212Aalike@example.com"}) {
            Response response = create(disguised);
            assertThat(response.status()).as(disguised + ": " + response.body()).isEqualTo(409);
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void a_disguised_address_is_stored_and_found_in_its_plain_form() {
        Response created = create("Siti@ＥＸＡＭＰＬＥ.com");

        assertThat(created.json().get("email").asText()).isEqualTo("siti@example.com");
        assertThat(api.get(USERS + "?email=siti@ｅxample.com").json().get("meta").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void a_fullwidth_at_sign_is_400_whether_alone_or_beside_a_real_one() {
        for (String email : new String[] {"a＠b@example.com", "user＠example.com"}) {
            Response response = api.deliberatelyBad().post(USERS, aUser().withEmail(email).body());

            assertThat(response.status()).as(email).isEqualTo(400);
            assertThat(response.json().get("details").has("email")).as(email).isTrue();
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void letters_of_another_script_are_a_different_address() {
        aUser().withEmail("alamat@example.com").create(api);

        assertThat(create("\u0430lamat@example.com").status()).as("Cyrillic а").isEqualTo(201);
        assertThat(create("alamat@m\u00FCnchen.de").json().get("email").asText()).isEqualTo("alamat@m\u00FCnchen.de");
    }
}
