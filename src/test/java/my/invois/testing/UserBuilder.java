package my.invois.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test users in domain words: {@code aUser().withEmail("a@b.com").create(api)}. */
public final class UserBuilder {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private UserBuilder() {
        int n = SEQUENCE.incrementAndGet();
        fields.put("name", "Test User " + n);
        fields.put("email", "user" + n + "@example.com");
    }

    public static UserBuilder aUser() {
        return new UserBuilder();
    }

    public UserBuilder with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public UserBuilder withName(String name) {
        return with("name", name);
    }

    public UserBuilder withEmail(String email) {
        return with("email", email);
    }

    public UserBuilder without(String field) {
        fields.remove(field);
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }

    public JsonNode create(Api api) {
        Response response = api.post(Api.PREFIX + "/users", fields);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }
}
