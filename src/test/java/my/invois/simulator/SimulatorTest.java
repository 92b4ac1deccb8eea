package my.invois.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import my.invois.testing.MutableClock;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A simulator on a loopback port over the test PostgreSQL, validating at once, with a clock the
 * test moves; its tables are cleared before each test. Clients: an intermediary whose TIN is
 * the samples' certificate's, acting for the samples' supplier and buyer, and a development secret.
 */
abstract class SimulatorTest {

    static final String INTERMEDIARY = "intermediary-client";
    static final String SECRET = "intermediary-secret";
    static final String DEVELOPMENT_SECRET = "development-secret";
    static final String BUYER_TIN = "Buyer's TIN";

    static MutableClock clock;
    static Simulator simulator;
    static SimulatorClient client;

    @BeforeAll
    static void startSimulator() {
        clock = new MutableClock(Instant.parse("2026-11-02T03:00:30Z"));
        var settings = SimulatorSettings.defaults().withValidationDelay(Duration.ZERO).withDevelopmentSecret(DEVELOPMENT_SECRET)
                .withClient(RegisteredClient.intermediary(INTERMEDIARY, SECRET, Samples.CERTIFICATE_TIN,
                        Set.of(Samples.SUPPLIER_TIN, BUYER_TIN)));
        simulator = Simulator.start(settings, TestDatabase.get().pool(), clock);
        client = new SimulatorClient(simulator.baseUrl());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void clearSimulator() {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls, myinvois_sim.taxpayers"));
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("DELETE FROM myinvois_sim.clients WHERE client_id <> ?", INTERMEDIARY));
        client.control("/simulator/faults", "{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false}");
    }

    /** A token of the intermediary acting for the samples' supplier. */
    static String supplierToken() {
        return client.token(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN);
    }
}
