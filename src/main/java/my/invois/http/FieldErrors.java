package my.invois.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every failing field of a request (SPEC A3: details lists every failing field). */
public final class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public void add(String field, String message) {
        errors.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public Map<String, List<String>> asMap() {
        return Map.copyOf(errors);
    }

    /** Ends the request with a 400 when anything failed. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            var ordered = new LinkedHashMap<String, List<String>>();
            errors.forEach((field, messages) -> ordered.put(field, List.copyOf(messages)));
            throw ApiException.validation(ordered);
        }
    }
}
