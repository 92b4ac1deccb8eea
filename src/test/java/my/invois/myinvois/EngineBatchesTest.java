package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E6 batches under a backlog (bench/engine.sh): whole from the first run, never claimed while the
 * submit budget is spent, several in flight at once, and a poll's Valid documents recorded in one
 * transaction.
 */
class EngineBatchesTest {

    private static final String CLIENT_ID = "invois-batches";
    private static final String SECRET = "engine-batches-secret";
    /** Eleven batches of 100 through the simulator in this JVM: on a loaded machine each submission takes seconds. */
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @BeforeEach
    void clear() {
        TestDatabase.clear();
    }

    @Test
    void eleven_issuers_with_a_hundred_drafts_each_are_sent_in_whole_batches_from_the_first_run() {
        Api setUp = TestServer.shared().api();
        // 1,100 drafts, the issuers' interleaved by age: more than one run used to queue (1,000), fewer than one run can send.
        for (int issuer = 0; issuer < 11; issuer++) {
            String organization = EngineApiTest.organization(setUp, String.format("C25845632%02d0", issuer));
            backlog(EngineApiTest.requested(setUp, organization, 1), 99);
        }

        try (Simulator simulator = simulator(); TestServer engine = engine(simulator)) {
            awaitTrue(() -> TestDatabase.count("SELECT count(*) FROM einvoices WHERE submission_id IS NULL") == 0);
        }

        assertThat(batchSizes()).hasSize(11).containsOnly((long) Batches.MAX_DOCUMENTS);
    }

    @Test
    void while_the_submit_budget_is_closed_queued_documents_stay_unclaimed_and_go_in_whole_batches_once_it_opens() {
        Api setUp = TestServer.shared().api();
        backlog(EngineApiTest.requested(setUp, EngineApiTest.organization(setUp, "C2584563202"), 1), 149);
        var budget = new LhdnBudget(TestDatabase.get().jdbi());
        budget.throttle(CLIENT_ID, LhdnApi.SUBMIT, Instant.now().plus(Duration.ofHours(1)));

        try (Simulator simulator = simulator(); TestServer engine = engine(simulator)) {
            awaitTrue(() -> TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'queued'") == 150);
            awaitSubmitRunsFromNow(2);
            assertThat(TestDatabase.count("SELECT count(*) FROM submissions")).as("submissions while the budget is closed").isZero();
            assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE submission_id IS NOT NULL")).isZero();
            assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.calls")).as("calls to LHDN").isZero();

            TestDatabase.get().jdbi().useHandle(handle -> handle.execute("UPDATE lhdn_budgets SET throttled_until = now()"));
            awaitTrue(() -> TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'valid'") == 150);
        }

        assertThat(batchSizes()).containsExactly(100L, 50L);
        assertThat(TestDatabase.count("SELECT count(DISTINCT xmin::text) FROM einvoice_status_changes WHERE to_status = 'valid'"))
                .as("transactions that recorded the 150 Valid, at most one a poll")
                .isLessThanOrEqualTo(TestDatabase.count("SELECT sum(calls) FROM myinvois_sim.calls WHERE api = 'getSubmission'"));
    }

    @Test
    void batches_of_different_issuers_are_in_flight_at_once_while_lhdn_takes_its_time_to_answer() throws Exception {
        Api setUp = TestServer.shared().api();
        for (int issuer = 0; issuer < 8; issuer++) {
            EngineApiTest.requested(setUp, EngineApiTest.organization(setUp, String.format("C25845632%02d0", issuer)), 1);
        }

        try (Simulator simulator = simulator(); TestServer engine = engine(simulator)) {
            faults(simulator, "{\"hangRate\":1,\"hangMillis\":1500}");
            awaitTrue(() -> TestDatabase.count("SELECT count(*) FROM myinvois_sim.submissions") == 8);
        }

        // One at a time, every submission would arrive at least 1.5 s after the previous one.
        List<Long> gaps = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT (extract(epoch FROM received_at "
                + "- lag(received_at) OVER (ORDER BY received_at)) * 1000)::bigint FROM myinvois_sim.submissions ORDER BY received_at "
                + "OFFSET 1").mapTo(Long.class).list());
        assertThat(gaps).as("milliseconds between arrivals").hasSize(7).anyMatch(gap -> gap < 750);
    }

    /** {@code copies} more drafts of the e-invoice's document and issuer, one a second older than the next, all older than it. */
    private static void backlog(String einvoiceId, int copies) {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("INSERT INTO einvoices (id, organization_id, number, type, "
                + "consolidated, status, month, buyer, currency, excluding_tax, tax, including_tax, payable, lines, document, "
                + "document_sha256, issued_at, created_at, updated_at) SELECT id || '-' || n, organization_id, number || 'B' || n, type, "
                + "consolidated, 'draft', month, buyer, currency, excluding_tax, tax, including_tax, payable, lines, document, "
                + "document_sha256, issued_at, now() - interval '1 hour' + n * interval '1 second', updated_at FROM einvoices, "
                + "generate_series(1, ?) AS n WHERE id = ?", copies, einvoiceId));
    }

    private static List<Long> batchSizes() {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM einvoices "
                + "GROUP BY submission_id ORDER BY count(*) DESC").mapTo(Long.class).list());
    }

    private static Simulator simulator() {
        Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO).withDevelopmentSecret(SECRET),
                TestDatabase.get().pool(), Clock.systemUTC());
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls"));
        return simulator;
    }

    private static TestServer engine(Simulator simulator) {
        return TestServer.withEngine(MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(30),
                TestDatabase.get().jdbi(), TestServer.SECRET_BOX, Clock.systemUTC()),
                tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin), simulator.baseUrl(), Clock.systemUTC());
    }

    private static void faults(Simulator simulator, String body) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    /** Until {@code runs} runs of the submit job have begun and ended after this call (db-scheduler's record of its last success). */
    private static void awaitSubmitRunsFromNow(int runs) {
        Optional<OffsetDateTime> last = lastSubmitRun();
        for (int run = 0; run <= runs; run++) {
            Optional<OffsetDateTime> before = last;
            awaitTrue(() -> lastSubmitRun().filter(ended -> before.map(ended::isAfter).orElse(true)).isPresent());
            last = lastSubmitRun();
        }
    }

    private static Optional<OffsetDateTime> lastSubmitRun() {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT last_success FROM scheduled_tasks WHERE task_name = :name AND last_success IS NOT NULL")
                .bind("name", SubmitJob.NAME).mapTo(OffsetDateTime.class).findOne());
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %s", DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
