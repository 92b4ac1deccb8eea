package my.invois.db;

import java.util.Optional;

/** Where PostgreSQL is and how to log in. */
public record Connection(String jdbcUrl, Optional<String> user, Optional<String> password) {
}
