package my.invois.users;

import java.net.IDN;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import my.invois.http.Text;
import org.apache.commons.validator.routines.EmailValidator;

/** SPEC A5 user validation, one pure rule per field: empty when valid, else the message. */
final class UserRules {

    static final String DEFAULT_ROLE = "customer";
    static final List<String> ROLES = List.of("super-admin", "admin", "customer");
    static final int MAX_EMAIL_LENGTH = 254;
    /** Not in SPEC: bounds what is stored; far above any real formatted number. */
    static final int MAX_PHONE_LENGTH = 50;
    static final LocalDate EARLIEST_DOB = LocalDate.of(1900, 1, 1);

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{7,15}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[ .()\\-]");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);

    private UserRules() {
    }

    static Optional<String> name(String name) {
        int length = Text.length(name);
        if (length < 2 || length > 255) {
            return Optional.of("Name must be between 2 and 255 characters");
        }
        return readable(name, "Name");
    }

    static Optional<String> personalName(String value, String label) {
        if (Text.length(value) > 100) {
            return Optional.of(label + " must be at most 100 characters");
        }
        return value.isEmpty() ? Optional.empty() : readable(value, label);
    }

    /**
     * A name must show something, and show it as stored: one made only of zero-width or other
     * invisible characters reads as blank, and a bidi override or isolate reorders what follows
     * it (in lists and logs too).
     */
    private static Optional<String> readable(String value, String label) {
        if (value.codePoints().anyMatch(UserRules::isBidiControl)) {
            return Optional.of(label + " must not contain text-direction control characters");
        }
        if (value.codePoints().allMatch(UserRules::isInvisible)) {
            return Optional.of(label + " must contain visible characters");
        }
        return Optional.empty();
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.FORMAT
                || type == Character.CONTROL || type == Character.NON_SPACING_MARK || c == 0x3164 || c == 0x115F || c == 0x1160;
    }

    /**
     * Validated as it will be stored (normaliseEmail). An '@' that only normalising makes, from a
     * fullwidth '＠' or a small '﹫', separates nothing in what the client sent: such an address
     * is invalid, not a second spelling of another one.
     */
    static Optional<String> email(String email) {
        String normal = normaliseEmail(email);
        if (Text.length(normal) > MAX_EMAIL_LENGTH) {
            return Optional.of("Email must be at most " + MAX_EMAIL_LENGTH + " characters");
        }
        boolean valid = atSigns(email) == atSigns(normal) && EMAILS.isValid(normal)
                && normal.codePoints().noneMatch(c -> Character.getType(c) == Character.FORMAT);
        return valid ? Optional.empty() : Optional.of("Email must be a valid email address");
    }

    private static long atSigns(String text) {
        return text.chars().filter(c -> c == '@').count();
    }

    /**
     * SPEC A5: stored lower-cased, so uniqueness is case-insensitive. Also NFKC (a fullwidth
     * 'ｌ' is an 'l') and, for the domain, IDNA's mapping (exa\u00ADmple.com and ｅxample.com
     * are example.com), so that one mailbox cannot be registered twice in disguise. Look-alikes
     * from other scripts (a Cyrillic 'а') are different addresses and stay so. Case is folded
     * by one rule, Unicode's full case mapping: lower case of the upper case of the lower case, so 'ΟΔΟΣ', 'οδοσ'
     * and 'οδος' are one (stored with a final 'ς'), as are 'ß', 'ẞ' and 'ss'. Invisible format
     * characters (a zero-width space) make an address invalid (email), not a second one.
     */
    static String normaliseEmail(String email) {
        String normal = Normalizer.normalize(email, Normalizer.Form.NFKC);
        int at = normal.lastIndexOf('@');
        if (at > 0) {
            normal = normal.substring(0, at + 1) + canonicalDomain(normal.substring(at + 1));
        }
        // Lower case first: the capital 'ẞ' upper-cases to itself, and only its lower case 'ß' to "SS".
        String folded = normal.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** The domain as IDNA sees it, in Unicode form; unchanged when IDNA refuses it (validation then decides). */
    private static String canonicalDomain(String domain) {
        try {
            return IDN.toUnicode(IDN.toASCII(domain));
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    /** Spaces, '-', '.', '(' and ')' are separators; then an optional '+' and 7..15 digits. */
    static Optional<String> phone(String phone) {
        boolean valid = phone.length() <= MAX_PHONE_LENGTH
                && PHONE.matcher(PHONE_SEPARATORS.matcher(phone).replaceAll("")).matches();
        return valid ? Optional.empty() : Optional.of("Phone must be a valid phone number: an optional + and 7 to 15 digits");
    }

    static Optional<String> dob(String text, LocalDate today) {
        LocalDate date;
        try {
            if (!DATE.matcher(text).matches()) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return Optional.of("Date of birth must be a real date in YYYY-MM-DD format");
        }
        if (date.isAfter(today)) {
            return Optional.of("Date of birth cannot be in the future");
        }
        if (date.isBefore(EARLIEST_DOB)) {
            return Optional.of("Date of birth cannot be before 1900-01-01");
        }
        return Optional.empty();
    }

    static Optional<String> role(String role) {
        return ROLES.contains(role) ? Optional.empty() : Optional.of("Role must be one of: " + String.join(", ", ROLES));
    }
}
