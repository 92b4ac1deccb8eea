package my.invois.shopify;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class ShopLinkApiTest extends ApiTest {

    private String organization() {
        return anOrganization().create(api).get("id").asText();
    }

    private static String path(String organizationId) {
        return Api.PREFIX + "/organizations/" + organizationId + "/shopify";
    }

    private Response link(String organizationId, String domain) {
        return api.put(path(organizationId), Map.of("shopDomain", domain));
    }

    @Test
    void a_shop_is_linked_by_its_myshopify_domain_lower_cased() {
        String id = organization();

        Response response = link(id, " Kedai-Ali.MyShopify.com ");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("shopDomain").asText()).isEqualTo("kedai-ali.myshopify.com");
        assertThat(api.get(path(id)).json()).isEqualTo(response.json());
    }

    @Test
    void only_myshopify_domains_are_accepted() {
        String id = organization();
        for (String bad : List.of("kedai-ali.com", "-kedai.myshopify.com", "kedai_ali.myshopify.com", "kedai.myshopify.com.evil.io",
                "https://kedai.myshopify.com", ".myshopify.com", "a".repeat(64) + ".myshopify.com")) {
            Response response = api.deliberatelyBad().put(path(id), Map.of("shopDomain", bad));
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("details").has("shopDomain")).as(bad).isTrue();
        }
        assertThat(api.deliberatelyBad().put(path(id), Map.of()).json().get("details").has("shopDomain")).isTrue();
        assertThat(api.deliberatelyBad().put(path(id), Map.of("shopDomain", "a.myshopify.com", "shop", "x")).status()).isEqualTo(400);
        assertThat(TestDatabase.count("SELECT count(*) FROM shops")).isZero();
    }

    @Test
    void linking_the_same_shop_again_is_idempotent() {
        String id = organization();
        JsonNode first = link(id, "kedai-ali.myshopify.com").json();

        Response again = link(id, "kedai-ali.myshopify.com");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
    }

    @Test
    void a_shop_linked_to_another_organization_is_409() {
        String first = organization();
        String second = organization();
        link(first, "kedai-ali.myshopify.com");

        Response response = link(second, "KEDAI-ALI.myshopify.com");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("details").has("shopDomain")).isTrue();
        assertThat(api.get(path(second)).status()).isEqualTo(404);
    }

    @Test
    void an_organization_has_one_shop_and_relinking_replaces_it() {
        String id = organization();
        link(id, "kedai-ali.myshopify.com");

        JsonNode relinked = link(id, "kedai-ali-baru.myshopify.com").json();

        assertThat(relinked.get("shopDomain").asText()).isEqualTo("kedai-ali-baru.myshopify.com");
        assertThat(TestDatabase.count("SELECT count(*) FROM shops")).isEqualTo(1);
        assertThat(link(organization(), "kedai-ali.myshopify.com").status()).as("the old shop is free again").isEqualTo(200);
    }

    @Test
    void delete_unlinks_and_is_404_when_not_linked() {
        String id = organization();
        link(id, "kedai-ali.myshopify.com");

        assertThat(api.delete(path(id)).status()).isEqualTo(204);
        assertThat(api.get(path(id)).status()).isEqualTo(404);
        Response again = api.delete(path(id));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("message").asText()).isEqualTo("Shop link not found");
    }

    @Test
    void an_unknown_organization_is_404() {
        for (String id : List.of("org-01jdq6z9c4n5p6q7r8s9t0v1w2", "nope")) {
            for (Response response : List.of(link(id, "kedai-ali.myshopify.com"), api.get(path(id)), api.delete(path(id)))) {
                assertThat(response.status()).isEqualTo(404);
                assertThat(response.json().get("message").asText()).isEqualTo("Organization not found");
            }
        }
    }

    @Test
    void deleting_the_organization_frees_its_shop() {
        String id = organization();
        link(id, "kedai-ali.myshopify.com");

        assertThat(api.delete(Api.PREFIX + "/organizations/" + id).status()).isEqualTo(204);

        assertThat(TestDatabase.count("SELECT count(*) FROM shops")).isZero();
        assertThat(link(organization(), "kedai-ali.myshopify.com").status()).isEqualTo(200);
    }
}
