package my.invois.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import my.invois.testing.ContractErrors;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Figures;
import my.invois.testing.RawHttp;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid writes, hostile reads and refused writes, interleaved: whatever succeeds, the
 * database invariants hold after every sequence (no orphan membership, true memberCounts,
 * unique normalised emails and slugs); every request that got a 4xx changed nothing; a
 * search for SQL or LIKE metacharacters finds only items containing them literally.
 */
class MixedTrafficFuzzTest {

    static final int TRIES = 900;
    private static final String API = HostileRequests.API;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong sent = new AtomicLong();
    private static final AtomicLong succeeded = new AtomicLong();
    private static Fixture fixture;
    private static String checksum;
    private static final DatabaseChecks.Watch database = new DatabaseChecks.Watch();
    /** Ids the traffic created and has not deleted, so that later actions hit live rows. */
    private static final List<String> users = new ArrayList<>();
    private static final List<String> organizations = new ArrayList<>();
    private static final List<String[]> memberships = new ArrayList<>();

    /** One request; {@code pick} chooses the live rows its {any…} placeholders stand for; {@code search} is the raw query text. */
    record Action(Probe probe, int pick, String search) {

        @Override
        public String toString() {
            return probe + " (pick " + pick + ")";
        }
    }

    @BeforeContainer
    static void populate() {
        TestDatabase.clear();
        fixture = Fixture.populate(TestServer.shared());
        fixture.users.forEach(user -> users.add(user.get("id").asText()));
        fixture.organizations.forEach(organization -> organizations.add(organization.get("id").asText()));
        fixture.memberships.forEach(member -> memberships.add(new String[] {organizationOf(member), member.get("id").asText()}));
        checksum = database.checksum();
    }

    private static String organizationOf(JsonNode member) {
        for (JsonNode organization : fixture.organizations) {
            JsonNode full = TestServer.shared().api().get(API + "/organizations/" + organization.get("id").asText()).json();
            for (JsonNode listed : full.get("members")) {
                if (listed.get("id").equals(member.get("id"))) {
                    return organization.get("id").asText();
                }
            }
        }
        throw new IllegalStateException("membership of no organization: " + member);
    }

    @AfterContainer
    static void report() {
        Figures.record("MixedTrafficFuzzTest", "requests sent", sent.get());
        Figures.record("MixedTrafficFuzzTest", "writes that succeeded", succeeded.get());
        TestDatabase.clear();
    }

