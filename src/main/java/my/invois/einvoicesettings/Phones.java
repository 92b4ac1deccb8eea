package my.invois.einvoicesettings;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The supplier's telephone as LHDN wants it: E.164, 8 to 20 characters, an optional leading +
 * and no spaces (SDK FAQ party-field rules, einvoice-anchors §1.7). Malaysian local forms are
 * rewritten with the country code (myinvois-and-shopify §5.6: 012-345 6789 → +60123456789).
 */
public final class Phones {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()\\-]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,18}");
    /** After +60: 8 digits (some Sabah and Sarawak lines) to 10 (011 mobiles). */
    private static final Pattern MALAYSIAN = Pattern.compile("\\+60[1-9][0-9]{7,9}");

    private Phones() {
    }

    public static String normalise(String phone) {
        String compact = SEPARATORS.matcher(phone).replaceAll("");
        if (compact.startsWith("00")) {
            return "+" + compact.substring(2);
        }
        if (compact.startsWith("0")) {
            return "+60" + compact.substring(1);
        }
        if (compact.startsWith("60")) {
            return "+" + compact;
        }
        return compact;
    }

    /** Checks a normalised number. */
    public static Optional<String> check(String phone) {
        if (!E164.matcher(phone).matches()) {
            return Optional.of("Phone must be a telephone number with its country code (+60…) or a Malaysian number"
                    + " starting with 0, 8 to 20 characters");
        }
        if (phone.startsWith("+60") && !MALAYSIAN.matcher(phone).matches()) {
            return Optional.of("Phone must be a Malaysian number of 8 to 10 digits after +60 (or after the leading 0)");
        }
        return Optional.empty();
    }
}
