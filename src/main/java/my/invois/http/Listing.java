package my.invois.http;

import java.util.List;

/** A whole list in one response: {data, meta: {total, count}}. */
public record Listing<T>(List<T> data, Meta meta) {

    public record Meta(long total, int count) {
    }

    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(List.copyOf(items), new Meta(items.size(), items.size()));
    }
}
