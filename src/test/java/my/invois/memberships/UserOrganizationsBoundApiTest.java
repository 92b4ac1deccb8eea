package my.invois.memberships;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** API4: a user in very many organizations is answered in bounded pages, with the true total. */
class UserOrganizationsBoundApiTest extends ApiTest {

    private static final int ORGANIZATIONS = 1_050;

    private String userInManyOrganizations() {
        String userId = aUser().create(api).get("id").asText();
        TestDatabase.bulk(
                "INSERT INTO organizations (id, name, slug, created_at, updated_at) SELECT 'org-' || lpad(i::text, 26, '0'), "
                        + "'Organization ' || i, 'organization-' || i, now(), now() FROM generate_series(1, " + ORGANIZATIONS + ") AS i",
                "INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at) SELECT 'member-' || lpad(i::text, 26, '0'), "
                        + "'org-' || lpad(i::text, 26, '0'), '" + userId + "', 'customer', "
                        + "timestamptz '2024-01-01T00:00:00Z' + i * interval '1 second', now() FROM generate_series(1, " + ORGANIZATIONS + ") AS i");
        return userId;
    }

    @Test
    void the_organizations_of_a_user_come_in_pages_of_1000_with_the_true_total() {
        String userId = userInManyOrganizations();

        JsonNode first = api.get(Api.PREFIX + "/users/" + userId + "/organizations").json();
        JsonNode second = api.get(Api.PREFIX + "/users/" + userId + "/organizations?page=2").json();

        assertThat(first.get("meta").get("total").asInt()).isEqualTo(ORGANIZATIONS);
        assertThat(first.get("meta").get("count").asInt()).isEqualTo(1_000);
        assertThat(first.get("data")).hasSize(1_000);
        assertThat(first.get("data").get(0).get("name").asText()).isEqualTo("Organization 1");
        assertThat(second.get("meta").get("count").asInt()).isEqualTo(50);
        assertThat(second.get("data").get(0).get("name").asText()).isEqualTo("Organization 1001");
    }

    @Test
    void a_user_lists_the_first_100_memberships_like_an_organization() {
        String userId = userInManyOrganizations();

        JsonNode members = api.get(Api.PREFIX + "/users/" + userId).json().get("members");

        assertThat(members).hasSize(100);
        assertThat(members.get(0).get("organizationId").asText()).isEqualTo("org-" + "0".repeat(25) + "1");
    }

    @Test
    void a_page_that_is_not_a_positive_integer_is_a_400_naming_it() {
        String userId = aUser().create(api).get("id").asText();

        JsonNode body = api.deliberatelyBad().get(Api.PREFIX + "/users/" + userId + "/organizations?page=0").json();

        assertThat(body.get("details").has("page")).isTrue();
    }
}
