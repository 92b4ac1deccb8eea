package my.invois.einvoicesettings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;
import my.invois.http.Text;
import my.invois.lhdn.CodeTable;

/**
 * The address of a settings PUT, replaced as a whole: {lines[1..3], city, postcode, state,
 * country}. Failures are named by their path (address.city), all of them at once.
 */
public final class AddressField {

    private static final Set<String> FIELDS = Set.of("lines", "city", "postcode", "state", "country");
    private static final int MAX_LINES = 3;

    private final JsonNode node;
    private final FieldErrors errors;
    private boolean valid = true;

    public AddressField(JsonNode node, FieldErrors errors) {
        this.node = node;
        this.errors = errors;
    }

    public Patch<Address> read() {
        if (node == null) {
            return Patch.keep();
        }
        if (node.isNull()) {
            return Patch.clear();
        }
        if (!node.isObject()) {
            errors.add("address", "Address must be an object {lines, city, postcode, state, country}");
            return Patch.keep();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                fail("address." + name, "Unknown field");
            }
        }
        List<String> lines = lines();
        Optional<String> city = text("city", "City", true).filter(value -> check("city", EinvoiceSettingsRules.city(value)));
        Optional<String> country = text("country", "Country", true).map(EinvoiceSettingsRules::upperCase)
                .filter(value -> check("country", EinvoiceSettingsRules.code(CodeTable.COUNTRIES, value, "Country")));
        String countryOrMalaysia = country.orElse(Address.MALAYSIA);
        Optional<String> state = text("state", "State", true)
                .filter(value -> check("state", EinvoiceSettingsRules.state(value, countryOrMalaysia)));
        Optional<String> postcode = text("postcode", "Postcode", countryOrMalaysia.equals(Address.MALAYSIA))
                .filter(value -> check("postcode", EinvoiceSettingsRules.postcode(value, countryOrMalaysia)));
        if (!valid) {
            return Patch.keep();
        }
        return Patch.set(new Address(lines, city.orElseThrow(), postcode, state.orElseThrow(), country.orElseThrow()));
    }

    private List<String> lines() {
        JsonNode lines = node.get("lines");
        if (lines == null || lines.isNull()) {
            fail("address.lines", "Address lines are required: 1 to " + MAX_LINES + " lines");
            return List.of();
        }
        if (!lines.isArray() || lines.isEmpty() || lines.size() > MAX_LINES) {
            fail("address.lines", "Address lines must be an array of 1 to " + MAX_LINES + " strings");
            return List.of();
        }
        var result = new ArrayList<String>();
        for (JsonNode line : lines) {
            if (!line.isTextual() || !Text.isStorable(line.textValue())) {
                fail("address.lines", "Each address line must be a string");
            } else if (check("lines", EinvoiceSettingsRules.addressLine(line.textValue().strip()))) {
                result.add(line.textValue().strip());
            }
        }
        return result;
    }

    /** The trimmed string at name; empty (and failed when required) if absent, null or not a string. */
    private Optional<String> text(String name, String label, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.textValue().isBlank())) {
            if (required) {
                fail("address." + name, label + " is required");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || !Text.isStorable(value.textValue())) {
            fail("address." + name, label + " must be a string");
            return Optional.empty();
        }
        return Optional.of(value.textValue().strip());
    }

    private boolean check(String name, Optional<String> problem) {
        problem.ifPresent(message -> fail("address." + name, message));
        return problem.isEmpty();
    }

    private void fail(String field, String message) {
        errors.add(field, message);
        valid = false;
    }
}
