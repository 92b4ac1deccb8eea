package my.invois.http;

import java.util.List;

/** A list in one response: {data, meta: {total, count}}; count is less than total when the list is capped. */
public record Listing<T>(List<T> data, Meta meta) {

    public record Meta(long total, int count) {
    }

    public static <T> Listing<T> of(List<T> items) {
        return of(items, items.size());
    }

    public static <T> Listing<T> of(List<T> items, long total) {
        return new Listing<>(List.copyOf(items), new Meta(total, items.size()));
    }
}
