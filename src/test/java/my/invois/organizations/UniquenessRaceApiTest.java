package my.invois.organizations;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** SPEC B6: concurrent creates of one unique value yield exactly one 201. */
class UniquenessRaceApiTest extends ApiTest {

    private static long withStatus(List<Response> responses, int status) {
        return responses.stream().filter(response -> response.status() == status).count();
    }

    @Test
    void twenty_parallel_creates_with_one_slug_give_one_201_and_nineteen_409() throws Exception {
        List<Response> responses = Parallel.times(20, () -> api.post(Api.PREFIX + "/organizations", anOrganization().withSlug("one-slug").body()));

        assertThat(withStatus(responses, 201)).isEqualTo(1);
        assertThat(withStatus(responses, 409)).isEqualTo(19);
        assertThat(TestDatabase.count("SELECT count(*) FROM organizations")).isEqualTo(1);
    }

    @Test
    void twenty_parallel_creates_with_one_name_all_get_distinct_generated_slugs() throws Exception {
        List<Response> responses = Parallel.times(20, () -> api.post(Api.PREFIX + "/organizations", Map.of("name", "Same Name Trading")));

        assertThat(withStatus(responses, 201)).isEqualTo(20);
        assertThat(responses.stream().map(response -> response.json().get("slug").asText()).distinct()).hasSize(20);
    }

    @Test
    void twenty_parallel_adds_of_one_user_give_one_201_and_nineteen_409() throws Exception {
        JsonNode org = anOrganization().create(api);
        JsonNode user = aUser().create(api);
        String members = Api.PREFIX + "/organizations/" + org.get("id").asText() + "/members";

        List<Response> responses = Parallel.times(20, () -> api.post(members, Map.of("userId", user.get("id").asText())));

        assertThat(withStatus(responses, 201)).isEqualTo(1);
        assertThat(withStatus(responses, 409)).isEqualTo(19);
        assertThat(TestDatabase.count("SELECT count(*) FROM memberships")).isEqualTo(1);
        assertThat(api.get(Api.PREFIX + "/organizations/" + org.get("id").asText()).json().get("memberCount").asInt()).isEqualTo(1);
    }
}
