package my.invois.db;

import com.github.f4b6a3.ulid.UlidFactory;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Opaque ids with a type prefix (SPEC A4): {@code user-} and a ULID, so that ids sort by
 * creation time, which keeps the (created_at, id) order and its index pages compact.
 */
public final class Ids {

    private static final Pattern WELL_FORMED = Pattern.compile("[a-z]+-[0-9a-z]{1,64}");
    private final UlidFactory ulids = UlidFactory.newMonotonicInstance();

    public String next(String prefix) {
        return prefix + "-" + ulids.create().toString().toLowerCase(Locale.ROOT);
    }

    /** Anything else cannot name a stored row: answer 404 without asking the database. */
    public static boolean isWellFormed(String prefix, String id) {
        return id.length() <= 80 && id.startsWith(prefix + "-") && WELL_FORMED.matcher(id).matches();
    }
}
