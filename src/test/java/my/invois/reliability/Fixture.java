package my.invois.reliability;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import my.invois.testing.Api;
import my.invois.testing.TestServer;

/**
 * A populated database to fuzz against, with names full of SQL and LIKE metacharacters, and
 * the values that {@link Probe} placeholders stand for.
 */
final class Fixture {

    static final String[] AWKWARD_NAMES = {
            "Diskaun 50% Sdn Bhd", "under_score Trading", "Back\\slash Enterprise", "O'Reilly & Sons",
            "Robert'); DROP TABLE users;--", "Café Été", "Kedai \"Quoted\"", "Ali %_\\ Mixed", "Zürich GmbH", "日本語 Kaisha"};

    final TestServer server;
    final List<JsonNode> users = new ArrayList<>();
    final List<JsonNode> organizations = new ArrayList<>();
    final List<JsonNode> memberships = new ArrayList<>();

    private Fixture(TestServer server) {
        this.server = server;
    }

    static Fixture populate(TestServer server) {
        var fixture = new Fixture(server);
        Api api = server.api();
        for (int i = 0; i < 20; i++) {
            String name = AWKWARD_NAMES[i % AWKWARD_NAMES.length] + " " + i;
            fixture.users.add(aUser().withName(name).withEmail("person" + i + ".kk_%@example.com").with("phone", "+6012345678" + i % 10).create(api));
        }
        for (int i = 0; i < 6; i++) {
            fixture.organizations.add(anOrganization().withName(AWKWARD_NAMES[(i + 3) % AWKWARD_NAMES.length] + " " + i)
                    .withSlug("fixture-" + i).create(api));
        }
        for (int i = 0; i < 12; i++) {
            fixture.memberships.add(addMember(api, fixture.organizations.get(i % 3), fixture.users.get(i), i % 2 == 0 ? "admin" : "customer"));
        }
        return fixture;
    }

    /** What each placeholder of a probe stands for. */
    Map<String, String> values() {
        String email = users.get(1).get("email").asText();
        return Map.ofEntries(
                Map.entry("{key}", server.key()),
                Map.entry("{user}", users.get(0).get("id").asText()),
                Map.entry("{otherUser}", users.get(15).get("id").asText()),
                Map.entry("{email}", email),
                Map.entry("{EMAIL}", email.toUpperCase(Locale.ROOT)),
                // U+212A KELVIN SIGN lower-cases to 'k': the same address in disguise.
                Map.entry("{kelvinEmail}", email.replace('k', '\u212A')),
                Map.entry("{org}", organizations.get(0).get("id").asText()),
                Map.entry("{otherOrg}", organizations.get(1).get("id").asText()),
                Map.entry("{slug}", organizations.get(2).get("slug").asText()),
                Map.entry("{member}", memberships.get(0).get("id").asText()),
                Map.entry("{memberUser}", memberships.get(0).get("userId").asText()),
                Map.entry("{otherMember}", memberships.get(1).get("id").asText()));
    }
}
