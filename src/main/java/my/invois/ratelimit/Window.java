package my.invois.ratelimit;

import java.time.Instant;

/** The three fixed windows of SPEC A2, aligned to UTC minute, hour and day boundaries. */
public enum Window {
    MINUTE(60), HOUR(3_600), DAY(86_400);

    private final long seconds;

    Window(long seconds) {
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    /** Epoch second at which the window holding {@code now} began. */
    public long start(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), seconds) * seconds;
    }

    public Instant reset(Instant now) {
        return Instant.ofEpochSecond(start(now) + seconds);
    }
}
