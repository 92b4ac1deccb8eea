package my.invois.myinvois;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * E6: one budget per LHDN client ID per API, shared by every instance through PostgreSQL, asked
 * before each call; it never waits. One row per (client ID, API) counts the calls of its
 * current calendar minute; one atomic upsert takes a slot only while the count is below
 * {@link LhdnApi#budget()}, so instances together never exceed it. An instance whose clock lags
 * counts into the newer minute already stored (GREATEST), which can only spend less. The row
 * also holds a 429's Retry-After, which closes the API for every instance until then.
 */
public final class LhdnBudget {

    private static final String ACQUIRE = """
            INSERT INTO lhdn_budgets AS b (client_id, api, minute, calls, throttled_until)
            VALUES (:clientId, :api, :minute, 1, NULL)
            ON CONFLICT (client_id, api) DO UPDATE
               SET calls = CASE WHEN EXCLUDED.minute > b.minute THEN 1 ELSE b.calls + 1 END,
                   minute = GREATEST(b.minute, EXCLUDED.minute)
             WHERE (EXCLUDED.minute > b.minute OR b.calls < :budget)
               AND (b.throttled_until IS NULL OR b.throttled_until <= :now)
            RETURNING calls""";
    private static final String THROTTLE = """
            INSERT INTO lhdn_budgets AS b (client_id, api, minute, calls, throttled_until)
            VALUES (:clientId, :api, :minute, 0, :until)
            ON CONFLICT (client_id, api) DO UPDATE SET throttled_until = GREATEST(b.throttled_until, EXCLUDED.throttled_until)""";

    private final Jdbi jdbi;

    public LhdnBudget(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Grant tryAcquire(String clientId, LhdnApi api, Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Optional<Integer> calls = jdbi.withHandle(handle -> handle.createQuery(ACQUIRE)
                .bind("clientId", clientId).bind("api", api.name()).bind("minute", minute)
                .bind("budget", api.budget()).bind("now", now)
                .mapTo(Integer.class).findOne());
        return calls.isPresent() ? Grant.GRANTED : Grant.notBefore(nextSlot(clientId, api, now));
    }

    /** Without taking a slot: when the budget next grants one, if not now (this minute's are spent, or a 429 is in force). */
    public Optional<Instant> closedUntil(String clientId, LhdnApi api, Instant now) {
        Instant slot = nextSlot(clientId, api, now);
        return slot.isAfter(now) ? Optional.of(slot) : Optional.empty();
    }

    /** LHDN answered 429: nobody calls this API for this client ID before {@code until}. */
    public void throttle(String clientId, LhdnApi api, Instant until) {
        jdbi.useHandle(handle -> handle.createUpdate(THROTTLE)
                .bind("clientId", clientId).bind("api", api.name())
                .bind("minute", until.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1))).bind("until", until)
                .execute());
    }

    /** The later of the end of a 429 still in force and, when this minute's slots are spent, the next minute. */
    private Instant nextSlot(String clientId, LhdnApi api, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT minute, calls, throttled_until FROM lhdn_budgets WHERE client_id = :clientId AND api = :api")
                .bind("clientId", clientId).bind("api", api.name())
                .map((row, context) -> {
                    Instant minute = row.getObject("minute", OffsetDateTime.class).toInstant();
                    OffsetDateTime throttled = row.getObject("throttled_until", OffsetDateTime.class);
                    Instant slot = now;
                    if (!minute.isBefore(now.truncatedTo(ChronoUnit.MINUTES)) && row.getInt("calls") >= api.budget()) {
                        slot = minute.plus(Duration.ofMinutes(1));
                    }
                    if (throttled != null && throttled.toInstant().isAfter(slot)) {
                        slot = throttled.toInstant();
                    }
                    return slot;
                })
                .findOne().orElse(now));
    }
}
