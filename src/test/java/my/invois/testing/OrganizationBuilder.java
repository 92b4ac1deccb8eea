package my.invois.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test organizations in domain words: {@code anOrganization().withSlug("kedai").create(api)}. */
public final class OrganizationBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private OrganizationBuilder() {
        fields.put("name", "Kedai Runcit " + SEQUENCE.incrementAndGet());
    }

    public static OrganizationBuilder anOrganization() {
        return new OrganizationBuilder();
    }

    public OrganizationBuilder with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public OrganizationBuilder withName(String name) {
        return with("name", name);
    }

    public OrganizationBuilder withSlug(String slug) {
        return with("slug", slug);
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }

    public JsonNode create(Api api) {
        Response response = api.post(Api.PREFIX + "/organizations", fields);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** Adds the user to the organization and returns the membership. */
    public static JsonNode addMember(Api api, JsonNode organization, JsonNode user, String role) {
        Response response = api.post(Api.PREFIX + "/organizations/" + organization.get("id").asText() + "/members",
                Map.of("userId", user.get("id").asText(), "role", role));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
