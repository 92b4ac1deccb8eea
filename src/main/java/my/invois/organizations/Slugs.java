package my.invois.organizations;

import java.text.Normalizer;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** SPEC B2 slugs: the rule, and the slug generated from a name when a create omits it (SPEC C1). */
final class Slugs {

    static final int MAX_LENGTH = 63;
    /** Attempt 1 is the base, 2 to 5 add "-2" … "-5", later ones a random suffix. */
    static final int MAX_ATTEMPTS = 8;
    static final String FALLBACK = "org";

    private static final int NUMBERED_ATTEMPTS = 5;
    private static final int RANDOM_SUFFIX_LENGTH = 6;
    private static final String RANDOM_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** A generated base leaves room for "-" and the longest suffix, so no candidate exceeds 63. */
    private static final int MAX_BASE_LENGTH = MAX_LENGTH - 1 - RANDOM_SUFFIX_LENGTH;

    private static final Pattern VALID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NOT_ASCII = Pattern.compile("[^\\p{ASCII}]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

    private Slugs() {
    }

    /** 1..63 of a-z, 0-9 and '-', not starting or ending with '-'. */
    static boolean isValid(String slug) {
        return VALID.matcher(slug).matches();
    }

    /** Lower-case ASCII with accents stripped; any other run of characters becomes one '-'. */
    static String fromName(String name) {
        String ascii = NOT_ASCII.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String slug = trimDashes(SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-"));
        if (slug.length() > MAX_BASE_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_BASE_LENGTH));
        }
        return slug.isEmpty() ? FALLBACK : slug;
    }

    /** The slug to try on the given attempt (1-based) when the earlier ones were taken. */
    static String candidate(String base, int attempt) {
        if (attempt == 1) {
            return base;
        }
        if (attempt <= NUMBERED_ATTEMPTS) {
            return base + "-" + attempt;
        }
        return base + "-" + randomSuffix();
    }

    private static String randomSuffix() {
        var random = ThreadLocalRandom.current();
        var suffix = new StringBuilder(RANDOM_SUFFIX_LENGTH);
        for (int i = 0; i < RANDOM_SUFFIX_LENGTH; i++) {
            suffix.append(RANDOM_ALPHABET.charAt(random.nextInt(RANDOM_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static String trimDashes(String slug) {
        return EDGE_DASHES.matcher(slug).replaceAll("");
    }
}
