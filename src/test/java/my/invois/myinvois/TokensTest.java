package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Two servers (MyInvois instances) on one database share one token per (client ID, onbehalfof). */
class TokensTest extends MyInvoisTest {

    /** LHDN's example on its Validate TIN page, known to every simulator. */
    private static final String BUYER_TIN = "C25845632020";

    @Test
    void two_instances_calling_at_once_log_in_once_and_share_the_token() throws Exception {
        MyInvois first = server();
        MyInvois second = server();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            var calls = new ArrayList<Callable<LhdnResult<Boolean>>>();
            for (int call = 0; call < 16; call++) {
                MyInvois server = call % 2 == 0 ? first : second;
                calls.add(() -> server.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
            }
            for (Future<LhdnResult<Boolean>> result : threads.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                assertThat(result.get()).isInstanceOf(LhdnResult.Accepted.class);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(simulatorCalls("login")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tokens")).isEqualTo(1);
    }

    @Test
    void the_token_is_reused_until_five_minutes_before_it_expires_then_one_instance_logs_in_again() {
        MyInvois first = server();
        MyInvois second = server();
        MyInvoisApiTest.accepted(first.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        clock.advance(Duration.ofMinutes(54));
        MyInvoisApiTest.accepted(second.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        assertThat(simulatorCalls("login")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        MyInvoisApiTest.accepted(second.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        MyInvoisApiTest.accepted(first.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        assertThat(simulatorCalls("login")).isEqualTo(2);
    }

    @Test
    void another_taxpayer_gets_a_token_of_its_own() {
        MyInvois server = server();
        MyInvoisApiTest.accepted(server.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        MyInvoisApiTest.accepted(server.validateTin(LhdnAccount.intermediary(CLIENT_ID, DEVELOPMENT_SECRET, "C12345678900:201901234567"),
                BUYER_TIN, "BRN", "201901234567"));
        assertThat(simulatorCalls("login")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tokens WHERE taxpayer = 'C12345678900:201901234567'")).isEqualTo(1);
    }

    @Test
    void a_revoked_token_is_refreshed_once_and_the_call_repeated_once() {
        MyInvois server = server();
        MyInvoisApiTest.accepted(server.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        String revoked = TestDatabaseTokens.one(secrets, ACCOUNT);
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("DELETE FROM myinvois_sim.tokens"));

        assertThat(MyInvoisApiTest.accepted(server.validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"))).isTrue();
        assertThat(simulatorCalls("login")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT calls FROM lhdn_budgets WHERE api = 'VALIDATE_TIN'"))
                .as("the first call, the one refused with 401 and its repetition").isEqualTo(3);
        assertThat(TestDatabaseTokens.one(secrets, ACCOUNT)).isNotEqualTo(revoked);
    }

    @Test
    void a_token_stored_in_the_database_is_sealed_not_plain() {
        MyInvoisApiTest.accepted(server().validateTin(ACCOUNT, BUYER_TIN, "BRN", "201901234567"));
        String token = TestDatabaseTokens.one(secrets, ACCOUNT);
        byte[] stored = TestDatabase.get().jdbi().withHandle(handle ->
                handle.createQuery("SELECT access_token FROM lhdn_tokens").mapTo(byte[].class).one());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(token);
    }

    @Test
    void logins_over_the_budget_are_throttled_without_calling_lhdn() {
        MyInvois server = server();
        for (int taxpayer = 0; taxpayer < LhdnApi.LOGIN.budget(); taxpayer++) {
            MyInvoisApiTest.accepted(server.validateTin(LhdnAccount.intermediary(CLIENT_ID, DEVELOPMENT_SECRET, "C1000000000" + taxpayer % 10 + taxpayer / 10),
                    BUYER_TIN, "BRN", "201901234567"));
        }
        LhdnResult<Boolean> over = server.validateTin(LhdnAccount.intermediary(CLIENT_ID, DEVELOPMENT_SECRET, "C20000000000"),
                BUYER_TIN, "BRN", "201901234567");
        assertThat(over).isInstanceOfSatisfying(LhdnResult.Throttled.class, throttled ->
                assertThat(throttled.until()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60)));
        assertThat(simulatorCalls("login")).isEqualTo(LhdnApi.LOGIN.budget());
    }
}
