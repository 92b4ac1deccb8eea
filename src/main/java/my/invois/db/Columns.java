package my.invois.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reading the column types the schema uses. The repositories map rows by hand with these: a
 * reflective mapper resolved its constructor and column mappers again for every statement.
 */
public final class Columns {

    private Columns() {
    }

    /** "a, b" qualified by a table alias: "u.a, u.b". */
    public static String qualified(String alias, String columns) {
        return Arrays.stream(columns.split(", ")).map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /** A NOT NULL timestamptz column. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    public static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    public static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    public static Optional<LocalDate> optionalDate(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, LocalDate.class));
    }
}
