package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LHDN's Structure validator for the JSON form (reference §1.1): the known root, one Invoice,
 * every element an array of objects, values in "_", amounts as JSON numbers and ChargeIndicator
 * a boolean. Run at submit: a document that fails is in rejectedDocuments, as LHDN's typed model
 * refuses it (ObjectExpected, klsheng#15). Pure; collects every error.
 */
final class StructureValidator {

    static final Map<String, String> ROOT = Map.of(
            "_D", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            "_A", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
            "_B", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2");
    /** Attributes of the signature blocks, spelled with a capital like elements. */
    private static final Set<String> CAPITAL_ATTRIBUTES = Set.of("Id", "URI", "Type", "Algorithm", "Target");
    private static final Set<String> NUMBERS = Set.of("InvoicedQuantity", "BaseQuantity", "Percent",
            "MultiplierFactorNumeric", "CalculationRate");

    private StructureValidator() {
    }

    static List<ApiError> validate(JsonNode document) {
        var errors = new ArrayList<ApiError>();
        if (!document.isObject()) {
            errors.add(error("ObjectExpected", "#"));
            return errors;
        }
        ROOT.forEach((key, namespace) -> {
            if (!namespace.equals(document.path(key).asText(null))) {
                errors.add(ApiError.detail("UnknownRoot", key + " must be " + namespace, key, "#/" + key));
            }
        });
        JsonNode invoices = document.path("Invoice");
        if (!invoices.isArray() || invoices.size() != 1 || !invoices.get(0).isObject()) {
            errors.add(ApiError.detail("ArrayExpected", "Invoice must be an array of exactly one object", "Invoice", "#/Invoice"));
            return errors;
        }
        element("Invoice", invoices.get(0), "#/Invoice[0]", errors);
        return errors;
    }

    private static void element(String name, JsonNode element, String path, List<ApiError> errors) {
        element.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + key;
            if (key.equals("_")) {
                value(name, value, at, errors);
            } else if (isAttribute(key)) {
                if (!value.isValueNode()) {
                    errors.add(error("ValueExpected", at));
                }
            } else if (!value.isArray()) {
                errors.add(error("ArrayExpected", at));
            } else {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        element(key, value.get(i), at + "[" + i + "]", errors);
                    } else {
                        errors.add(error("ObjectExpected", at + "[" + i + "]"));
                    }
                }
            }
        });
    }

    private static void value(String element, JsonNode value, String path, List<ApiError> errors) {
        if (!value.isValueNode()) {
            errors.add(error("ValueExpected", path));
        } else if ((element.endsWith("Amount") || NUMBERS.contains(element)) && !value.isNumber()) {
            errors.add(error("NumberExpected", path));
        } else if (element.equals("ChargeIndicator") && !value.isBoolean()) {
            errors.add(error("BooleanExpected", path));
        }
    }

    private static boolean isAttribute(String key) {
        return Character.isLowerCase(key.charAt(0)) || CAPITAL_ATTRIBUTES.contains(key);
    }

    private static ApiError error(String code, String path) {
        return ApiError.detail(code, code + ": " + path, path.substring(path.lastIndexOf('.') + 1), path);
    }
}
