package my.invois.einvoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import my.invois.http.FieldErrors;

/** E8's cancel body {"reason"}: required text, at most 300 characters (LHDN's limit), nothing else. */
final class CancelReason {

    private CancelReason() {
    }

    static String parse(ObjectNode body) {
        var errors = new FieldErrors();
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("reason")) {
                errors.add(name, "Unknown field");
            }
        });
        JsonNode reason = body.path("reason");
        String text = reason.isTextual() ? reason.asText().strip() : "";
        if (!reason.isTextual()) {
            errors.add("reason", "The reason is required text");
        } else if (text.isEmpty()) {
            errors.add("reason", "The reason must not be blank");
        } else if (text.codePointCount(0, text.length()) > EInvoice.MAX_CANCEL_REASON) {
            errors.add("reason", "The reason must be at most " + EInvoice.MAX_CANCEL_REASON + " characters");
        }
        errors.throwIfAny();
        return text;
    }
}
