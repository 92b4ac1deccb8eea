package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import my.invois.testing.MembershipFill;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /users/{id} and DELETE /users/{id} find the user's memberships through their index, never the whole table. */
class UserMembershipsPlanTest {

    @BeforeAll
    static void fillTable() {
        MembershipFill.fill();
    }

    @AfterAll
    static void clear() {
        TestDatabase.clear();
    }


    @Test
    void a_users_first_memberships_are_read_in_list_order_from_the_index() {
        String plan = MembershipFill.plan(UserRepository.DETAILS_SQL);

        assertThat(plan).as(plan).contains("memberships_user_order").doesNotContain("Seq Scan on memberships");
    }

    @Test
    void deleting_a_user_finds_their_organizations_through_the_index() {
        String plan = MembershipFill.plan(UserRepository.LOCK_ORGANIZATIONS_OF_SQL);

        assertThat(plan).as(plan).contains("memberships_user_order").doesNotContain("Seq Scan on memberships");
    }
}
