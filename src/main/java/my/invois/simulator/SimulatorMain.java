package my.invois.simulator;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar invois.jar simulator [--port N] [--data-dir D] [--development-secret S]
 * [--validation-delay-ms M]}: the simulator alone, on an embedded PostgreSQL in D/postgres.
 */
public final class SimulatorMain {

    static final String DEFAULT_DATA_DIR = "./data/simulator";
    static final String DEFAULT_SECRET = "simulator-secret";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SimulatorArguments arguments;
        try {
            arguments = SimulatorArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("The MyInvois simulator cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path directory = arguments.dataDir().resolve("postgres");
        Files.createDirectories(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
        var config = new HikariConfig();
        config.setPoolName("myinvois-simulator");
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        var pool = new HikariDataSource(config);
        Simulator simulator = Simulator.start(arguments.settings(), pool, Clock.systemUTC());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            pool.close();
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("Could not stop the simulator's PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }, "myinvois-simulator-shutdown"));
        System.out.println("MyInvois simulator: " + simulator.baseUrl() + " (development secret "
                + (arguments.settings().developmentSecret().isPresent() ? "set" : "off") + ")");
        stopped.await();
    }

    static Optional<String> value(String[] args, int index, String name) {
        if (args[index].startsWith(name + "=")) {
            return Optional.of(args[index].substring(name.length() + 1));
        }
        if (args[index].equals(name)) {
            if (index + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return Optional.of(args[index + 1]);
        }
        return Optional.empty();
    }
}
