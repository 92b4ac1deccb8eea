package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Embedded in the server, the simulator shares the product's pool: it must leave its connections as they were. */
class SharedDatabaseTest {

    @Test
    void starting_on_the_products_pool_leaves_every_connection_on_the_products_schema() throws SQLException {
        var pool = TestDatabase.get().pool();
        try (Simulator simulator = Simulator.start(SimulatorSettings.defaults(), pool, Clock.systemUTC())) {
            assertThat(simulator.baseUrl()).startsWith("http://127.0.0.1:");
        }
        var connections = new ArrayList<Connection>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                connections.add(pool.getConnection());
            }
            for (Connection connection : connections) {
                assertThat(searchPath(connection)).doesNotContain(SimulatorSchema.SCHEMA);
            }
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM myinvois_sim.simulator_schema_history WHERE success")).isPositive();
    }

    private static String searchPath(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var result = statement.executeQuery("SHOW search_path")) {
            result.next();
            return result.getString(1);
        }
    }
}
