package my.invois.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import my.invois.db.Connection;
import my.invois.db.Database;
import my.invois.metrics.Metrics;
import my.invois.myinvois.LhdnAccess;
import my.invois.myinvois.LhdnAccount;
import my.invois.myinvois.MyInvois;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;

/**
 * LHDN for the test servers that run no engine (the shared one among them): their buyer requests
 * ask this simulator's Validate TIN, as the zero-set-up server asks its built-in one. One per test
 * JVM, under a client ID of its own, in a database of its own: its call log runs on the system clock
 * for the whole run, and would otherwise log (and mark logged) the minutes of the simulators that
 * tests start on the test database with clocks of their own. It never validates a document: they
 * submit none.
 */
public final class SharedSimulator {

    public static final String CLIENT_ID = "invois-shared-test-servers";
    private static final String SECRET = "shared-test-servers-secret";
    private static final Duration NEVER = Duration.ofDays(365);

    private static LhdnAccess access;

    private SharedSimulator() {
    }

    public static synchronized LhdnAccess access() {
        if (access == null) {
            Database own = Database.open(new Connection(TestDatabase.createDatabase("invois_shared_simulator"), Optional.of("postgres"),
                    Optional.empty()), 4, Duration.ofSeconds(2), Metrics.off().registry());
            Simulator simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(NEVER).withDevelopmentSecret(SECRET),
                    own.pool(), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                simulator.close();
                own.close();
            }));
            MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), TestDatabase.get().jdbi(),
                    TestServer.SECRET_BOX, Clock.systemUTC());
            access = new LhdnAccess(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin));
        }
        return access;
    }
}
