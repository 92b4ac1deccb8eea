package my.invois.einvoicesettings;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import my.invois.http.Text;
import my.invois.lhdn.CodeTable;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * E2 validation with LHDN's rules (lengths and party rules: einvoice-anchors §1.7; codes:
 * lhdn/codes): one pure rule per field, empty when valid, else the message. The rules across
 * fields are in EinvoiceSettingsCheck.
 */
public final class EinvoiceSettingsRules {

    static final List<String> REGISTRATION_TYPES = List.of("BRN", "NRIC", "PASSPORT", "ARMY");
    static final List<String> TAX_TYPES = List.of("01", "02", "06");
    public static final String NOT_APPLICABLE = "NA";
    /** Tax type 06: not applicable, the type of a merchant without SST registration. */
    static final String NO_TAX = "06";
    static final int MAX_ACTIVITY_LENGTH = 300;
    static final int MAX_ADDRESS_LINE_LENGTH = 150;
    static final int MAX_CITY_LENGTH = 50;
    static final int MAX_FOREIGN_POSTCODE_LENGTH = 50;
    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_RATES = 20;
    /** Not LHDN's: bounds what is stored. LHDN client ids and secrets are GUID-like. */
    static final int MAX_CLIENT_ID_LENGTH = 100;
    static final int MAX_SECRET_LENGTH = 1_000;
    /** A PKCS#12 with a key and a short chain is a few KB; smaller cannot hold a key and a certificate. */
    static final int MIN_KEYSTORE_BYTES = 256;
    static final int MAX_KEYSTORE_BYTES = 64 * 1024;

