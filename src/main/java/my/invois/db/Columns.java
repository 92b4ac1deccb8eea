package my.invois.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reading the column types the schema uses. The repositories map rows by hand with these: a
 * reflective mapper resolved its constructor and column mappers again for every statement.
 */
public final class Columns {

    private Columns() {
    }

    /** A NOT NULL timestamptz column. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    public static Optional<LocalDate> optionalDate(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, LocalDate.class));
    }
}
