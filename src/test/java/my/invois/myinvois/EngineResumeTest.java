package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * E6 crash safety: an instance died during Submit Documents, after its submission was committed.
 * The next engine resumes it as an unknown outcome, whether or not the bytes had reached LHDN.
 */
class EngineResumeTest {

    private static final String SECRET = "engine-resume-secret";
    private static final String TIN = "C2584563202";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void a_submission_left_sending_by_a_crash_after_its_bytes_arrived_ends_valid_exactly_once() {
        TestDatabase.clear();
        Api setUp = TestServer.shared().api();
        String org = EngineApiTest.organization(setUp, TIN);
        String id = EngineApiTest.requested(setUp, org, 1);
        String number = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT number FROM einvoices WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        byte[] bytes = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("SELECT document FROM einvoices WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).one());
        // The dead instance's state: the submission committed as 'sending', its call long over.
        TestDatabase.get().jdbi().useHandle(h -> {
            h.execute("INSERT INTO submissions (id, organization_id, state, attempts, next_at, created_at, updated_at) "
                    + "VALUES ('sub-crashed', ?, 'sending', 1, now() - interval '1 second', now() - interval '3 minutes', now())", org);
            h.execute("UPDATE einvoices SET status = 'queued', queued_at = now(), submission_id = 'sub-crashed' WHERE id = ?", id);
        });

        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO)
                .withDevelopmentSecret(SECRET), TestDatabase.get().pool(), Clock.systemUTC())) {
            TestDatabase.get().jdbi().useHandle(h -> h.execute("TRUNCATE myinvois_sim.documents, myinvois_sim.submissions CASCADE"));
            MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), TestDatabase.get().jdbi(),
                    TestServer.SECRET_BOX, Clock.systemUTC());
            // The settings store the TIN as LHDN writes it (C + 10 digits + 0): the documents' supplier.
            LhdnAccount account = LhdnAccount.intermediary("invois-resume", SECRET, TIN + "0");
            // The bytes had reached LHDN before the crash.
            assertThat(lhdn.submit(account, List.of(new SubmittedDocument(number, bytes)))).isInstanceOf(LhdnResult.Accepted.class);
            try (TestServer engine = TestServer.withEngine(lhdn, tin -> account, simulator.baseUrl(), Clock.systemUTC())) {
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'valid' AND id = '" + id + "'") == 0) {
                    assertThat(System.nanoTime()).as("valid within %s: %s", DEADLINE, EngineApiTest.reasons(id)).isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE code_number = '" + number + "'")).isEqualTo(1);
        assertThat(EngineApiTest.reasons(id)).anyMatch(reason -> reason.contains("found at LHDN by its internal ID"));
    }
}
