package my.invois.einvoices.document;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the caller allocates for one document: its internal number (E4: ≤ 50, letters and digits
 * only, never reused), the moment it is issued (written in UTC) and the document version.
 */
public record Issue(String number, Instant issuedAt, String version) {

    public static final Set<String> VERSIONS = Set.of("1.0", "1.1");
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9]{1,50}");

    public Issue {
        if (number == null || !NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("an internal number is 1 to 50 letters and digits: " + number);
        }
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("document version must be 1.0 or 1.1: " + version);
        }
    }
}
