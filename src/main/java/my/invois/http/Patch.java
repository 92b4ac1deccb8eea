package my.invois.http;

import java.util.function.Function;

/**
 * One field of a partial update: absent (keep), explicit null (clear), or a value (SPEC B1).
 * A record with a nullable component could not tell the first two apart.
 */
public sealed interface Patch<T> {

    @SuppressWarnings("unchecked")
    static <T> Patch<T> keep() {
        return (Patch<T>) Keep.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    static <T> Patch<T> clear() {
        return (Patch<T>) Clear.INSTANCE;
    }

    static <T> Patch<T> set(T value) {
        return new Set<>(value);
    }

    /** The new value given the current one; {@code null} when cleared (a nullable column). */
    T applyTo(T current);

    <R> Patch<R> map(Function<T, R> mapping);

    enum Keep implements Patch<Object> {
        INSTANCE;

        @Override
        public Object applyTo(Object current) {
            return current;
        }

        @Override
        public <R> Patch<R> map(Function<Object, R> mapping) {
            return keep();
        }
    }

    enum Clear implements Patch<Object> {
        INSTANCE;

        @Override
        public Object applyTo(Object current) {
            return null;
        }

        @Override
        public <R> Patch<R> map(Function<Object, R> mapping) {
            return clear();
        }
    }

    record Set<T>(T value) implements Patch<T> {

        @Override
        public T applyTo(T current) {
            return value;
        }

        @Override
        public <R> Patch<R> map(Function<T, R> mapping) {
            return new Set<>(mapping.apply(value));
        }
    }
}
