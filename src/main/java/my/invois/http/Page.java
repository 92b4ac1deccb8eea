package my.invois.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;

/** A page of a list and its SPEC A5 meta. */
public record Page<T>(List<T> data, Meta meta) {

    public record Meta(
            long total,
            @JsonProperty("per_page") int perPage,
            @JsonProperty("current_page") int currentPage,
            @JsonProperty("last_page") long lastPage,
            Long from,
            Long to) {
    }

    public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
        boolean empty = items.isEmpty();
        return new Page<>(List.copyOf(items), new Meta(
                total,
                request.perPage(),
                request.page(),
                lastPage(total, request.perPage()),
                empty ? null : request.offset() + 1,
                empty ? null : request.offset() + items.size()));
    }

    /** last_page = max(1, ceil(total / per_page)). */
    public static long lastPage(long total, int perPage) {
        return Math.max(1, (total + perPage - 1) / perPage);
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(data.stream().map(mapping).toList(), meta);
    }
}
