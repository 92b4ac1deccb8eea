package my.invois.config;

/** Requests allowed per fixed UTC minute, hour and day. */
public record Limits(long perMinute, long perHour, long perDay) {

    public Limits {
        if (perMinute < 1 || perHour < 1 || perDay < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
