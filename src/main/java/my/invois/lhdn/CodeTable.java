package my.invois.lhdn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * LHDN's published code tables (resources {@code lhdn/codes/}, source and date in
 * {@code lhdn/SOURCE.md}). Each table maps a code to its description, trimmed: LHDN's files carry
 * trailing spaces. Loaded once, on first use, and immutable afterwards.
 */
public enum CodeTable {
    E_INVOICE_TYPES("EInvoiceTypes.json", "Description"),
    TAX_TYPES("TaxTypes.json", "Description"),
    CLASSIFICATIONS("ClassificationCodes.json", "Description"),
    PAYMENT_METHODS("PaymentMethods.json", "Payment Method"),
    STATES("StateCodes.json", "State"),
    COUNTRIES("CountryCodes.json", "Country"),
    CURRENCIES("CurrencyCodes.json", "Currency"),
    MSIC("MSICSubCategoryCodes.json", "Description"),
    UNITS("UnitTypes.json", "Name");

    private final String file;
    private final String descriptionKey;
    private volatile Map<String, String> rows;

    CodeTable(String file, String descriptionKey) {
        this.file = file;
        this.descriptionKey = descriptionKey;
    }

    public boolean contains(String code) {
        return code != null && rows().containsKey(code);
    }

    public Optional<String> description(String code) {
        return Optional.ofNullable(code == null ? null : rows().get(code));
    }

    /** Codes in LHDN's order. */
    public Set<String> codes() {
        return rows().keySet();
    }

    private Map<String, String> rows() {
        Map<String, String> loaded = rows;
        if (loaded == null) {
            synchronized (this) {
                if (rows == null) {
                    rows = load();
                }
                loaded = rows;
            }
        }
        return loaded;
    }

    private Map<String, String> load() {
        String resource = "/lhdn/codes/" + file;
        try (InputStream in = CodeTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing code table " + resource);
            }
            var result = new LinkedHashMap<String, String>();
            for (JsonNode row : new ObjectMapper().readTree(in)) {
                result.put(row.path("Code").asText().trim(), row.path(descriptionKey).asText().trim());
            }
            return Collections.unmodifiableMap(result);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read code table " + resource, e);
        }
    }
}
