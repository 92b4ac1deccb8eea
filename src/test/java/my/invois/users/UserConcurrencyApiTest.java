package my.invois.users;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Parallel;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class UserConcurrencyApiTest extends ApiTest {

    @Test
    void twenty_parallel_creates_with_one_email_give_one_201_and_nineteen_409() throws Exception {
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 20; i++) {
            String email = i % 2 == 0 ? "race@example.com" : "RACE@example.com";
            calls.add(() -> api.post(Api.PREFIX + "/users", aUser().withEmail(email).body()).status());
        }

        List<Integer> statuses = Parallel.all(calls);

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
        assertThat(TestDatabase.count("SELECT count(*) FROM users WHERE email = 'race@example.com'")).isEqualTo(1);
    }

    @Test
    void concurrent_partial_updates_of_different_fields_lose_neither() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = aUser().create(api).get("id").asText();
            String path = Api.PREFIX + "/users/" + id;

            List<Integer> statuses = Parallel.all(List.of(
                    () -> api.put(path, Map.of("firstName", "Farah")).status(),
                    () -> api.put(path, Map.of("lastName", "Iskandar")).status(),
                    () -> api.put(path, Map.of("phone", "+60123456789")).status()));

            assertThat(statuses).containsOnly(200);
            var user = api.get(path).json();
            assertThat(user.get("firstName").asText()).isEqualTo("Farah");
            assertThat(user.get("lastName").asText()).isEqualTo("Iskandar");
            assertThat(user.get("phone").asText()).isEqualTo("+60123456789");
        }
    }
}
