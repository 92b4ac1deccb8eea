package my.invois.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.postgresql.util.PSQLException;

/** Reads what PostgreSQL meant by an exception, wherever Jdbi or the pool wrapped it. */
public final class SqlErrors {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private SqlErrors() {
    }

    /** The database cannot be reached or is shutting down: the client should retry (503). */
    public static boolean isUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014") || state.startsWith("53")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * PostgreSQL aborted the transaction to break a deadlock or a serialization conflict: the
     * same request sent again can succeed (503). The lock order (MembershipService) should make
     * this never happen.
     */
    public static boolean isTransactionConflict(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (DEADLOCK.equals(sql.getSQLState()) || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What went wrong, fit for a log: the SQLSTATE or the exception's class, never the message,
     * which may quote the statement's arguments (search terms, emails).
     */
    public static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQLSTATE " + sql.getSQLState();
            }
        }
        return error.getClass().getSimpleName();
    }

    /** The constraint a unique violation hit, if that is what this is. */
    public static Optional<String> uniqueViolation(Throwable error) {
        return violation(error, UNIQUE_VIOLATION);
    }

    /** The constraint a foreign-key violation hit, if that is what this is. */
    public static Optional<String> foreignKeyViolation(Throwable error) {
        return violation(error, FOREIGN_KEY_VIOLATION);
    }

    private static Optional<String> violation(Throwable error, String state) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && state.equals(psql.getSQLState())) {
                return Optional.ofNullable(psql.getServerErrorMessage()).map(message -> message.getConstraint());
            }
        }
        return Optional.empty();
    }
}
