package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.Api;
import my.invois.testing.Figures;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * E6 with two instances: two servers, each with its engine and scheduler, on one PostgreSQL and
 * one simulator, acting for 20 merchants through one intermediary client ID. Every figure is read
 * from the simulator's own tables, not from the engine's.
 */
class TwoInstancesEngineTest {

    private static final String CLIENT_ID = "invois-two-instances";
    private static final String SECRET = "two-instances-secret";
    private static final int MERCHANTS = 20;
    private static final int BACKLOG = 1_000;
    private static final int DOCUMENTS = 2_000;
    private static final Duration ALL_VALID = Duration.ofMinutes(6);
    private static final Duration STORM = Duration.ofSeconds(30);
    private static final Pattern THROTTLED = Pattern.compile("invois_lhdn_calls_total\\{api=\"[^\"]+\",outcome=\"throttled\"} ([0-9.]+)");

    @Test
    void two_instances_share_every_budget_and_token_serve_every_merchant_fairly_and_ride_out_a_429_storm() throws Exception {
        TestDatabase.clear();
        long started = System.nanoTime();
        List<String> merchants = queued(TestServer.shared().api());
        long setUp = System.nanoTime() - started;

        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO)
                .withDevelopmentSecret(SECRET), TestDatabase.get().pool(), Clock.systemUTC())) {
            TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                    "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls"));
            try (TestServer first = instance(simulator); TestServer second = instance(simulator)) {
                awaitTrue(() -> valid() >= 200, ALL_VALID);
                faults(simulator, "{\"tooManyRequests\":true}");
                try {
                    awaitTrue(() -> throttled(first) + throttled(second) >= 10, STORM);
                } finally {
                    faults(simulator, "{\"tooManyRequests\":false}");
                }
                awaitTrue(() -> valid() == DOCUMENTS, ALL_VALID);
                Figures.record("TwoInstancesEngineTest", "429 answers rescheduled", (long) (throttled(first) + throttled(second)));
            }
        }
        long duration = System.nanoTime() - started;

        assertFairness(merchants);
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.calls WHERE client_id = '" + CLIENT_ID + "' AND calls > "
                + "CASE api WHEN 'login' THEN 12 WHEN 'submit' THEN 100 WHEN 'getSubmission' THEN 300 WHEN 'details' THEN 125 "
                + "WHEN 'cancel' THEN 12 WHEN 'search' THEN 12 WHEN 'validateTin' THEN 60 ELSE 60 END"))
                .as("(client, API, minute) over LHDN's budget").isZero();
        assertThat(TestDatabase.count("SELECT coalesce(sum(refused), 0) FROM myinvois_sim.calls")).as("calls refused for the budget")
                .isZero();
        assertThat(TestDatabase.count("SELECT coalesce(max(c), 0) FROM (SELECT count(*) AS c FROM myinvois_sim.tokens "
                + "GROUP BY taxpayer_tin) AS logins")).as("logins of one merchant").isLessThanOrEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(DISTINCT taxpayer_tin) FROM myinvois_sim.tokens")).isEqualTo(MERCHANTS);
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Valid'")).isEqualTo(DOCUMENTS);
        assertThat(TestDatabase.count("SELECT count(*) FROM (SELECT 1 FROM myinvois_sim.documents WHERE status = 'Valid' "
                + "GROUP BY issuer_tin, code_number HAVING count(*) > 1) AS twice")).as("documents Valid twice").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM (SELECT 1 FROM myinvois_sim.documents GROUP BY issuer_tin, code_number "
                + "HAVING count(DISTINCT sha256) > 1) AS changed")).as("documents sent with two different bytes").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices e JOIN myinvois_sim.documents d ON d.uuid = e.uuid "
                + "WHERE d.sha256 = e.document_sha256 AND e.status = 'valid'")).as("valid with our exact bytes").isEqualTo(DOCUMENTS);
        figures(Duration.ofNanos(setUp), Duration.ofNanos(duration), merchants.get(0));
    }

    /** The first merchant's 1,000 documents first, then 1,000 more for the 19 others: all queued before any engine starts. */
    private static List<String> queued(Api api) throws Exception {
        var merchants = new ArrayList<String>();
        for (int i = 0; i < MERCHANTS; i++) {
            merchants.add(EngineApiTest.organization(api, String.format("C25845632%02d0", i)));
        }
        createAll(api, merchants.get(0), 1, BACKLOG);
        var others = new ArrayList<Callable<Void>>();
        int left = DOCUMENTS - BACKLOG;
        for (int i = 1; i < MERCHANTS; i++) {
            int count = left / (MERCHANTS - i);
            left -= count;
            String merchant = merchants.get(i);
            for (int n = 1; n <= count; n++) {
                long order = n;
                others.add(() -> {
                    EngineApiTest.requested(api, merchant, order);
                    return null;
                });
            }
        }
        run(others);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'draft' AND document IS NOT NULL"))
                .isEqualTo(DOCUMENTS);
        return merchants;
    }

    private static void createAll(Api api, String merchant, int from, int to) throws Exception {
        var calls = new ArrayList<Callable<Void>>();
        for (int n = from; n <= to; n++) {
            long order = n;
            calls.add(() -> {
                EngineApiTest.requested(api, merchant, order);
                return null;
            });
        }
        run(calls);
    }

    private static void run(List<Callable<Void>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            var futures = new ArrayList<Future<Void>>();
            calls.forEach(call -> futures.add(pool.submit(call)));
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static TestServer instance(Simulator simulator) {
        MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), TestDatabase.get().jdbi(),
                TestServer.SECRET_BOX, Clock.systemUTC());
        return TestServer.withEngine(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin), simulator.baseUrl(),
                Clock.systemUTC());
    }

    /** No small merchant's first submission waits behind more than two of the backlog's ten batches. */
    private static void assertFairness(List<String> merchants) {
        for (String merchant : merchants.subList(1, merchants.size())) {
            assertThat(TestDatabase.count("SELECT count(*) FROM submissions WHERE organization_id = '" + merchants.get(0)
                    + "' AND sequence < (SELECT min(sequence) FROM submissions WHERE organization_id = '" + merchant + "')"))
                    .as("backlog batches before merchant %s's first", merchant).isLessThanOrEqualTo(2);
        }
    }

    private static long valid() {
        return TestDatabase.count("SELECT count(*) FROM einvoices WHERE status = 'valid'");
    }

    private static double throttled(TestServer server) {
        Matcher matcher = THROTTLED.matcher(server.api().get("/metrics").body());
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    /** The figures RELIABILITY.md quotes, from the simulator's own tables. */
    private static void figures(Duration setUp, Duration total, String backlog) {
        String source = "TwoInstancesEngineTest";
        Figures.record(source, "documents Valid", TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Valid'"));
        Figures.record(source, "set-up seconds", setUp.toSeconds());
        Figures.record(source, "total seconds", total.toSeconds());
        Figures.record(source, "minutes with calls", TestDatabase.count("SELECT count(DISTINCT minute) FROM myinvois_sim.calls"));
        for (String api : List.of("login", "submit", "getSubmission", "details", "search")) {
            Figures.record(source, "max " + api + " calls in a minute", TestDatabase.count(
                    "SELECT coalesce(max(calls), 0) FROM myinvois_sim.calls WHERE api = '" + api + "'"));
        }
        Figures.record(source, "logins", TestDatabase.count("SELECT count(*) FROM myinvois_sim.tokens"));
        Figures.record(source, "submissions", TestDatabase.count("SELECT count(*) FROM submissions"));
        Figures.record(source, "most backlog batches before a small merchant's first", TestDatabase.count("SELECT max(ahead) FROM "
                + "(SELECT (SELECT count(*) FROM submissions b WHERE b.organization_id = '" + backlog + "' AND b.sequence < min(s.sequence)) "
                + "AS ahead FROM submissions s WHERE s.organization_id <> '" + backlog + "' GROUP BY s.organization_id) AS firsts"));
    }

    private static void awaitTrue(BooleanSupplier condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within %s", patience).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static void faults(Simulator simulator, String body) {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/faults"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
