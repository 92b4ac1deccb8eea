package my.invois.reliability;

import static my.invois.testing.OrganizationBuilder.addMember;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import my.invois.db.SqlErrors;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.ContractErrors;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pair of writes that touch one membership, raced on the same user, organization and
 * membership, round after round. The member count trigger once locked the organization after
 * the membership row while deletes of users and organizations locked them the other way round:
 * a deadlock, answered 500 (user delete against member removal in 13 of 40 rounds).
 */
class MembershipLockOrderApiTest extends ApiTest {

    static final int ROUNDS = 40;
    private static final String USERS = Api.PREFIX + "/users";
    private static final String ORGS = Api.PREFIX + "/organizations";

    /** The writes, each on the round's membership or on its user or organization, with the statuses it may get. */
    enum Write {
        DELETE_USER(204),
        DELETE_ORGANIZATION(204),
        ADD_MEMBER(201, 404),
        CHANGE_ROLE(200, 404),
        REMOVE_MEMBER(204, 404);

        final Set<Integer> allowed;

        Write(Integer... allowed) {
            this.allowed = Set.of(allowed);
        }

        Response send(Api api, Round round) {
            String member = ORGS + "/" + round.organizationId + "/members/" + round.memberId;
            return switch (this) {
                case DELETE_USER -> api.delete(USERS + "/" + round.userId);
                case DELETE_ORGANIZATION -> api.delete(ORGS + "/" + round.organizationId);
                case ADD_MEMBER -> api.post(ORGS + "/" + round.organizationId + "/members", Map.of("userId", round.newcomerId));
                case CHANGE_ROLE -> api.put(member, Map.of("role", "admin"));
                case REMOVE_MEMBER -> api.delete(member);
            };
        }
    }

    /**
     * A user who belongs to the organization (the raced membership) and to a second one, so that
     * deleting the user goes through two organizations; and a newcomer who may join.
     */
    record Round(String userId, String organizationId, String memberId, String newcomerId) {

        static Round create(Api api) {
            JsonNode user = aUser().create(api);
            JsonNode organization = anOrganization().create(api);
            JsonNode member = addMember(api, organization, user, "customer");
            addMember(api, anOrganization().create(api), user, "customer");
            return new Round(id(user), id(organization), id(member), id(aUser().create(api)));
        }
    }

