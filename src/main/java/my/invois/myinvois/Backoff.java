package my.invois.myinvois;

import java.time.Duration;

/** E6 waits between tries: doubling from 3 s, at most a minute (LHDN asks for 3–5 s between polls, reference §2.4). */
final class Backoff {

    static final Duration FIRST_POLL = Duration.ofSeconds(3);
    static final Duration LONGEST = Duration.ofMinutes(1);

    private Backoff() {
    }

    /** After the {@code attempts}-th try: 3 s, 6 s, 12 s … 60 s. */
    static Duration after(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 5);
        Duration wait = FIRST_POLL.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
