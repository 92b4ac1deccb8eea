package my.invois.myinvois;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One LHDN error, read from either family (reference §2.3): the API-level
 * {@code {"error":{code,message,target,propertyPath,details}}}, the validation-level
 * {@code {errorCode,error,errorMS|errorMs,propertyName,propertyPath,innerError}}, and OAuth's
 * {@code {"error":"invalid_client","error_description"}} from the identity service. Keys are
 * matched whatever their case; unknown keys are ignored.
 */
public record LhdnError(String code, String message, String target, String propertyPath, List<LhdnError> details) {

    static final LhdnError NONE = new LhdnError("", "", "", "", List.of());

    public LhdnError {
        details = List.copyOf(details);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LhdnError from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return node != null && node.isTextual() ? new LhdnError("", node.asText(), "", "", List.of()) : NONE;
        }
        JsonNode wrapped = LhdnJson.field(node, "error");
        if (wrapped.isObject()) {
            return from(wrapped);
        }
        JsonNode description = LhdnJson.field(node, "error_description");
        if (wrapped.isTextual() && !description.isMissingNode()) {
            return new LhdnError(wrapped.asText(), description.asText(""), "", "", List.of());
        }
        return new LhdnError(
                first(node, "code", "errorCode").orElse(""),
                first(node, "message", "error", "error_description", "errorMs").orElse(""),
                first(node, "target", "propertyName").orElse(""),
                first(node, "propertyPath").orElse(""),
                details(LhdnJson.field(node, "details").isArray() ? LhdnJson.field(node, "details") : LhdnJson.field(node, "innerError")));
    }

    /** The body of a refused call; a body that is not JSON (LHDN's HTML maintenance page) gives NONE. */
    static LhdnError fromBody(String body) {
        return LhdnJson.tree(body).map(LhdnError::from).orElse(NONE);
    }

    private static Optional<String> first(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = LhdnJson.field(node, name);
            if (value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
                return Optional.of(value.asText());
            }
        }
        return Optional.empty();
    }

    private static List<LhdnError> details(JsonNode array) {
        var details = new ArrayList<LhdnError>();
        array.forEach(item -> details.add(from(item)));
        return details;
    }
}
