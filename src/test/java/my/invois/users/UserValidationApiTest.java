package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserValidationApiTest extends ApiTest {

    private static final String USERS = Api.PREFIX + "/users";

    static Stream<Arguments> invalidFields() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        return Stream.of(
                Arguments.of("name", "A", "between 2 and 255"),
                Arguments.of("name", "   B   ", "between 2 and 255"),
                Arguments.of("name", "x".repeat(256), "between 2 and 255"),
                Arguments.of("name", 42, "must be a string"),
                Arguments.of("email", "not-an-email", "valid email"),
                Arguments.of("email", "a@b", "valid email"),
                Arguments.of("email", "two@@example.com", "valid email"),
                Arguments.of("email", "x".repeat(250) + "@example.com", "at most 254"),
                Arguments.of("email", true, "must be a string"),
                Arguments.of("firstName", "x".repeat(101), "at most 100"),
                Arguments.of("lastName", "x".repeat(101), "at most 100"),
                Arguments.of("phone", "123456", "valid phone"),
                Arguments.of("phone", "1234567890123456", "valid phone"),
                Arguments.of("phone", "+60-12-abc-4567", "valid phone"),
                Arguments.of("phone", "++601234567", "valid phone"),
                Arguments.of("phone", "60123456+7", "valid phone"),
                Arguments.of("dob", "1990-13-01", "YYYY-MM-DD"),
                Arguments.of("dob", "2023-02-29", "YYYY-MM-DD"),
                Arguments.of("dob", "15/05/1990", "YYYY-MM-DD"),
                Arguments.of("dob", "1990-5-15", "YYYY-MM-DD"),
                Arguments.of("dob", tomorrow, "future"),
                Arguments.of("dob", "1899-12-31", "1900-01-01"),
                Arguments.of("role", "owner", "one of"),
                Arguments.of("role", "ADMIN", "one of"),
                Arguments.of("role", 1, "must be a string"),
                Arguments.of("name", "nul\u0000byte", "not allowed"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidFields")
    void each_rule_failing_alone_is_a_400_naming_only_that_field(String field, Object value, String message) {
        Response response = api.deliberatelyBad().post(USERS, aUser().with(field, value).body());

        assertThat(response.status()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("error").asText()).isEqualTo("Validation Error");
        assertThat(body.get("message").asText()).isEqualTo("The request contains invalid data");
        assertThat(body.get("details").size()).isEqualTo(1);
        assertThat(body.get("details").get(field).get(0).asText()).contains(message);
        assertThat(TestDatabase.count("SELECT count(*) FROM users")).isZero();
    }

    static Stream<Arguments> validFields() {
        return Stream.of(
                Arguments.of("name", "Al"),
                Arguments.of("name", "x".repeat(255)),
                Arguments.of("name", "Ünïcødé 名前"),
                Arguments.of("email", "first.last+tag@sub.example.my"),
                Arguments.of("email", "x".repeat(64) + "@" + "d".repeat(60) + ".example.com"),
                Arguments.of("firstName", "x".repeat(100)),
                Arguments.of("phone", "+1234567890"),
                Arguments.of("phone", "1234567"),
                Arguments.of("phone", "+123456789012345"),
                Arguments.of("phone", "(03) 2123.4567"),
                Arguments.of("dob", "1900-01-01"),
                Arguments.of("dob", "2024-02-29"),
                Arguments.of("dob", LocalDate.now(ZoneOffset.UTC).toString()),
                Arguments.of("role", "super-admin"),
                Arguments.of("role", "admin"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("validFields")
    void boundary_values_are_accepted(String field, String value) {
        Response response = api.post(USERS, aUser().with(field, value).body());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void every_failing_field_is_reported_together() {
        Response response = api.deliberatelyBad().post(USERS, aUser().with("name", "A").with("email", "nope").with("phone", "1")
                .with("dob", "2999-01-01").with("role", "boss").with("firstName", "x".repeat(101))
                .with("lastName", "y".repeat(101)).with("nickname", "Bob").body());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").properties()).extracting(entry -> entry.getKey())
                .containsExactlyInAnyOrder("name", "email", "phone", "dob", "role", "firstName", "lastName", "nickname");
    }

    @Test
    void missing_required_fields_are_reported() {
        Response response = api.deliberatelyBad().post(USERS, "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("details").get("name").get(0).asText()).isEqualTo("Name is required");
        assertThat(response.json().get("details").get("email").get(0).asText()).isEqualTo("Email is required");
    }

    @Test
    void null_for_a_required_field_on_create_is_reported_as_required() {
        Response response = api.deliberatelyBad().post(USERS, "{\"name\":null,\"email\":null}");

        assertThat(response.json().get("details").get("name").get(0).asText()).isEqualTo("Name is required");
    }
}
