package my.invois.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the fields of a JSON object body into {@link Patch}es, recording type errors instead
 * of throwing, so that one response can name every failing field.
 */
public final class BodyFields {

    static final int UNKNOWN_REPORTED = 20;

    private final ObjectNode body;
    private final FieldErrors errors;

    public BodyFields(ObjectNode body, FieldErrors errors) {
        this.body = body;
        this.errors = errors;
    }

    /**
     * SPEC B1: fields a client echoes back from a GET are ignored; any other unknown field is
     * reported (catches typos such as fistName). Only the first {@link #UNKNOWN_REPORTED} are
     * named, the last of them with how many more there were: a 1 MiB body of 96,000 unknown
     * fields answered 2.6 MB.
     */
    public void rejectUnknown(Set<String> writable, Set<String> readOnly) {
        Iterator<String> names = body.fieldNames();
        String lastReported = null;
        int unknown = 0;
        while (names.hasNext()) {
            String name = names.next();
            if (!writable.contains(name) && !readOnly.contains(name) && ++unknown <= UNKNOWN_REPORTED) {
                errors.add(name, "Unknown field");
                lastReported = name;
            }
        }
        if (unknown > UNKNOWN_REPORTED) {
            errors.add(lastReported, (unknown - UNKNOWN_REPORTED) + " more unknown fields are not listed");
        }
    }

    /** A string field, trimmed; a value of another type is an error and reads as absent. */
    public Patch<String> text(String field, String label) {
        JsonNode node = body.get(field);
        if (node == null) {
            return Patch.keep();
        }
        if (node.isNull()) {
            return Patch.clear();
        }
        if (!node.isTextual()) {
            errors.add(field, label + " must be a string");
            return Patch.keep();
        }
        String value = node.textValue();
        if (!Text.isStorable(value)) {
            errors.add(field, label + " contains characters that are not allowed");
            return Patch.keep();
        }
        return Patch.set(value.strip());
    }

    /** A string field that must also pass {@code rule}; a failure is recorded and reads as absent. */
    public Patch<String> text(String field, String label, FieldRule rule) {
        Patch<String> patch = text(field, label);
        if (patch instanceof Patch.Set<String> set) {
            var problem = rule.check(set.value());
            if (problem.isPresent()) {
                errors.add(field, problem.get());
                return Patch.keep();
            }
        }
        return patch;
    }

    /** A required field must be present and not null (on create). */
    public static <T> void require(Patch<T> patch, String field, String label, FieldErrors errors) {
        if (!(patch instanceof Patch.Set<T>) && !errors.has(field)) {
            errors.add(field, label + " is required");
        }
    }

    /** A required field may be absent from a partial update, but never null (SPEC B1). */
    public static <T> void rejectNull(Patch<T> patch, String field, String label, FieldErrors errors) {
        if (patch instanceof Patch.Clear) {
            errors.add(field, label + " cannot be null");
        }
    }
}
