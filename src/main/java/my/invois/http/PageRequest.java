package my.invois.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SPEC A5 pagination: page ≥ 1 (default 1), per_page 1..100 (default 10). */
public record PageRequest(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 10;
    public static final int MAX_PER_PAGE = 100;

    public static PageRequest parse(Map<String, List<String>> query, FieldErrors errors) {
        int page = number(query, "page", 1, 1, Integer.MAX_VALUE, errors);
        int perPage = number(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, errors);
        return new PageRequest(page, perPage);
    }

    /** A list of fixed page size (a user's organizations): only page is read. */
    public static PageRequest pageOf(Map<String, List<String>> query, int perPage, FieldErrors errors) {
        return new PageRequest(number(query, "page", 1, 1, Integer.MAX_VALUE, errors), perPage);
    }

    private static int number(Map<String, List<String>> query, String name, int fallback, int min, int max, FieldErrors errors) {
        Optional<String> text = QueryParams.single(query, name, errors);
        if (text.isEmpty()) {
            return fallback;
        }
        String value = text.get().strip();
        if (value.matches("\\d{1,10}")) {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return (int) number;
            }
        }
        errors.add(name, max == Integer.MAX_VALUE
                ? "The " + name + " must be an integer of at least " + min
                : "The " + name + " must be an integer between " + min + " and " + max);
        return fallback;
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
