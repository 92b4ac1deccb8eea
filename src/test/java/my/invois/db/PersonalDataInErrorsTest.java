package my.invois.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a 500 or 503 logs of a failed statement: the SQL and SQLSTATE, never the person it was about. */
class PersonalDataInErrorsTest {

    private static final String EMAIL = "siti.personal@example.com";
    private static final String NAME = "Siti Nurhaliza Personal";
    private static final String PHONE = "+60 12-345 6789";

    @BeforeEach
    void clear() {
        TestDatabase.clear();
    }

    private static Throwable failedInsert() {
        return catchThrowable(() -> TestDatabase.get().jdbi().useHandle(handle -> {
            for (String id : new String[] {"user-01jdq6z7m9x8k2v3w4y5z6a7b1", "user-01jdq6z7m9x8k2v3w4y5z6a7b2"}) {
                handle.createUpdate("INSERT INTO users (id, name, email, phone, dob, role, created_at, updated_at) "
                                + "VALUES (:id, :name, :email, :phone, DATE '1990-05-15', 'customer', now(), now())")
                        .bind("id", id).bind("name", NAME).bind("email", EMAIL).bind("phone", PHONE)
                        .execute();
            }
        }));
    }

    /** As Logback prints a throwable: every message and cause, with the stack. */
    private static String asLogged(Throwable error) {
        var text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void a_failed_statement_logs_its_sql_and_state_but_no_argument() {
        Throwable error = failedInsert();

        assertThat(SqlErrors.uniqueViolation(error)).as("still recognised").isPresent();
        assertThat(asLogged(error)).contains("INSERT INTO users", "users_email_key")
                .doesNotContain(EMAIL, NAME, PHONE, "siti.personal");
    }
}
