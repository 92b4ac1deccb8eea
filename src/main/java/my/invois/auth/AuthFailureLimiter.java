package my.invois.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts failed authentications per client address in fixed UTC minutes (OWASP API2). An
 * address that fails more than the allowed number of times in one minute is locked out for
 * the rest of that minute plus the lock-out period. Memory is bounded: at most
 * {@link #MAX_ADDRESSES} addresses are tracked; the first failure of each minute purges the
 * entries that expired, and a full table makes room by dropping an address that holds no lock.
 */
public final class AuthFailureLimiter {

    static final int MAX_ADDRESSES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AuthFailureLimiter.class);

    private record Entry(long minute, int failures, Instant lockedUntil) {

        boolean isLocked(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong purgedMinute = new AtomicLong();
    private final int failuresPerMinute;
    private final Duration lockout;
    private final Clock clock;

    public AuthFailureLimiter(int failuresPerMinute, Duration lockout, Clock clock) {
        this.failuresPerMinute = failuresPerMinute;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long the address stays locked out; empty when it is not. */
    public Optional<Duration> lockedOut(String address) {
        Instant now = clock.instant();
        Entry entry = entries.get(address);
        return entry != null && entry.isLocked(now) ? Optional.of(Duration.between(now, entry.lockedUntil())) : Optional.empty();
    }

    /** Counts one failure; answers how long the address is now locked out, if this failure was one too many. */
    public Optional<Duration> recordFailure(String address) {
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        long previous = purgedMinute.get();
        if (previous != minute && purgedMinute.compareAndSet(previous, minute)) {
            purge(now, minute);
        }
        if (!entries.containsKey(address) && entries.size() >= MAX_ADDRESSES && !makeRoom(now)) {
            return Optional.empty();
        }
        Entry entry = entries.compute(address, (ignored, earlier) -> {
            int failures = earlier == null || earlier.minute() != minute ? 1 : earlier.failures() + 1;
            Instant lockedUntil = earlier == null ? null : earlier.lockedUntil();
            if (failures == failuresPerMinute + 1) {
                lockedUntil = Instant.ofEpochSecond((minute + 1) * 60).plus(lockout);
            }
            return new Entry(minute, failures, lockedUntil);
        });
        if (entry.failures() == failuresPerMinute + 1) {
            log.warn("Locking out {} until {}: more than {} failed authentications in one minute",
                    address, entry.lockedUntil(), failuresPerMinute);
        }
        return entry.isLocked(now) ? Optional.of(Duration.between(now, entry.lockedUntil())) : Optional.empty();
    }

    /** Drops entries of past minutes that hold no lock. */
    private void purge(Instant now, long minute) {
        entries.values().removeIf(entry -> entry.minute() < minute && !entry.isLocked(now));
    }

    /**
     * A table full of this minute's addresses would otherwise stop counting new ones: one that
     * holds no lock loses its count instead (it restarts from zero). Only when every tracked
     * address is locked is a new one left uncounted, so that memory stays bounded.
     */
    private boolean makeRoom(Instant now) {
        for (var tracked : entries.entrySet()) {
            if (!tracked.getValue().isLocked(now) && entries.remove(tracked.getKey(), tracked.getValue())) {
                return true;
            }
        }
        return false;
    }

    int trackedAddresses() {
        return entries.size();
    }
}
