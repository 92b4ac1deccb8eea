package my.invois.myinvois;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** E8's lhdn.errors[]: LHDN's reasons, one {code, message, target, propertyPath, step} per failing rule. */
final class LhdnErrors {

    private LhdnErrors() {
    }

    static JsonNode of(LhdnError error) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        add(errors, error, "");
        return errors;
    }

    /** Get Document Details: every failing step's every inner error. */
    static JsonNode of(DocumentDetails details) {
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        for (DocumentDetails.ValidationStep step : details.validationResults().validationSteps()) {
            if (step.status().equalsIgnoreCase("Invalid")) {
                add(errors, step.error(), step.name());
            }
        }
        if (errors.isEmpty()) {
            errors.add(entry("", details.documentStatusReason() == null ? "Invalid at LHDN" : details.documentStatusReason(), "", "", ""));
        }
        return errors;
    }

    static JsonNode local(String code, String message) {
        return JsonNodeFactory.instance.arrayNode().add(entry(code, message, "", "", ""));
    }

    private static void add(ArrayNode errors, LhdnError error, String step) {
        List<LhdnError> details = error.details();
        if (details.isEmpty()) {
            errors.add(entry(error.code(), error.message(), error.target(), error.propertyPath(), step));
            return;
        }
        details.forEach(detail -> add(errors, detail, step));
    }

    private static ObjectNode entry(String code, String message, String target, String propertyPath, String step) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("code", code);
        entry.put("message", message);
        entry.put("target", target);
        entry.put("propertyPath", propertyPath);
        entry.put("step", step);
        return entry;
    }

    static String summary(JsonNode errors) {
        var text = new StringBuilder();
        for (JsonNode error : errors) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(error.path("code").asText()).append(' ').append(error.path("message").asText());
        }
        return text.length() > 500 ? text.substring(0, 500) + "…" : text.toString();
    }
}
