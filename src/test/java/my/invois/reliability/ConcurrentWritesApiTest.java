package my.invois.reliability;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import org.junit.jupiter.api.Test;

/**
 * Every kind of write, from several clients at once, on so few users and organizations that
 * they keep meeting: the cycles of locks that two writes alone cannot form (a user deleted
 * while joining one organization and leaving another, two users' deletions through shared
 * organizations) show up here as 5xx.
 */
class ConcurrentWritesApiTest extends ApiTest {

    static final int CLIENTS = 6;
    static final int WRITES_PER_CLIENT = 100;
    static final int ROWS = 3;
    /** Changes and removals pick among the latest memberships added, which are most likely still there. */
    static final int RECENT_MEMBERSHIPS = 6;
    private static final String USERS = Api.PREFIX + "/users";
    private static final String ORGS = Api.PREFIX + "/organizations";

    private final List<String> users = new CopyOnWriteArrayList<>();
    private final List<String> organizations = new CopyOnWriteArrayList<>();
    /** Organization id and membership id of every membership added; some are gone since. */
    private final List<String[]> memberships = new CopyOnWriteArrayList<>();

    @Test
    void mixed_writes_from_several_clients_on_few_rows_never_answer_5xx_and_keep_the_invariants() throws Exception {
        for (int i = 0; i < ROWS; i++) {
            users.add(aUser().create(api).get("id").asText());
            organizations.add(anOrganization().create(api).get("id").asText());
        }

        List<List<String>> failed = Parallel.times(CLIENTS, () -> {
            var failures = new ArrayList<String>();
            for (int n = 0; n < WRITES_PER_CLIENT; n++) {
                Response response = write(ThreadLocalRandom.current());
                if (response.status() >= 500) {
                    failures.add(response.status() + " " + response.body());
                }
            }
            return failures;
        });

        assertThat(failed.stream().flatMap(List::stream).toList())
                .as("5xx among %d writes", CLIENTS * WRITES_PER_CLIENT).isEmpty();
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    private Response write(ThreadLocalRandom random) {
        String user = pick(users, random);
        String organization = pick(organizations, random);
        List<String[]> recent = List.copyOf(memberships);
        String[] membership = recent.isEmpty() ? new String[] {organization, "member-none"}
                : recent.get(recent.size() - 1 - random.nextInt(Math.min(RECENT_MEMBERSHIPS, recent.size())));
        String member = ORGS + "/" + membership[0] + "/members/" + membership[1];
        return switch (random.nextInt(10)) {
            case 0 -> replaced(users, user, api.delete(USERS + "/" + user), () -> aUser().create(api).get("id").asText());
            case 1 -> replaced(organizations, organization, api.delete(ORGS + "/" + organization),
                    () -> anOrganization().create(api).get("id").asText());
            case 2 -> api.put(USERS + "/" + user, Map.of("lastName", "Ubah " + random.nextInt(100)));
            case 3 -> api.put(ORGS + "/" + organization, Map.of("name", "Kedai Ubah " + random.nextInt(100)));
            case 4, 5, 6 -> added(organization, api.post(ORGS + "/" + organization + "/members", Map.of("userId", user)));
            case 7 -> api.put(member, Map.of("role", random.nextBoolean() ? "admin" : "customer"));
            default -> api.delete(member);
        };
    }

    /** A deleted row is replaced by a new one, added first, so that the traffic always has a few live rows to meet on. */
    private static Response replaced(List<String> ids, String id, Response deleted, Supplier<String> create) {
        if (deleted.status() == 204) {
            ids.add(create.get());
            ids.remove(id);
        }
        return deleted;
    }

    private Response added(String organization, Response response) {
        if (response.status() == 201) {
            memberships.add(new String[] {organization, response.id()});
        }
        return response;
    }

    /** From a copy, as other clients add and remove meanwhile. */
    private static <T> T pick(List<T> items, ThreadLocalRandom random) {
        List<T> now = List.copyOf(items);
        return now.get(random.nextInt(now.size()));
    }
}
