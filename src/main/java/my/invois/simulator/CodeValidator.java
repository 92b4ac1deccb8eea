package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.lhdn.CodeTable;

/**
 * LHDN's Code validator: every coded value in its published table (reference §1.7). Walks the
 * whole document, so a code is checked wherever it appears (supplier, buyer, delivery, lines).
 * CV302 is LHDN's code for a country; the others are the simulator's (docs/SIMULATOR.md). Pure.
 */
final class CodeValidator {

    static final String COUNTRY = "CV302";
    static final String UNKNOWN_CODE = "CV-CODE";

    private final List<StepError> errors = new ArrayList<>();

    private CodeValidator() {
    }

    static List<StepError> validate(JsonNode invoice) {
        var validator = new CodeValidator();
        validator.walk("Invoice", invoice, "Invoice");
        return validator.errors;
    }

    private void walk(String name, JsonNode element, String path) {
        check(name, element, path);
        element.fields().forEachRemaining(field -> {
            if (field.getValue().isArray()) {
                int i = 0;
                for (JsonNode child : field.getValue()) {
                    walk(field.getKey(), child, path + "." + field.getKey() + (field.getValue().size() > 1 ? "[" + i + "]" : ""));
                    i++;
                }
            }
        });
    }

    private void check(String name, JsonNode element, String path) {
        String value = element.path("_").isValueNode() ? element.path("_").asText() : null;
        table(name, element, path).ifPresent(table -> {
            // A blank value is the Core fields validator's to report, where the field is mandatory.
            if (value != null && !value.isBlank() && !table.contains(value)) {
                String code = table == CodeTable.COUNTRIES ? COUNTRY : UNKNOWN_CODE;
                errors.add(StepError.of(path, code, "'" + value + "' is not in LHDN's " + table.name() + " code table"));
            }
        });
        if (name.equals("PostalAddress")) {
            state(element, path);
        }
        attribute(element, "currencyID", CodeTable.CURRENCIES, path);
        attribute(element, "unitCode", CodeTable.UNITS, path);
    }

    private static Optional<CodeTable> table(String name, JsonNode element, String path) {
        return Optional.ofNullable(switch (name) {
            case "InvoiceTypeCode" -> CodeTable.E_INVOICE_TYPES;
            case "DocumentCurrencyCode", "TaxCurrencyCode", "SourceCurrencyCode", "TargetCurrencyCode" -> CodeTable.CURRENCIES;
            case "IndustryClassificationCode" -> CodeTable.MSIC;
            case "PaymentMeansCode" -> CodeTable.PAYMENT_METHODS;
            case "IdentificationCode" -> path.endsWith("Country.IdentificationCode") ? CodeTable.COUNTRIES : null;
            case "ItemClassificationCode" -> "CLASS".equals(element.path("listID").asText()) ? CodeTable.CLASSIFICATIONS : null;
            case "ID" -> path.endsWith("TaxCategory.ID") ? CodeTable.TAX_TYPES : null;
            default -> null;
        });
    }

    /** Malaysian addresses carry a state code from the table; others any text (anchors §1.7). */
    private void state(JsonNode address, String path) {
        Optional<String> state = Ubl.text(address, "CountrySubentityCode");
        if (Ubl.text(address, "Country", "IdentificationCode").filter("MYS"::equals).isPresent()
                && state.isPresent() && !CodeTable.STATES.contains(state.get())) {
            errors.add(StepError.of(path + ".CountrySubentityCode", UNKNOWN_CODE,
                    "'" + state.get() + "' is not in LHDN's STATES code table"));
        }
    }

    private void attribute(JsonNode element, String attribute, CodeTable table, String path) {
        JsonNode value = element.path(attribute);
        if (!value.isMissingNode() && !table.contains(value.asText())) {
            errors.add(StepError.of(path + "." + attribute, UNKNOWN_CODE,
                    "'" + value.asText() + "' is not in LHDN's " + table.name() + " code table"));
        }
    }
}
