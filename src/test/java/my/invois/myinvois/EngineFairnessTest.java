package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/** E6 fairness: one merchant's backlog does not hold back another merchant's single invoice. */
class EngineFairnessTest {

    private static final String SECRET = "engine-fairness-secret";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void a_single_invoice_of_a_second_issuer_goes_in_the_first_batches_despite_a_backlog_of_300() {
        TestDatabase.clear();
        Api setUp = TestServer.shared().api();
        String busy = EngineApiTest.organization(setUp, "C2584563202");
        String quiet = EngineApiTest.organization(setUp, "C9876543210");
        String first = EngineApiTest.requested(setUp, busy, 1);
        // The busy merchant's backlog: 300 queued documents, all older than the quiet merchant's one.
        TestDatabase.get().jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO einvoices (id, organization_id, number, type, consolidated, status, month, buyer, currency, "
                    + "excluding_tax, tax, including_tax, payable, lines, document, document_sha256, issued_at, queued_at, created_at, "
                    + "updated_at) SELECT 'einv-backlog' || n, organization_id, 'BACKLOG' || n, type, consolidated, 'queued', month, "
                    + "buyer, currency, excluding_tax, tax, including_tax, payable, lines, document, document_sha256, issued_at, "
                    + "now() - interval '1 hour' + n * interval '1 second', created_at, updated_at FROM einvoices, "
                    + "generate_series(1, 299) AS n WHERE id = ?", first);
            handle.execute("UPDATE einvoices SET status = 'queued', queued_at = now() - interval '2 hours' WHERE id = ?", first);
        });
        String single = EngineApiTest.requested(setUp, quiet, 2);

        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO)
                .withDevelopmentSecret(SECRET), TestDatabase.get().pool(), Clock.systemUTC());
             TestServer engine = TestServer.withEngine(MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2),
                     Duration.ofSeconds(5), TestDatabase.get().jdbi(), TestServer.SECRET_BOX, Clock.systemUTC()),
                     tin -> LhdnAccount.intermediary("invois-fairness", SECRET, tin), simulator.baseUrl(), Clock.systemUTC())) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'valid' AND id = '" + single + "'") == 0) {
                assertThat(System.nanoTime()).as("the single invoice is valid within %s", DEADLINE).isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
        long position = TestDatabase.count("SELECT count(*) FROM submissions WHERE sequence <= (SELECT s.sequence FROM submissions s "
                + "JOIN einvoices e ON e.submission_id = s.id WHERE e.id = '" + single + "')");
        assertThat(position).as("the single invoice's submission among all submissions").isLessThanOrEqualTo(2);
        assertThat(TestDatabase.count("SELECT max(c) FROM (SELECT count(*) AS c FROM einvoices WHERE submission_id IS NOT NULL "
                + "GROUP BY submission_id) AS batches")).isEqualTo(Batches.MAX_DOCUMENTS);
    }
}
