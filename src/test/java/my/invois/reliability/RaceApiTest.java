package my.invois.reliability;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Races the suite did not cover yet (creates of one email, slug and membership are in
 * UserConcurrencyApiTest and UniquenessRaceApiTest), each followed by the invariants checked
 * in the database.
 */
class RaceApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";
    private static final String ORGS = Api.PREFIX + "/organizations";

    @AfterEach
    void invariantsHold() {
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    private static List<Integer> statuses(List<Response> responses) {
        return responses.stream().map(Response::status).toList();
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    @Test
    void concurrent_updates_to_one_email_give_one_200_and_the_rest_409() throws Exception {
        var calls = new ArrayList<Callable<Response>>();
        for (int i = 0; i < 10; i++) {
            String path = USERS + "/" + id(aUser().create(api));
            String email = i % 2 == 0 ? "wanted@example.com" : "WANTED@example.com";
            calls.add(() -> api.put(path, Map.of("email", email)));
        }
        calls.add(() -> api.post(USERS, aUser().withEmail("Wanted@Example.com").body()));

        List<Integer> statuses = statuses(Parallel.all(calls));

        assertThat(statuses).filteredOn(status -> status == 200 || status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(10);
        assertThat(TestDatabase.count("SELECT count(*) FROM users WHERE email = 'wanted@example.com'")).isEqualTo(1);
    }

    @Test
    void concurrent_updates_to_one_slug_give_one_200_and_the_rest_409() throws Exception {
        var calls = new ArrayList<Callable<Response>>();
        for (int i = 0; i < 10; i++) {
            String path = ORGS + "/" + id(anOrganization().create(api));
            calls.add(() -> api.put(path, Map.of("slug", "kedai-rebutan")));
        }
        calls.add(() -> api.post(ORGS, anOrganization().withSlug("kedai-rebutan").body()));

        List<Integer> statuses = statuses(Parallel.all(calls));

        assertThat(statuses).filteredOn(status -> status == 200 || status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(10);
        assertThat(TestDatabase.count("SELECT count(*) FROM organizations WHERE slug = 'kedai-rebutan'")).isEqualTo(1);
    }

    @Test
    void concurrent_partial_updates_of_an_organization_lose_no_field() throws Exception {
        for (int round = 0; round < 5; round++) {
            String path = ORGS + "/" + id(anOrganization().create(api));

            List<Integer> statuses = statuses(Parallel.all(List.of(
                    () -> api.put(path, Map.of("name", "Kedai Baharu")),
                    () -> api.put(path, Map.of("logo", "https://cdn.example.com/baharu.png")),
                    () -> api.put(path, Map.of("premiumTierId", "tier-enterprise")))));

            assertThat(statuses).containsOnly(200);
            JsonNode organization = api.get(path).json();
            assertThat(organization.get("name").asText()).isEqualTo("Kedai Baharu");
            assertThat(organization.get("logo").asText()).isEqualTo("https://cdn.example.com/baharu.png");
            assertThat(organization.get("premiumTier").get("id").asText()).isEqualTo("tier-enterprise");
        }
    }

    @Test
    void concurrent_role_changes_and_removal_of_one_membership_end_with_it_gone() throws Exception {
        for (int round = 0; round < 8; round++) {
            JsonNode organization = anOrganization().create(api);
            JsonNode member = addMember(api, organization, aUser().create(api), "customer");
            String path = ORGS + "/" + id(organization) + "/members/" + id(member);

            List<Integer> statuses = statuses(Parallel.all(List.of(
                    () -> api.put(path, Map.of("role", "admin")),
                    () -> api.delete(path),
                    () -> api.put(path, Map.of("role", "customer")),
                    () -> api.get(path))));

            assertThat(statuses.get(1)).isEqualTo(204);
            assertThat(List.of(statuses.get(0), statuses.get(2), statuses.get(3))).allMatch(status -> status == 200 || status == 404);
            assertThat(api.get(path).status()).isEqualTo(404);
            assertThat(api.get(ORGS + "/" + id(organization)).json().get("memberCount").asInt()).isZero();
        }
    }

    @Test
    void a_user_deleted_while_being_updated_stays_deleted_everywhere() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonNode user = aUser().create(api);
            String path = USERS + "/" + id(user);

            List<Integer> statuses = statuses(Parallel.all(List.of(
                    () -> api.put(path, Map.of("lastName", "Masih Ada", "email", "still" + id(user) + "@example.com")),
                    () -> api.delete(path))));

            assertThat(statuses.get(0)).isIn(200, 404);
            assertThat(statuses.get(1)).isEqualTo(204);
            assertThat(api.get(path).status()).isEqualTo(404);
            assertThat(api.get(USERS + "?email=still" + id(user) + "@example.com").json().get("data")).isEmpty();
            assertThat(TestDatabase.count("SELECT count(*) FROM users WHERE id = '" + id(user) + "'")).isZero();
        }
    }

    @Test
    void an_organization_deleted_while_being_updated_and_joined_stays_deleted_everywhere() throws Exception {
        JsonNode user = aUser().create(api);
        for (int round = 0; round < 10; round++) {
            JsonNode organization = anOrganization().create(api);
            String path = ORGS + "/" + id(organization);

            List<Integer> statuses = statuses(Parallel.all(List.of(
                    () -> api.put(path, Map.of("name", "Masih Hidup")),
                    () -> api.post(path + "/members", Map.of("userId", id(user))),
                    () -> api.delete(path))));

            assertThat(statuses.get(0)).isIn(200, 404);
            assertThat(statuses.get(1)).isIn(201, 404);
            assertThat(statuses.get(2)).isEqualTo(204);
            assertThat(api.get(path).status()).isEqualTo(404);
            assertThat(api.get(path + "/members").status()).isEqualTo(404);
        }
        assertThat(api.get(USERS + "/" + id(user)).json().get("members")).isEmpty();
        assertThat(api.get(USERS + "/" + id(user) + "/organizations").json().get("data")).isEmpty();
    }

    @Test
    void memberships_added_while_the_user_is_deleted_leave_no_orphan_and_true_counts() throws Exception {
        List<JsonNode> organizations = List.of(anOrganization().create(api), anOrganization().create(api), anOrganization().create(api));
        for (int round = 0; round < 10; round++) {
            JsonNode user = aUser().create(api);
            addMember(api, organizations.get(0), user, "admin");

            List<Integer> statuses = statuses(Parallel.all(List.of(
                    () -> api.post(ORGS + "/" + id(organizations.get(1)) + "/members", Map.of("userId", id(user))),
                    () -> api.post(ORGS + "/" + id(organizations.get(2)) + "/members", Map.of("userId", id(user))),
                    () -> api.delete(USERS + "/" + id(user)))));

            assertThat(statuses.get(0)).isIn(201, 400);
            assertThat(statuses.get(1)).isIn(201, 400);
            assertThat(statuses.get(2)).isEqualTo(204);
            assertThat(TestDatabase.count("SELECT count(*) FROM memberships WHERE user_id = '" + id(user) + "'")).isZero();
        }
        for (JsonNode organization : organizations) {
            JsonNode full = api.get(ORGS + "/" + id(organization)).json();
            assertThat(full.get("memberCount").asInt()).isZero();
            assertThat(full.get("members")).isEmpty();
        }
    }

    @Test
    void concurrent_deletes_of_users_who_share_organizations_all_succeed() throws Exception {
        for (int round = 0; round < 5; round++) {
            JsonNode first = anOrganization().create(api);
            JsonNode second = anOrganization().create(api);
            var deletes = new ArrayList<Callable<Response>>();
            for (int i = 0; i < 8; i++) {
                JsonNode user = aUser().create(api);
                // Opposite join orders, so that the deletions cascade through the two organizations in opposite orders.
                addMember(api, i % 2 == 0 ? first : second, user, "customer");
                addMember(api, i % 2 == 0 ? second : first, user, "customer");
                deletes.add(() -> api.delete(USERS + "/" + id(user)));
            }

            List<Response> responses = Parallel.all(deletes);

            assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.body()).isEqualTo(204));
            assertThat(api.get(ORGS + "/" + id(first)).json().get("memberCount").asInt()).isZero();
            assertThat(api.get(ORGS + "/" + id(second)).json().get("memberCount").asInt()).isZero();
        }
    }
}