    /** Invoice v1.1: registration / identification / passport number, at most 20 characters. */
    private static final Pattern REGISTRATION_NUMBER = Pattern.compile("[A-Z0-9]{1,20}");
    private static final Pattern TWELVE_DIGITS = Pattern.compile("[0-9]{12}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    /**
     * An SST registration number is a letter, 2 digits, 4 digits and 8 digits (W10-1808-32000123):
     * 17 characters, so LHDN's limit of 35 holds exactly two joined by ';'.
     */
    private static final Pattern SST_NUMBER = Pattern.compile("[A-Z][0-9]{2}-[0-9]{4}-[0-9]{8}");
    /** LHDN: at most 17 characters, '-' the only special character. */
    private static final Pattern TOURISM_TAX_NUMBER = Pattern.compile("(?=.{1,17}$)[A-Z0-9]+(-[A-Z0-9]+)*");
    private static final Pattern MALAYSIAN_POSTCODE = Pattern.compile("[0-9]{5}");
    private static final Pattern RATE = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]+");
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);

    private EinvoiceSettingsRules() {
    }

    public static Optional<String> registrationType(String type) {
        return REGISTRATION_TYPES.contains(type) ? Optional.empty()
                : Optional.of("Registration type must be one of: " + String.join(", ", REGISTRATION_TYPES));
    }

    public static String normaliseRegistrationNumber(String number) {
        return SEPARATORS.matcher(number).replaceAll("").toUpperCase(Locale.ROOT);
    }

    public static Optional<String> registrationNumber(String number) {
        return REGISTRATION_NUMBER.matcher(number).matches() ? Optional.empty()
                : Optional.of("Registration number must be 1 to 20 letters and digits");
    }

    /** BRN: SSM's new 12-digit number (GL Appendix 1, fields 4 and 11); NRIC: the 12 digits of a MyKad. */
    public static Optional<String> registrationNumberOfType(String number, String type) {
        if ((type.equals("BRN") || type.equals("NRIC")) && !TWELVE_DIGITS.matcher(number).matches()) {
            return Optional.of(type.equals("BRN") ? "A BRN must be the new 12-digit registration number"
                    : "An NRIC must be 12 digits");
        }
        return Optional.empty();
    }

    public static String upperCase(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /** NA, or one or two SST registration numbers joined by ';' (at most 35 characters). */
    public static Optional<String> sstNumber(String sst) {
        if (sst.equals(NOT_APPLICABLE)) {
            return Optional.empty();
        }
        String[] numbers = sst.split(";", -1);
        boolean valid = sst.length() <= 35 && numbers.length <= 2
                && Arrays.stream(numbers).allMatch(number -> SST_NUMBER.matcher(number).matches());
        return valid ? Optional.empty() : Optional.of("SST number must be NA, or one or two SST registration numbers"
                + " such as W10-1808-32000123 joined by ';'");
    }

    static Optional<String> tourismTaxNumber(String number) {
        return number.equals(NOT_APPLICABLE) || TOURISM_TAX_NUMBER.matcher(number).matches() ? Optional.empty()
                : Optional.of("Tourism tax number must be NA, or at most 17 letters and digits with '-' between them");
    }

    static Optional<String> code(CodeTable table, String code, String label) {
        return table.contains(code) ? Optional.empty() : Optional.of(label + " must be a code of LHDN's " + tableName(table) + " table");
    }

    static Optional<String> businessActivity(String activity) {
        int length = Text.length(activity);
        return length >= 1 && length <= MAX_ACTIVITY_LENGTH ? Optional.empty()
                : Optional.of("Business activity must be 1 to " + MAX_ACTIVITY_LENGTH + " characters");
    }

    static Optional<String> taxType(String type) {
        return TAX_TYPES.contains(type) ? Optional.empty()
                : Optional.of("Tax type must be 01 (sales tax), 02 (service tax) or 06 (not applicable)");
    }

    /** A rate as a decimal percentage, 0 < rate ≤ 100, at most 2 decimals; its minimal text is the key. */
    static Optional<BigDecimal> rate(String text) {
        if (!RATE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal rate = new BigDecimal(text);
        return rate.signum() > 0 && rate.compareTo(BigDecimal.valueOf(100)) <= 0 ? Optional.of(rate) : Optional.empty();
    }

    public static Optional<String> email(String email) {
        return Text.length(email) <= MAX_EMAIL_LENGTH && EMAILS.isValid(email) ? Optional.empty()
                : Optional.of("Email must be one valid email address of at most " + MAX_EMAIL_LENGTH + " characters");
    }

    static Optional<String> lhdnClient(String client) {
        return LhdnClient.parse(client).isPresent() ? Optional.empty() : Optional.of("LHDN client must be intermediary or own");
    }

    static Optional<String> clientId(String id) {
        return id.length() <= MAX_CLIENT_ID_LENGTH && CLIENT_ID.matcher(id).matches() ? Optional.empty()
                : Optional.of("Client id must be 1 to " + MAX_CLIENT_ID_LENGTH + " printable characters without spaces");
    }

    static Optional<String> secret(String secret, String label) {
        return !secret.isEmpty() && Text.length(secret) <= MAX_SECRET_LENGTH ? Optional.empty()
                : Optional.of(label + " must be 1 to " + MAX_SECRET_LENGTH + " characters");
    }

    /** Only its form: PKCS#12 itself is read by the KeystoreCheck. */
    static Optional<String> signingKeystore(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.of("Signing keystore must be a PKCS#12 file in base64");
        }
        return bytes.length >= MIN_KEYSTORE_BYTES && bytes.length <= MAX_KEYSTORE_BYTES ? Optional.empty()
                : Optional.of("Signing keystore must be a PKCS#12 file in base64 of " + MIN_KEYSTORE_BYTES + " to "
                        + MAX_KEYSTORE_BYTES + " bytes");
    }

    static Optional<String> addressLine(String line) {
        int length = Text.length(line);
        return length >= 1 && length <= MAX_ADDRESS_LINE_LENGTH ? Optional.empty()
                : Optional.of("Each address line must be 1 to " + MAX_ADDRESS_LINE_LENGTH + " characters");
    }

    static Optional<String> city(String city) {
        int length = Text.length(city);
        return length >= 1 && length <= MAX_CITY_LENGTH ? Optional.empty()
                : Optional.of("City must be 1 to " + MAX_CITY_LENGTH + " characters");
    }

    /** Malaysia: 5 digits (SDK field rules, Shopify's MY zip_regex); elsewhere at most 50 characters. */
    static Optional<String> postcode(String postcode, String country) {
        if (country.equals(Address.MALAYSIA)) {
            return MALAYSIAN_POSTCODE.matcher(postcode).matches() ? Optional.empty()
                    : Optional.of("A Malaysian postcode must be 5 digits");
        }
        return Text.length(postcode) <= MAX_FOREIGN_POSTCODE_LENGTH ? Optional.empty()
                : Optional.of("Postcode must be at most " + MAX_FOREIGN_POSTCODE_LENGTH + " characters");
    }

    /** Since 30 Apr 2026 state 17 (not applicable) is only for consolidated e-invoices or addresses outside Malaysia. */
    static Optional<String> state(String state, String country) {
        if (!CodeTable.STATES.contains(state)) {
            return code(CodeTable.STATES, state, "State");
        }
        return country.equals(Address.MALAYSIA) && state.equals(Address.STATE_NOT_APPLICABLE)
                ? Optional.of("State 17 (not applicable) is only for addresses outside Malaysia") : Optional.empty();
    }

    private static String tableName(CodeTable table) {
        return switch (table) {
            case MSIC -> "MSIC";
            case CLASSIFICATIONS -> "classification";
            case TAX_TYPES -> "tax type";
            case STATES -> "state";
            case COUNTRIES -> "country";
            default -> table.name().toLowerCase(Locale.ROOT);
        };
    }
}
