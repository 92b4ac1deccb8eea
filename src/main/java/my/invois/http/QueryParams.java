package my.invois.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Query-string rules shared by every list endpoint. */
public final class QueryParams {

    public static final int MAX_SEARCH_LENGTH = 100;

    private QueryParams() {
    }

    /** A parameter given once; repeating it is an error rather than a silent pick. */
    public static Optional<String> single(Map<String, List<String>> query, String name, FieldErrors errors) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            errors.add(name, "The " + name + " parameter must be given at most once");
            return Optional.empty();
        }
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (!Text.isStorable(values.get(0))) {
            errors.add(name, "The " + name + " parameter contains characters that are not allowed");
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    /** SPEC A5 search: trimmed, empty means no filter, at most 100 characters. */
    public static Optional<String> search(Map<String, List<String>> query, FieldErrors errors) {
        return text(query, "query", MAX_SEARCH_LENGTH, errors);
    }

    /** A trimmed text parameter of bounded length; empty means absent. */
    public static Optional<String> text(Map<String, List<String>> query, String name, int maxLength, FieldErrors errors) {
        Optional<String> value = single(query, name, errors).map(String::strip).filter(text -> !text.isEmpty());
        if (value.isPresent() && Text.length(value.get()) > maxLength) {
            errors.add(name, "The " + name + " parameter must be at most " + maxLength + " characters");
            return Optional.empty();
        }
        return value;
    }

    /** A parameter from a fixed list of values. */
    public static Optional<String> oneOf(Map<String, List<String>> query, String name, List<String> allowed, FieldErrors errors) {
        Optional<String> value = text(query, name, 30, errors);
        if (value.isPresent() && !allowed.contains(value.get())) {
            errors.add(name, "The " + name + " must be one of: " + String.join(", ", allowed));
            return Optional.empty();
        }
        return value;
    }

    /** A parameter of a fixed form. */
    public static Optional<String> matching(Map<String, List<String>> query, String name, Pattern pattern, String message,
            FieldErrors errors) {
        Optional<String> value = text(query, name, 30, errors);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            errors.add(name, message);
            return Optional.empty();
        }
        return value;
    }

    /** A LIKE pattern matching the text anywhere, with % _ and \ taken literally. */
    public static String containsPattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
