package my.invois.simulator;

import my.invois.testing.TestDatabase;

/** Counts in the simulator's tables, to prove that a refused call stored nothing. */
final class TestDatabaseRows {

    private TestDatabaseRows() {
    }

    static long documents() {
        return TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents");
    }
}
