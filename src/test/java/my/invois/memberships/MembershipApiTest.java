package my.invois.memberships;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class MembershipApiTest extends ApiTest {

    private static String members(JsonNode organization) {
        return Api.PREFIX + "/organizations/" + organization.get("id").asText() + "/members";
    }

    private static List<String> keys(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void adding_a_member_answers_201_with_the_membership_and_location() {
        JsonNode org = anOrganization().create(api);
        JsonNode user = aUser().withName("Wong Mei").create(api);

        Response response = api.post(members(org), Map.of("userId", user.get("id").asText()));

        assertThat(response.status()).isEqualTo(201);
        JsonNode member = response.json();
        assertThat(keys(member)).containsExactly("id", "userId", "role", "user", "createdAt");
        assertThat(member.get("id").asText()).startsWith("member-");
        assertThat(member.get("role").asText()).isEqualTo("customer");
        assertThat(member.get("user").get("name").asText()).isEqualTo("Wong Mei");
        assertThat(response.header("Location")).hasValue(members(org) + "/" + member.get("id").asText());
        JsonNode shownOnUser = api.get(Api.PREFIX + "/users/" + user.get("id").asText()).json().get("members").get(0);
        assertThat(shownOnUser.toString()).isEqualTo("{\"id\":" + member.get("id") + ",\"organizationId\":" + org.get("id")
                + ",\"role\":\"customer\",\"createdAt\":" + member.get("createdAt") + "}");
    }

    @Test
    void a_user_shows_every_membership_once_oldest_first() {
        JsonNode user = aUser().create(api);
        var joined = new ArrayList<String>();
        for (String role : List.of("customer", "admin", "customer")) {
            joined.add(addMember(api, anOrganization().create(api), user, role).get("id").asText());
        }

        JsonNode shown = api.get(Api.PREFIX + "/users/" + user.get("id").asText()).json();

        assertThat(shown.get("members").findValuesAsText("id")).containsExactlyElementsOf(joined);
        assertThat(shown.get("members").findValuesAsText("role")).containsExactly("customer", "admin", "customer");
        assertThat(shown.get("name")).isEqualTo(user.get("name"));
    }

    @Test
    void unknown_user_is_400_naming_user_id_and_unknown_organization_404() {
        JsonNode org = anOrganization().create(api);

        Response unknownUser = api.post(members(org), Map.of("userId", "user-01jdq6z7m9x8k2v3w4y5z6a7b8"));
        assertThat(unknownUser.status()).isEqualTo(400);
        assertThat(unknownUser.json().get("details").has("userId")).isTrue();

        JsonNode user = aUser().create(api);
        Response unknownOrg = api.post(Api.PREFIX + "/organizations/org-01jdq6z7m9x8k2v3w4y5z6a7b8/members", Map.of("userId", user.get("id").asText()));
        assertThat(unknownOrg.status()).isEqualTo(404);
        assertThat(unknownOrg.json().get("message").asText()).isEqualTo("Organization not found");
        assertThat(TestDatabase.count("SELECT count(*) FROM memberships")).isZero();
    }

    @Test
    void invalid_member_bodies_are_400() {
        JsonNode org = anOrganization().create(api);
        JsonNode user = aUser().create(api);

        assertThat(api.deliberatelyBad().post(members(org), Map.of()).json().get("details").has("userId")).isTrue();
        assertThat(api.deliberatelyBad().post(members(org), Map.of("userId", user.get("id").asText(), "role", "super-admin")).json().get("details").has("role")).isTrue();
        assertThat(api.deliberatelyBad().post(members(org), Map.of("userId", 5)).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(members(org), Map.of("userId", user.get("id").asText(), "owner", true)).json().get("details").has("owner")).isTrue();
        var nullRole = new HashMap<String, Object>();
        nullRole.put("userId", user.get("id").asText());
        nullRole.put("role", null);
        assertThat(api.post(members(org), nullRole).json().get("role").asText()).isEqualTo("customer");
    }

    @Test
    void adding_the_same_user_twice_is_409() {
        JsonNode org = anOrganization().create(api);
        JsonNode user = aUser().create(api);
        addMember(api, org, user, "admin");

        Response response = api.post(members(org), Map.of("userId", user.get("id").asText()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("error").asText()).isEqualTo("Conflict");
        assertThat(response.json().get("details").has("userId")).isTrue();
    }

    @Test
    void members_list_is_paginated_oldest_first() {
        JsonNode org = anOrganization().create(api);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(addMember(api, org, aUser().create(api), "customer").get("id").asText());
        }

        JsonNode page = api.get(members(org) + "?per_page=2&page=2").json();

        assertThat(page.get("data")).extracting(member -> member.get("id").asText()).containsExactly(ids.get(2));
        assertThat(page.get("meta").toString()).isEqualTo("{\"total\":3,\"per_page\":2,\"current_page\":2,\"last_page\":2,\"from\":3,\"to\":3}");
        assertThat(api.get(Api.PREFIX + "/organizations/org-01jdq6z7m9x8k2v3w4y5z6a7b8/members").status()).isEqualTo(404);
    }

    @Test
    void role_can_be_changed_and_null_role_is_400() {
        JsonNode org = anOrganization().create(api);
        JsonNode member = addMember(api, org, aUser().create(api), "customer");
        String path = members(org) + "/" + member.get("id").asText();

        Response changed = api.put(path, Map.of("role", "admin"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("role").asText()).isEqualTo("admin");
        var nullRole = new HashMap<String, Object>();
        nullRole.put("role", null);
        assertThat(api.deliberatelyBad().put(path, nullRole).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().put(path, Map.of("role", "owner")).status()).isEqualTo(400);
        assertThat(api.get(members(org)).json().get("data").get(0).get("role").asText()).isEqualTo("admin");
    }

    @Test
    void a_membership_is_unreachable_under_another_organizations_path() {
        JsonNode orgA = anOrganization().create(api);
        JsonNode orgB = anOrganization().create(api);
        JsonNode member = addMember(api, orgA, aUser().create(api), "customer");
        String underB = members(orgB) + "/" + member.get("id").asText();

        Response put = api.put(underB, Map.of("role", "admin"));
        Response delete = api.delete(underB);

        assertThat(put.status()).isEqualTo(404);
        assertThat(put.json().get("message").asText()).isEqualTo("Member not found");
        assertThat(delete.status()).isEqualTo(404);
        JsonNode stillThere = api.get(members(orgA)).json().get("data").get(0);
        assertThat(stillThere.get("role").asText()).isEqualTo("customer");
    }

    @Test
    void removing_a_member_is_204_and_updates_the_count() {
        JsonNode org = anOrganization().create(api);
        JsonNode member = addMember(api, org, aUser().create(api), "customer");
        String path = members(org) + "/" + member.get("id").asText();

        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.delete(path).status()).isEqualTo(404);
        assertThat(api.get(Api.PREFIX + "/organizations/" + org.get("id").asText()).json().get("memberCount").asInt()).isZero();
    }

    @Test
    void user_organizations_lists_each_with_the_membership() {
        JsonNode user = aUser().create(api);
        JsonNode first = anOrganization().with("premiumTierId", "tier-premium").create(api);
        JsonNode second = anOrganization().create(api);
        anOrganization().create(api);
        JsonNode firstMembership = addMember(api, first, user, "admin");
        addMember(api, second, user, "customer");

        Response response = api.get(Api.PREFIX + "/users/" + user.get("id").asText() + "/organizations");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("meta").toString()).isEqualTo("{\"total\":2,\"count\":2}");
        JsonNode item = body.get("data").get(0);
        assertThat(keys(item)).containsExactly("id", "name", "slug", "logo", "memberCount", "premiumTier", "createdAt", "updatedAt", "membership");
        assertThat(item.get("id")).isEqualTo(first.get("id"));
        assertThat(item.get("premiumTier").get("id").asText()).isEqualTo("tier-premium");
        assertThat(item.get("membership").toString()).isEqualTo("{\"id\":" + firstMembership.get("id")
                + ",\"role\":\"admin\",\"createdAt\":" + firstMembership.get("createdAt") + "}");
        assertThat(body.get("data").get(1).get("id")).isEqualTo(second.get("id"));
        assertThat(api.get(Api.PREFIX + "/users/user-01jdq6z7m9x8k2v3w4y5z6a7b8/organizations").status()).isEqualTo(404);
    }
}
