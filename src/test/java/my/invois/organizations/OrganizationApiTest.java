package my.invois.organizations;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class OrganizationApiTest extends ApiTest {

    private static final String ORGS = Api.PREFIX + "/organizations";

    private static List<String> keys(JsonNode node) {
        var names = new ArrayList<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String path(JsonNode organization) {
        return ORGS + "/" + organization.get("id").asText();
    }

    @Test
    void post_creates_an_organization_in_full_form_with_a_generated_slug() {
        Response response = api.post(ORGS, Map.of("name", "  Kedai Mamak Ali & Anak  "));

        assertThat(response.status()).isEqualTo(201);
        JsonNode org = response.json();
        assertThat(keys(org)).containsExactly("id", "name", "slug", "logo", "memberCount", "premiumTier", "members",
                "createdAt", "updatedAt");
        assertThat(org.get("id").asText()).startsWith("org-");
        assertThat(response.header("Location")).hasValue(path(org));
        assertThat(org.get("name").asText()).isEqualTo("Kedai Mamak Ali & Anak");
        assertThat(org.get("slug").asText()).isEqualTo("kedai-mamak-ali-anak");
        assertThat(org.get("logo").isNull()).isTrue();
        assertThat(org.get("memberCount").asInt()).isZero();
        assertThat(org.get("premiumTier").isNull()).isTrue();
        assertThat(org.get("members")).isEmpty();
        assertThat(api.get(path(org)).json()).isEqualTo(org);
    }

    @Test
    void generated_slugs_are_made_unique() {
        JsonNode first = anOrganization().withName("Syarikat Maju").create(api);
        JsonNode second = anOrganization().withName("Syarikat  MAJU!").create(api);
        JsonNode accented = anOrganization().withName("Café Été").create(api);

        assertThat(first.get("slug").asText()).isEqualTo("syarikat-maju");
        assertThat(second.get("slug").asText()).isNotEqualTo("syarikat-maju").startsWith("syarikat-maju-");
        assertThat(accented.get("slug").asText()).isEqualTo("cafe-ete");
    }

    @Test
    void explicit_slug_clash_is_409() {
        anOrganization().withSlug("kedai-ali").create(api);

        Response response = api.post(ORGS, anOrganization().withSlug("kedai-ali").body());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"error\":\"Conflict\",\"message\":\"Slug already exists\","
                + "\"details\":{\"slug\":[\"This slug is already taken\"]}}");
        assertThat(TestDatabase.count("SELECT count(*) FROM organizations")).isEqualTo(1);
    }

    @Test
    void invalid_fields_are_all_reported() {
        Response response = api.deliberatelyBad().post(ORGS, Map.of("name", "K", "slug", "-Bad Slug-", "logo", "ftp://example.com/logo.png",
                "premiumTierId", "tier-gold", "colour", "red"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "slug", "logo", "premiumTierId", "colour");
        assertThat(TestDatabase.count("SELECT count(*) FROM organizations")).isZero();
    }

    @Test
    void slug_rules() {
        for (String bad : List.of("", "UPPER", "ends-", "-starts", "has space", "x".repeat(64), "ünï")) {
            Response response = api.deliberatelyBad().post(ORGS, anOrganization().withSlug(bad).body());
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("details").has("slug")).as(bad).isTrue();
        }
        for (String good : List.of("a", "a-b", "0-9", "x".repeat(63))) {
            assertThat(api.post(ORGS, anOrganization().withSlug(good).body()).status()).as(good).isEqualTo(201);
        }
    }

    @Test
    void logo_must_be_an_http_url_of_at_most_2048_characters() {
        assertThat(anOrganization().with("logo", "https://cdn.example.com/logo.png").create(api).get("logo").asText())
                .isEqualTo("https://cdn.example.com/logo.png");
        assertThat(api.deliberatelyBad().post(ORGS, anOrganization().with("logo", "https://example.com/" + "x".repeat(2048)).body()).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(ORGS, anOrganization().with("logo", "javascript:alert(1)").body()).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(ORGS, anOrganization().with("logo", "not a url").body()).status()).isEqualTo(400);
    }

    @Test
    void premium_tier_is_shown_with_limits_in_full_and_without_in_lists() {
        JsonNode org = anOrganization().with("premiumTierId", "tier-premium").create(api);

        JsonNode tier = org.get("premiumTier");
        assertThat(keys(tier)).containsExactly("id", "name", "features", "limits");
        assertThat(tier.get("id").asText()).isEqualTo("tier-premium");
        assertThat(keys(tier.get("limits"))).containsExactly("maxUsers", "maxStorage", "apiCallsPerMonth");
        JsonNode item = api.get(ORGS).json().get("data").get(0);
        assertThat(keys(item)).containsExactly("id", "name", "slug", "logo", "memberCount", "premiumTier", "createdAt", "updatedAt");
        assertThat(keys(item.get("premiumTier"))).containsExactly("id", "name", "features");
    }

    @Test
    void put_is_partial_and_null_removes_the_tier_and_logo() {
        JsonNode org = anOrganization().with("premiumTierId", "tier-enterprise").with("logo", "http://example.com/a.png").create(api);
        var body = new HashMap<String, Object>();
        body.put("premiumTierId", null);
        body.put("logo", null);

        JsonNode updated = api.put(path(org), body).json();

        assertThat(updated.get("premiumTier").isNull()).isTrue();
        assertThat(updated.get("logo").isNull()).isTrue();
        assertThat(updated.get("name")).isEqualTo(org.get("name"));
        assertThat(updated.get("slug")).isEqualTo(org.get("slug"));
    }

    @Test
    void a_tier_set_then_cleared_by_put_shows_as_stored_in_full_form_and_every_list() {
        JsonNode org = anOrganization().withName("Kedai Bertingkat").create(api);
        JsonNode user = aUser().create(api);
        addMember(api, org, user, "admin");
        List<String> lists = List.of(ORGS, ORGS + "?query=bertingkat", Api.PREFIX + "/users/" + user.get("id").asText() + "/organizations");
        JsonNode premium = api.get(Api.PREFIX + "/premium-tiers").json().get("data").get(0);
        var withoutLimits = ((ObjectNode) premium.deepCopy()).without("limits");
        assertThat(premium.get("features")).isNotEmpty();

        assertThat(api.put(path(org), Map.of("premiumTierId", premium.get("id").asText())).json().get("premiumTier").toString())
                .isEqualTo(premium.toString());
        assertThat(api.get(path(org)).json().get("premiumTier").toString()).isEqualTo(premium.toString());
        for (String list : lists) {
            assertThat(api.get(list).json().get("data").get(0).get("premiumTier").toString()).as(list).isEqualTo(withoutLimits.toString());
        }

        var cleared = new HashMap<String, Object>();
        cleared.put("premiumTierId", null);
        assertThat(api.put(path(org), cleared).json().get("premiumTier").isNull()).isTrue();
        assertThat(api.get(path(org)).json().get("premiumTier").isNull()).isTrue();
        for (String list : lists) {
            assertThat(api.get(list).json().get("data").get(0).get("premiumTier").isNull()).as(list).isTrue();
        }
    }

    @Test
    void put_with_null_name_or_slug_is_400_and_echoed_read_only_fields_are_ignored() {
        JsonNode org = anOrganization().create(api);
        var nulls = new HashMap<String, Object>();
        nulls.put("name", null);
        nulls.put("slug", null);
        Response refused = api.deliberatelyBad().put(path(org), nulls);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("details").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("name", "slug");

        var echoed = (ObjectNode) org.deepCopy();
        echoed.put("memberCount", 99);
        echoed.put("id", "org-other");
        echoed.put("name", "Renamed Sdn Bhd");
        Response response = api.put(path(org), echoed.toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("memberCount").asInt()).isZero();
        assertThat(response.json().get("name").asText()).isEqualTo("Renamed Sdn Bhd");
        assertThat(api.put(path(org), Map.of()).json()).isEqualTo(response.json());
    }

    @Test
    void put_to_a_taken_slug_is_409_and_unknown_is_404() {
        anOrganization().withSlug("taken").create(api);
        JsonNode org = anOrganization().create(api);

        assertThat(api.put(path(org), Map.of("slug", "taken")).status()).isEqualTo(409);
        assertThat(api.put(ORGS + "/org-01jdq6z7m9x8k2v3w4y5z6a7b8", Map.of("name", "Nobody")).status()).isEqualTo(404);
        assertThat(api.get(ORGS + "/org-01jdq6z7m9x8k2v3w4y5z6a7b8").body())
                .isEqualTo("{\"error\":\"Not Found\",\"message\":\"Organization not found\"}");
    }

    @Test
    void member_count_is_the_true_total_and_full_form_lists_members_with_their_user() {
        JsonNode org = anOrganization().create(api);
        JsonNode ali = aUser().withName("Ali Hassan").create(api);
        JsonNode bee = aUser().create(api);
        addMember(api, org, ali, "admin");
        addMember(api, org, bee, "customer");

        JsonNode full = api.get(path(org)).json();

        assertThat(full.get("memberCount").asInt()).isEqualTo(2);
        JsonNode first = full.get("members").get(0);
        assertThat(keys(first)).containsExactly("id", "userId", "role", "user", "createdAt");
        assertThat(first.get("userId")).isEqualTo(ali.get("id"));
        assertThat(first.get("role").asText()).isEqualTo("admin");
        assertThat(first.get("user").toString()).isEqualTo("{\"id\":" + ali.get("id") + ",\"name\":\"Ali Hassan\",\"email\":" + ali.get("email") + "}");

        api.delete(Api.PREFIX + "/users/" + bee.get("id").asText());
        assertThat(api.get(path(org)).json().get("memberCount").asInt()).isEqualTo(1);
        assertThat(api.get(ORGS).json().get("data").get(0).get("memberCount").asInt()).isEqualTo(1);
    }

    @Test
    void full_form_lists_the_first_100_members_but_counts_all() {
        JsonNode org = anOrganization().create(api);
        TestDatabase.get().jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO users (id, name, email, role, created_at, updated_at) SELECT 'user-bulk' || n, 'Bulk ' || n, "
                    + "'bulk' || n || '@example.com', 'customer', now(), now() FROM generate_series(1, 105) AS n");
            handle.createUpdate("INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at) "
                    + "SELECT 'member-bulk' || n, :org, 'user-bulk' || n, 'customer', now() + n * interval '1 second', now() FROM generate_series(1, 105) AS n")
                    .bind("org", org.get("id").asText()).execute();
        });

        JsonNode full = api.get(path(org)).json();

        assertThat(full.get("memberCount").asInt()).isEqualTo(105);
        assertThat(full.get("members")).hasSize(100);
        assertThat(full.get("members").get(0).get("id").asText()).isEqualTo("member-bulk1");
    }

    @Test
    void list_searches_names_literally_and_filters_by_slug() {
        JsonNode percent = anOrganization().withName("Diskaun 50% Enterprise").create(api);
        anOrganization().withName("Diskaun 500 Enterprise").create(api);
        JsonNode exact = anOrganization().withSlug("exact-slug").create(api);

        assertThat(api.get(ORGS + "?query=0%25").json().get("data")).hasSize(1);
        assertThat(api.get(ORGS + "?query=0%25").json().get("data").get(0).get("id")).isEqualTo(percent.get("id"));
        assertThat(api.get(ORGS + "?query=DISKAUN").json().get("meta").get("total").asInt()).isEqualTo(2);
        assertThat(api.get(ORGS + "?slug=exact-slug").json().get("data").get(0).get("id")).isEqualTo(exact.get("id"));
        assertThat(api.get(ORGS + "?per_page=2&page=2").json().get("meta").toString())
                .isEqualTo("{\"total\":3,\"per_page\":2,\"current_page\":2,\"last_page\":2,\"from\":3,\"to\":3}");
        assertThat(api.deliberatelyBad().get(ORGS + "?per_page=abc").status()).isEqualTo(400);
    }

    @Test
    void delete_removes_the_organization_and_its_memberships() {
        JsonNode org = anOrganization().create(api);
        JsonNode user = aUser().create(api);
        addMember(api, org, user, "customer");

        assertThat(api.delete(path(org)).status()).isEqualTo(204);

        assertThat(api.get(path(org)).status()).isEqualTo(404);
        assertThat(api.delete(path(org)).status()).isEqualTo(404);
        assertThat(api.get(Api.PREFIX + "/users/" + user.get("id").asText()).json().get("members")).isEmpty();
        assertThat(api.get(Api.PREFIX + "/users/" + user.get("id").asText() + "/organizations").json().get("data")).isEmpty();
        assertThat(TestDatabase.count("SELECT count(*) FROM memberships")).isZero();
    }

    @Test
    void premium_tiers_are_listed_with_their_limits() {
        JsonNode tiers = api.get(Api.PREFIX + "/premium-tiers").json();

        assertThat(tiers.get("data")).extracting(tier -> tier.get("id").asText()).containsExactly("tier-premium", "tier-enterprise");
        assertThat(tiers.get("meta").toString()).isEqualTo("{\"total\":2,\"count\":2}");
        assertThat(tiers.get("data").get(0).get("limits").get("maxUsers").isNumber()).isTrue();
    }
}
