package my.invois.simulator;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The simulator's migrations: their own location, schema and history table, beside the product's. */
final class SimulatorSchema {

    static final String SCHEMA = "myinvois_sim";

    private SimulatorSchema() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/simulator")
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .table("simulator_schema_history")
                .load()
                .migrate();
    }
}
