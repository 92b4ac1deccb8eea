package my.invois.testing;

import java.time.Clock;
import java.time.Duration;
import my.invois.myinvois.LhdnAccess;
import my.invois.myinvois.LhdnAccount;
import my.invois.myinvois.MyInvois;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * LHDN for the test servers that run no engine (the shared one among them): their buyer requests
 * ask this simulator's Validate TIN, as the zero-set-up server asks its built-in one. One per test
 * JVM, running until the JVM ends, so its state is in a database of its own on the test
 * PostgreSQL: the simulators of other tests share schema myinvois_sim of the test database, and
 * count, log and validate what they find there.
 */
public final class SharedSimulator {

    private static final String CLIENT_ID = "invois-shared-test-servers";
    private static final String SECRET = "shared-test-servers-secret";
    private static final String DATABASE = "shared_simulator";

    private static LhdnAccess access;

    private SharedSimulator() {
    }

    public static synchronized LhdnAccess access() {
        if (access == null) {
            var dataSource = new PGSimpleDataSource();
            dataSource.setURL(TestDatabase.createDatabase(DATABASE));
            Simulator simulator = Simulator.start(SimulatorSettings.defaults().withDevelopmentSecret(SECRET), dataSource, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
            MyInvois lhdn = MyInvois.create(simulator.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(5), TestDatabase.get().jdbi(),
                    TestServer.SECRET_BOX, Clock.systemUTC());
            access = new LhdnAccess(lhdn, tin -> LhdnAccount.intermediary(CLIENT_ID, SECRET, tin));
        }
        return access;
    }
}
