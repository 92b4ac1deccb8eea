package my.invois.einvoicesettings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supplier's TIN as LHDN wants it (SDK FAQ "TIN", summarised in einvoice-anchors §1.7 and
 * EINVOICE.md E2): an individual's TIN takes the prefix IG, which replaced the older OG and SG;
 * a non-individual's TIN (prefixes C, CS, D, E, F, FA, PT, TA, TC, TN, TR, TP, J, LE) is written
 * without leading zeros after the prefix and "always ends with zero", so a 0 is appended when it
 * is missing. At most 14 characters (Invoice v1.1, supplier TIN). The general TINs EI000000000x0
 * of §1.10 name buyers (the public, foreigners, government), never the supplier.
 */
public final class Tins {

    static final int MAX_LENGTH = 14;
    /** Longest first, so CS is not read as C followed by S. */
    private static final List<String> NON_INDIVIDUAL_PREFIXES =
            List.of("CS", "FA", "PT", "TA", "TC", "TN", "TR", "TP", "LE", "C", "D", "E", "F", "J");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern INDIVIDUAL = Pattern.compile("(?:IG|OG|SG)([0-9]+)");
    private static final Pattern LETTERS_THEN_DIGITS = Pattern.compile("([A-Z]{1,2})([0-9]+)");

    private Tins() {
    }

    /** Upper-cased, separators removed, then LHDN's rewriting; text that is no TIN is returned as it is. */
    public static String normalise(String tin) {
        String compact = SEPARATORS.matcher(tin).replaceAll("").toUpperCase(Locale.ROOT);
        Matcher individual = INDIVIDUAL.matcher(compact);
        if (individual.matches()) {
            return "IG" + individual.group(1);
        }
        Matcher parts = LETTERS_THEN_DIGITS.matcher(compact);
        if (parts.matches() && NON_INDIVIDUAL_PREFIXES.contains(parts.group(1))) {
            String digits = parts.group(2).replaceFirst("^0+", "");
            if (digits.isEmpty()) {
                return compact;
            }
            return parts.group(1) + (digits.endsWith("0") ? digits : digits + "0");
        }
        return compact;
    }

    /** Checks a normalised TIN. */
    public static Optional<String> check(String tin) {
        if (tin.startsWith("EI")) {
            return Optional.of("TIN cannot be a general TIN (EI…): those stand for buyers without one, not for the supplier");
        }
        if (tin.length() > MAX_LENGTH) {
            return Optional.of("TIN must be at most " + MAX_LENGTH + " characters");
        }
        Matcher parts = LETTERS_THEN_DIGITS.matcher(tin);
        boolean known = parts.matches() && (parts.group(1).equals("IG") ? !parts.group(2).matches("0+")
                : NON_INDIVIDUAL_PREFIXES.contains(parts.group(1)) && !parts.group(2).startsWith("0"));
        return known ? Optional.empty() : Optional.of("TIN must be IG followed by digits (individuals), or one of the"
                + " prefixes C, CS, D, E, F, FA, PT, TA, TC, TN, TR, TP, J, LE followed by digits (non-individuals)");
    }
}
