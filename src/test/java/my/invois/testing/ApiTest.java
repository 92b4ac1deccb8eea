package my.invois.testing;

import org.junit.jupiter.api.BeforeEach;

/** Base of the black-box HTTP tests: the shared server, tables cleared before each test. */
public abstract class ApiTest {

    protected final Api api = TestServer.shared().api();

    @BeforeEach
    void clearTables() {
        TestDatabase.clear();
    }
}
