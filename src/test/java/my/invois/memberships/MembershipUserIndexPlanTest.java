package my.invois.memberships;

import static org.assertj.core.api.Assertions.assertThat;

import my.invois.testing.MembershipFill;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /users/{id}/organizations reads one user's memberships through their index, never the whole table. */
class MembershipUserIndexPlanTest {

    @BeforeAll
    static void fillTable() {
        MembershipFill.fill();
    }

    @AfterAll
    static void clear() {
        TestDatabase.clear();
    }


    @Test
    void a_page_of_a_users_organizations_reads_their_index() {
        String plan = MembershipFill.plan(MembershipRepository.OF_USER_SQL);

        assertThat(plan).as(plan).contains("Index Cond: (user_id =", "memberships_user_order").doesNotContain("Seq Scan");
    }

    @Test
    void a_users_membership_count_reads_the_same_index() {
        String plan = MembershipFill.plan(MembershipRepository.COUNT_OF_USER_SQL);

        assertThat(plan).as(plan).contains("memberships_user_order").doesNotContain("Seq Scan");
    }
}