    @Provide
    Arbitrary<List<Action>> traffic() {
        Arbitrary<Probe> probes = Arbitraries.frequencyOf(
                Tuple.of(40, validWrites()),
                Tuple.of(20, searches().map(Tuple.Tuple2::get1)),
                Tuple.of(10, reads()),
                Tuple.of(30, Arbitraries.oneOf(HostileRequests.invalidBodies(), HostileRequests.malformedBodies(),
                        HostileRequests.badPaths(), HostileRequests.conflicts(), HostileRequests.unauthenticated())));
        Arbitrary<Action> plain = Combinators.combine(probes, Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((probe, pick) -> new Action(probe, pick, null));
        Arbitrary<Action> searched = Combinators.combine(searches(), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((search, pick) -> new Action(search.get1(), pick, search.get2()));
        return Arbitraries.frequencyOf(Tuple.of(85, plain), Tuple.of(15, searched)).list().ofMinSize(4).ofMaxSize(6);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void whatever_succeeds_the_invariants_hold_and_refusals_change_nothing(@ForAll("traffic") List<Action> actions) throws Exception {
        for (Action action : actions) {
            RawHttp.Reply reply = action.probe().send(fixture, values(action.pick()));
            sent.incrementAndGet();
            String after = database.checksum();
            String what = action + " answered " + reply;

            assertThat(reply.status()).as(what).isLessThan(500);
            if (reply.status() >= 400) {
                if (!action.probe().method().equals("HEAD")) {
                    ContractErrors.assertContractError(what, reply.status(), reply.header("Content-Type").orElse(""), reply.body());
                }
                assertThat(after).as("%s but changed the database", what).isEqualTo(checksum);
            } else {
                track(action.probe(), reply, values(action.pick()));
            }
            if (action.search() != null && reply.status() == 200) {
                assertFoundLiterally(action, reply);
                assertTotalIsAPlainCount(action, reply);
            }
            checksum = after;
        }
        if (sent.get() % 3 == 0) {
            TestServer.shared().userSearch().fold();
        }
        assertThat(DatabaseChecks.violations()).as("after %s", actions).isEmpty();
    }

    /** Keeps the live ids in step with what succeeded. */
    private static void track(Probe probe, RawHttp.Reply reply, Map<String, String> values) throws Exception {
        if (probe.isRead()) {
            return;
        }
        succeeded.incrementAndGet();
        String target = probe.target();
        if (probe.method().equals("POST") && reply.status() == 201) {
            JsonNode created = JSON.readTree(reply.body());
            String id = created.get("id").asText();
            if (id.startsWith("user-")) {
                users.add(id);
            } else if (id.startsWith("org-")) {
                organizations.add(id);
            } else {
                memberships.add(new String[] {values.get("{anyOrg}"), id});
            }
        } else if (probe.method().equals("DELETE") && target.endsWith("{anyUser}")) {
            users.remove(values.get("{anyUser}"));
        } else if (probe.method().equals("DELETE") && target.endsWith("{anyOrg}")) {
            String organization = values.get("{anyOrg}");
            organizations.remove(organization);
            memberships.removeIf(member -> member[0].equals(organization));
        } else if (probe.method().equals("DELETE") && target.endsWith("{anyMember}")) {
            memberships.removeIf(member -> member[1].equals(values.get("{anyMember}")));
        }
    }

    private static void assertFoundLiterally(Action action, RawHttp.Reply reply) throws Exception {
        String wanted = folded(action.search().strip());
        if (wanted.isEmpty()) {
            return;
        }
        for (JsonNode item : JSON.readTree(reply.body()).get("data")) {
            String name = folded(item.get("name").asText());
            String email = item.has("email") ? folded(item.get("email").asText()) : "";
            assertThat(name.contains(wanted) || email.contains(wanted))
                    .as("%s found %s, which does not contain %s", action, item, wanted).isTrue();
        }
    }

    /**
     * SPEC A5's exact total, whatever the server kept: a plain count with ILIKE, the search's
     * wildcards escaped, over name or email (users) or name (organizations).
     */
    private static void assertTotalIsAPlainCount(Action action, RawHttp.Reply reply) throws Exception {
        String text = action.search().strip();
        if (text.isEmpty()) {
            return;
        }
        boolean ofUsers = action.probe().target().contains("/users?");
        String sql = ofUsers
                ? "SELECT count(*) FROM users WHERE name ILIKE :pattern ESCAPE '!' OR email ILIKE :pattern ESCAPE '!'"
                : "SELECT count(*) FROM organizations WHERE name ILIKE :pattern ESCAPE '!'";
        String pattern = "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        long counted = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(sql).bind("pattern", pattern)
                .mapTo(Long.class).one());
        assertThat(JSON.readTree(reply.body()).get("meta").get("total").asLong()).as("%s: meta.total", action).isEqualTo(counted);
    }

    /**
     * Lower-cased without accents: PostgreSQL's ILIKE folds 'İ' to 'i' where Java makes it
     * "i̇"; metacharacters such as % and _ have no case and are compared as they are.
     */
    private static String folded(String text) {
        return Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private static Map<String, String> values(int pick) {
        var values = new HashMap<>(fixture.values());
        values.put("{anyUser}", users.isEmpty() ? "user-01jdq6z7m9x8k2v3w4y5z6a7b8" : users.get(pick % users.size()));
        values.put("{anyUser2}", users.isEmpty() ? "user-01jdq6z7m9x8k2v3w4y5z6a7b8" : users.get((pick / 7) % users.size()));
        values.put("{anyOrg}", organizations.isEmpty() ? "org-01jdq6z7m9x8k2v3w4y5z6a7b8" : organizations.get(pick % organizations.size()));
        String[] member = memberships.isEmpty() ? new String[] {"org-01jdq6z7m9x8k2v3w4y5z6a7b8", "member-01jdq6z7m9x8k2v3w4y5z6a7b8"}
                : memberships.get(pick % memberships.size());
        values.put("{memberOrg}", member[0]);
        values.put("{anyMember}", member[1]);
        return values;
    }

    private static Arbitrary<Probe> validWrites() {
        var json = List.of(Map.entry("X-Invois-Key", "{key}"), Map.entry("Content-Type", Probe.JSON));
        var key = List.of(Map.entry("X-Invois-Key", "{key}"));
        Arbitrary<String> names = Arbitraries.of(Fixture.AWKWARD_NAMES).map(name -> name + " x")
                .map(HostileRequests::jsonString);
        Arbitrary<Long> unique = Arbitraries.longs().between(1, Long.MAX_VALUE / 2);
        Arbitrary<String> localParts = Arbitraries.of("m%d", "m%d_%%", "m%d.o'neil", "ｍ%d", "m%d+tag", "mа%d", "M%d.UPPER");
        Arbitrary<String> domains = Arbitraries.of("example.com", "EXAMPLE.com", "ｅxample.com", "exa\u00ADmple.com", "m\u00FCnchen.de");
        Arbitrary<String> emails = Combinators.combine(localParts, domains, unique)
                .as((local, domain, n) -> HostileRequests.jsonString(local.formatted(n) + "@" + domain));
        Arbitrary<Probe> createUser = Combinators.combine(names, emails, Arbitraries.of("admin", "customer", "super-admin"))
                .as((name, email, role) -> new Probe("create user", "POST", API + "/users", json,
                        "{\"name\":" + name + ",\"email\":" + email + ",\"role\":\"" + role + "\",\"phone\":\"+60 12-345 6789\",\"dob\":\"1990-05-15\"}"));
        Arbitrary<Probe> createOrganization = Combinators.combine(names, Arbitraries.of("", ",\"slug\":\"s-%d\"", ",\"premiumTierId\":\"tier-premium\""), unique)
                .as((name, extra, n) -> new Probe("create organization", "POST", API + "/organizations", json,
                        "{\"name\":" + name + extra.formatted(n) + "}"));
        Arbitrary<Probe> addMember = Arbitraries.of("admin", "customer")
                .map(role -> new Probe("add member", "POST", API + "/organizations/{anyOrg}/members", json,
                        "{\"userId\":\"{anyUser2}\",\"role\":\"" + role + "\"}"));
        Arbitrary<Probe> updateUser = Combinators.combine(Arbitraries.of("{\"lastName\":null}", "{\"firstName\":\"Nur\",\"phone\":null}",
                        "{\"email\":%s}", "{\"role\":\"admin\",\"dob\":null}", "{\"email\":\"{email}\"}", "{}",
                        "{\"id\":\"user-x\",\"members\":[],\"createdAt\":\"2000-01-01T00:00:00Z\",\"name\":\"Echoed Back\"}"), emails)
                .as((body, email) -> new Probe("update user", "PUT", API + "/users/{anyUser}", json, body.replace("%s", email)));
        Arbitrary<Probe> updateOrganization = Combinators.combine(Arbitraries.of("{\"logo\":\"https://cdn.example.com/a.png\"}",
                        "{\"premiumTierId\":null}", "{\"slug\":\"u-%d\"}", "{\"slug\":\"{slug}\"}", "{\"name\":\"Renamed %d\"}",
                        "{\"memberCount\":999,\"members\":[],\"premiumTier\":null,\"id\":\"org-x\"}"), unique)
                .as((body, n) -> new Probe("update organization", "PUT", API + "/organizations/{anyOrg}", json, body.replace("%d", String.valueOf(n))));
        Arbitrary<Probe> updateMember = Arbitraries.of("admin", "customer")
                .map(role -> new Probe("update member", "PUT", API + "/organizations/{memberOrg}/members/{anyMember}", json,
                        "{\"role\":\"" + role + "\",\"userId\":\"{anyUser2}\"}"));
        Arbitrary<Probe> deletes = Arbitraries.of(
                new Probe("delete member", "DELETE", API + "/organizations/{memberOrg}/members/{anyMember}", key, null),
                new Probe("delete user", "DELETE", API + "/users/{anyUser}", key, null),
                new Probe("delete organization", "DELETE", API + "/organizations/{anyOrg}", key, null));
        return Arbitraries.frequencyOf(Tuple.of(20, createUser), Tuple.of(12, createOrganization), Tuple.of(25, addMember),
                Tuple.of(15, updateUser), Tuple.of(10, updateOrganization), Tuple.of(8, updateMember), Tuple.of(10, deletes));
    }

    private static Arbitrary<Probe> reads() {
        var key = List.of(Map.entry("X-Invois-Key", "{key}"));
        return Arbitraries.of(API + "/users/{anyUser}", API + "/users/{anyUser}/organizations", API + "/organizations/{anyOrg}",
                        API + "/organizations/{anyOrg}/members?per_page=100", API + "/organizations/{memberOrg}/members/{anyMember}",
                        API + "/premium-tiers", API + "/users?email={email}", API + "/organizations?slug={slug}")
                .map(path -> new Probe("read", "GET", path, key, null));
    }

    /** A search and its raw text: SQL and LIKE metacharacters, quotes, Unicode. */
    private static Arbitrary<Tuple.Tuple2<Probe, String>> searches() {
        var key = List.of(Map.entry("X-Invois-Key", "{key}"));
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.of(HostileRequests.NASTY).filter(text -> !text.contains("\u0000") && isWellFormed(text)),
                Arbitraries.of("50%", "%_", "_score", "\\slash", "'Reilly", "\"Quoted\"", "%_\\", "DROP TABLE", ".kk_%@", "KK_%", "Été", "日本"));
        return Combinators.combine(Arbitraries.of("/users", "/organizations"), texts, Arbitraries.of("", "&per_page=100", "&page=2&per_page=3"))
                .as((list, text, extra) -> Tuple.of(new Probe("search", "GET",
                        API + list + "?query=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + extra, key, null), text));
    }

    private static boolean isWellFormed(String text) {
        return text.codePoints().noneMatch(codePoint -> Character.getType(codePoint) == Character.SURROGATE);
    }
}
