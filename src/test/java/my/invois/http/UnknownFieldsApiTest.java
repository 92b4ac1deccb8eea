package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import org.junit.jupiter.api.Test;

/** SPEC B1 names unknown fields; a body of nothing else must not answer megabytes (API4). */
class UnknownFieldsApiTest extends ApiTest {

    private static final int FIELDS = 96_000;

    private static String bodyOfUnknownFields() {
        var body = new StringBuilder("{\"name\":\"Many Fields\",\"email\":\"many@example.com\"");
        for (int i = 0; i < FIELDS; i++) {
            body.append(",\"f").append(i).append("\":0");
        }
        return body.append('}').toString();
    }

    @Test
    void a_body_of_96000_unknown_fields_names_the_first_20_and_counts_the_rest() {
        String body = bodyOfUnknownFields();
        assertThat(body.length()).isLessThanOrEqualTo(Requests.MAX_BODY_BYTES);

        Response response = api.deliberatelyBad().send(api.request(Api.PREFIX + "/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.status()).isEqualTo(400);
        JsonNode details = response.json().get("details");
        assertThat(details.size()).isEqualTo(BodyFields.UNKNOWN_REPORTED);
        assertThat(details.get("f0").get(0).asText()).isEqualTo("Unknown field");
        assertThat(details.get("f19").get(1).asText()).isEqualTo((FIELDS - 20) + " more unknown fields are not listed");
        assertThat(response.body().length()).isLessThan(2_000);
        assertThat(api.get(Api.PREFIX + "/users").json().get("meta").get("total").asLong()).as("nothing created").isZero();
    }

    @Test
    void up_to_20_unknown_fields_are_each_named_without_a_count() {
        var body = new StringBuilder("{\"name\":\"Few Fields\",\"email\":\"few@example.com\"");
        for (int i = 0; i < BodyFields.UNKNOWN_REPORTED; i++) {
            body.append(",\"f").append(i).append("\":0");
        }
        Response response = api.deliberatelyBad().send(api.request(Api.PREFIX + "/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body + "}")));

        JsonNode details = response.json().get("details");
        assertThat(details.size()).isEqualTo(BodyFields.UNKNOWN_REPORTED);
        assertThat(details.get("f19").size()).isEqualTo(1);
    }
}