    static Stream<Arguments> pairs() {
        Write[] writes = Write.values();
        var pairs = new ArrayList<Arguments>();
        for (int i = 0; i < writes.length; i++) {
            for (int j = i + 1; j < writes.length; j++) {
                pairs.add(Arguments.of(writes[i], writes[j]));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} racing {1}")
    @MethodSource("pairs")
    void two_writes_on_one_membership_never_answer_5xx_and_keep_the_invariants(Write first, Write second) throws Exception {
        var refused = new ArrayList<String>();
        for (int n = 1; n <= ROUNDS; n++) {
            Round round = Round.create(api);

            List<Response> responses = Parallel.all(List.of(() -> first.send(api, round), () -> second.send(api, round)));

            assertThat(DatabaseChecks.violations()).as("round %d", n).isEmpty();
            if (!allowed(n, first, responses.get(0), refused) | !allowed(n, second, responses.get(1), refused)) {
                continue;
            }
            if (first == Write.DELETE_USER) {
                assertThat(TestDatabase.count("SELECT count(*) FROM memberships WHERE user_id = '" + round.userId + "'")).isZero();
            }
            if (first == Write.DELETE_ORGANIZATION || second == Write.DELETE_ORGANIZATION) {
                assertThat(TestDatabase.count("SELECT count(*) FROM memberships WHERE organization_id = '" + round.organizationId + "'")).isZero();
            }
        }
        assertThat(refused).as("answers outside the allowed statuses in %d rounds", ROUNDS).isEmpty();
    }

    /**
     * The order itself, shown without a race: while a transaction of the test's own holds the
     * organization, a removal waits for it before touching the membership, and a user's deletion
     * waits for it holding the user (the removal used to hold the membership, so it deadlocked).
     */
    @Test
    void writes_waiting_for_the_organization_hold_the_user_and_not_yet_the_membership() throws Exception {
        Round round = Round.create(api);
        try (Handle holder = TestDatabase.get().jdbi().open()) {
            holder.begin();
            holder.createQuery("SELECT id FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                    .bind("id", round.organizationId).mapTo(String.class).one();
            var removal = CompletableFuture.supplyAsync(() -> api.delete(ORGS + "/" + round.organizationId + "/members/" + round.memberId));
            var deletion = CompletableFuture.supplyAsync(() -> api.delete(USERS + "/" + round.userId));
            awaitSessionsWaitingForALock(2);

            assertThat(lockableAtOnce("SELECT id FROM memberships WHERE id = '" + round.memberId + "' FOR UPDATE NOWAIT"))
                    .as("the membership, while the removal waits").isTrue();
            assertThat(lockableAtOnce("SELECT id FROM users WHERE id = '" + round.userId + "' FOR KEY SHARE NOWAIT"))
                    .as("the user, while the deletion waits").isFalse();
            holder.commit();
            assertThat(removal.get(10, TimeUnit.SECONDS).status()).isIn(204, 404);
            assertThat(deletion.get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
        }
    }

    /** In a session of its own: whether the row lock was free (PostgreSQL's 55P03 when not). */
    private static boolean lockableAtOnce(String sql) {
        try (Handle handle = TestDatabase.get().jdbi().open()) {
            return handle.inTransaction(transaction -> transaction.createQuery(sql).mapTo(String.class).list().size() == 1);
        } catch (JdbiException busy) {
            assertThat(SqlErrors.describe(busy)).isEqualTo("SQLSTATE 55P03");
            return false;
        }
    }

    /**
     * The safety net, never the fix: a transaction of the test's own holds the membership while
     * the removal waits for it holding the organization, then asks for the organization. The
     * test's session waits ten seconds before it looks for deadlocks, so PostgreSQL aborts the
     * server's transaction.
     */
    @Test
    void a_deadlock_that_still_happens_is_a_503_with_retry_after_and_changes_nothing() throws Exception {
        Round round = Round.create(api);
        String member = ORGS + "/" + round.organizationId + "/members/" + round.memberId;
        CompletableFuture<Response> removal;
        try (Handle holder = TestDatabase.get().jdbi().open()) {
            holder.begin();
            holder.execute("SET LOCAL deadlock_timeout = '10s'");
            holder.createQuery("SELECT id FROM memberships WHERE id = :id FOR UPDATE").bind("id", round.memberId).mapTo(String.class).one();
            removal = CompletableFuture.supplyAsync(() -> api.delete(member));
            awaitSessionsWaitingForALock(1);
            holder.createQuery("SELECT id FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                    .bind("id", round.organizationId).mapTo(String.class).one();
            holder.rollback();
        }

        Response refused = removal.get(10, TimeUnit.SECONDS);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).hasValue("5");
        ContractErrors.assertContractError("deadlock", 503, refused.header("Content-Type").orElse(""), refused.body());
        assertThat(api.get(member).status()).isEqualTo(200);
        assertThat(api.get(ORGS + "/" + round.organizationId).json().get("memberCount").asInt()).isEqualTo(1);
    }

    private static void awaitSessionsWaitingForALock(int sessions) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") < sessions) {
            assertThat(System.nanoTime()).as("requests waiting for a row lock").isLessThan(end);
            Thread.sleep(10);
        }
    }

    /** Notes a refused answer, so that every round runs and the count of failed rounds is reported. */
    private static boolean allowed(int round, Write write, Response response, List<String> refused) {
        if (write.allowed.contains(response.status())) {
            return true;
        }
        refused.add("round " + round + ": " + write + " " + response.status() + " " + response.body());
        return false;
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }
}
