package my.invois.reliability;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * OWASP API1 (object level) and API3 (property level): what a body may not set stays as it
 * was, a membership answers only under its own organization, a deleted resource is gone from
 * every view, and a refused create leaves nothing behind.
 */
class AuthorizationApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    private static final String ORGS = Api.PREFIX + "/organizations";

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    private static List<String> ids(JsonNode list) {
        return list.findValuesAsText("id");
    }

    @Test
    void ids_timestamps_and_members_in_a_user_body_are_ignored() {
        JsonNode organization = anOrganization().create(api);
        Map<String, Object> smuggled = Map.of("id", "user-chosen", "createdAt", "2000-01-01T00:00:00Z", "updatedAt", "2000-01-01T00:00:00Z",
                "members", List.of(Map.of("id", "member-chosen", "organizationId", id(organization), "role", "admin")));
        var body = aUser().body();
        body.putAll(smuggled);

        JsonNode created = api.post(USERS, body).json();
        JsonNode updated = api.put(USERS + "/" + id(created), smuggled).json();

        assertThat(id(created)).isNotEqualTo("user-chosen").startsWith("user-");
        assertThat(created.get("createdAt").asText()).doesNotStartWith("2000");
        assertThat(updated).isEqualTo(created);
        assertThat(api.get(USERS + "/user-chosen").status()).isEqualTo(404);
        assertThat(TestDatabase.count("SELECT count(*) FROM memberships")).isZero();
        assertThat(api.get(ORGS + "/" + id(organization)).json().get("memberCount").asInt()).isZero();
    }

    @Test
    void member_count_members_and_premium_tier_in_an_organization_body_are_ignored() {
        JsonNode stranger = aUser().create(api);
        Map<String, Object> smuggled = Map.of("memberCount", 999, "id", "org-chosen", "createdAt", "2000-01-01T00:00:00Z",
                "premiumTier", Map.of("id", "tier-enterprise", "name", "Enterprise", "features", List.of()),
                "members", List.of(Map.of("userId", id(stranger), "role", "admin")));
        var body = anOrganization().body();
        body.putAll(smuggled);

        JsonNode created = api.post(ORGS, body).json();
        JsonNode updated = api.put(ORGS + "/" + id(created), smuggled).json();

        for (JsonNode organization : List.of(created, updated, api.get(ORGS + "/" + id(created)).json())) {
            assertThat(organization.get("memberCount").asInt()).isZero();
            assertThat(organization.get("members")).isEmpty();
            assertThat(organization.get("premiumTier").isNull()).isTrue();
            assertThat(id(organization)).isEqualTo(id(created)).isNotEqualTo("org-chosen");
        }
        assertThat(api.get(USERS + "/" + id(stranger) + "/organizations").json().get("data")).isEmpty();
    }

    @Test
    void a_membership_cannot_be_moved_to_another_user_or_given_its_own_id() {
        JsonNode organization = anOrganization().create(api);
        JsonNode member = addMember(api, organization, aUser().create(api), "customer");
        JsonNode other = aUser().create(api);
        String path = ORGS + "/" + id(organization) + "/members/" + id(member);

        Response moved = api.deliberatelyBad().put(path, Map.of("userId", id(other), "id", "member-chosen", "role", "admin"));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("userId")).isEqualTo(member.get("userId"));
        assertThat(id(moved.json())).isEqualTo(id(member));
        assertThat(api.get(USERS + "/" + id(other)).json().get("members")).isEmpty();
        Response chosen = api.post(ORGS + "/" + id(organization) + "/members", Map.of("userId", id(other), "id", "member-chosen"));
        assertThat(id(chosen.json())).isNotEqualTo("member-chosen");
    }

    @Test
    void a_membership_of_one_organization_is_invisible_under_another() {
        JsonNode mine = anOrganization().create(api);
        JsonNode theirs = anOrganization().create(api);
        JsonNode member = addMember(api, theirs, aUser().create(api), "admin");
        String underMine = ORGS + "/" + id(mine) + "/members/" + id(member);

        assertThat(api.get(underMine).status()).isEqualTo(404);
        assertThat(api.put(underMine, Map.of("role", "customer")).status()).isEqualTo(404);
        assertThat(api.delete(underMine).status()).isEqualTo(404);
        assertThat(ids(api.get(ORGS + "/" + id(mine) + "/members").json().get("data"))).doesNotContain(id(member));
        assertThat(api.get(ORGS + "/" + id(mine)).json().get("members")).isEmpty();
        assertThat(api.get(ORGS + "/" + id(theirs) + "/members/" + id(member)).json().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void a_deleted_user_is_gone_from_every_view() {
        JsonNode organization = anOrganization().create(api);
        JsonNode user = aUser().withName("Hilang Terus").withEmail("hilang@example.com").create(api);
        addMember(api, organization, user, "admin");

        assertThat(api.delete(USERS + "/" + id(user)).status()).isEqualTo(204);

        assertThat(api.get(USERS + "/" + id(user)).status()).isEqualTo(404);
        assertThat(api.get(USERS + "/" + id(user) + "/organizations").status()).isEqualTo(404);
        assertThat(api.put(USERS + "/" + id(user), Map.of("name", "Kembali Lagi")).status()).isEqualTo(404);
        assertThat(ids(api.get(USERS + "?per_page=100").json().get("data"))).doesNotContain(id(user));
        assertThat(api.get(USERS + "?query=Hilang").json().get("data")).isEmpty();
        assertThat(api.get(USERS + "?email=hilang@example.com").json().get("data")).isEmpty();
        JsonNode full = api.get(ORGS + "/" + id(organization)).json();
        assertThat(full.get("members")).isEmpty();
        assertThat(full.get("memberCount").asInt()).isZero();
        assertThat(api.get(ORGS + "/" + id(organization) + "/members").json().get("data")).isEmpty();
        assertThat(api.post(ORGS + "/" + id(organization) + "/members", Map.of("userId", id(user))).status()).isEqualTo(400);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void a_deleted_organization_is_gone_from_every_view() {
        JsonNode organization = anOrganization().withSlug("hilang-terus").create(api);
        JsonNode user = aUser().create(api);
        JsonNode member = addMember(api, organization, user, "customer");

        assertThat(api.delete(ORGS + "/" + id(organization)).status()).isEqualTo(204);

        assertThat(api.get(ORGS + "/" + id(organization)).status()).isEqualTo(404);
        assertThat(api.get(ORGS + "/" + id(organization) + "/members").status()).isEqualTo(404);
        assertThat(api.get(ORGS + "/" + id(organization) + "/members/" + id(member)).status()).isEqualTo(404);
        assertThat(api.post(ORGS + "/" + id(organization) + "/members", Map.of("userId", id(user))).status()).isEqualTo(404);
        assertThat(ids(api.get(ORGS + "?per_page=100").json().get("data"))).doesNotContain(id(organization));
        assertThat(api.get(ORGS + "?slug=hilang-terus").json().get("data")).isEmpty();
        assertThat(api.get(USERS + "/" + id(user)).json().get("members")).isEmpty();
        assertThat(api.get(USERS + "/" + id(user) + "/organizations").json().get("data")).isEmpty();
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void a_removed_membership_is_gone_from_the_users_views() {
        JsonNode organization = anOrganization().create(api);
        JsonNode user = aUser().create(api);
        JsonNode member = addMember(api, organization, user, "customer");

        assertThat(api.delete(ORGS + "/" + id(organization) + "/members/" + id(member)).status()).isEqualTo(204);

        assertThat(api.get(USERS + "/" + id(user)).json().get("members")).isEmpty();
        assertThat(api.get(USERS + "/" + id(user) + "/organizations").json().get("data")).isEmpty();
        assertThat(api.get(ORGS + "/" + id(organization)).json().get("memberCount").asInt()).isZero();
    }

    @Test
    void a_refused_create_leaves_nothing_behind() {
        JsonNode organization = anOrganization().withSlug("sudah-ada").create(api);
        JsonNode user = aUser().withEmail("sudah@example.com").create(api);
        addMember(api, organization, user, "admin");
        String before = DatabaseChecks.checksum();

        assertThat(api.post(USERS, aUser().withEmail("SUDAH@example.com").body()).status()).isEqualTo(409);
        assertThat(api.deliberatelyBad().post(USERS, aUser().with("phone", "12").body()).status()).isEqualTo(400);
        assertThat(api.post(ORGS, anOrganization().withSlug("sudah-ada").body()).status()).isEqualTo(409);
        assertThat(api.post(ORGS, anOrganization().with("premiumTierId", "tier-gold").body()).status()).isEqualTo(400);
        assertThat(api.post(ORGS + "/" + id(organization) + "/members", Map.of("userId", "user-01jdq6z7m9x8k2v3w4y5z6a7b8")).status()).isEqualTo(400);
        assertThat(api.post(ORGS + "/" + id(organization) + "/members", Map.of("userId", id(user))).status()).isEqualTo(409);
        assertThat(api.post(ORGS + "/org-01jdq6z7m9x8k2v3w4y5z6a7b8/members", Map.of("userId", id(user))).status()).isEqualTo(404);

        assertThat(DatabaseChecks.checksum()).isEqualTo(before);
        assertThat(api.get(ORGS + "/" + id(organization)).json().get("memberCount").asInt()).isEqualTo(1);
    }
}
