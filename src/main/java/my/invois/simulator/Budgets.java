package my.invois.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * LHDN's per-client-ID, per-API budgets in fixed calendar minutes: a call over the budget is
 * 429 TooManyRequests with Retry-After (seconds to the next minute). Every call is counted,
 * refused ones too, so that a client's minute over its budget shows in the counts.
 */
final class Budgets {

    record Minute(String clientId, String api, String minute, int calls, int refused, int budget) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    Budgets(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Counts the call; throws 429 when it is over the budget. Returns the calls left this minute. */
    int charge(String clientId, Api api) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int calls = jdbi.withHandle(handle -> handle.createQuery("INSERT INTO myinvois_sim.calls (client_id, api, minute, calls, refused)"
                        + " VALUES (:client, :api, :minute, 1, 0) ON CONFLICT (client_id, api, minute)"
                        + " DO UPDATE SET calls = calls.calls + 1 RETURNING calls")
                .bind("client", clientId).bind("api", api.key()).bind("minute", minute).mapTo(Integer.class).one());
        if (calls <= api.perMinute()) {
            return api.perMinute() - calls;
        }
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE myinvois_sim.calls SET refused = refused + 1"
                        + " WHERE client_id = :client AND api = :api AND minute = :minute")
                .bind("client", clientId).bind("api", api.key()).bind("minute", minute).execute());
        long retryAfter = Math.max(1, (Duration.between(now, minute.plus(Duration.ofMinutes(1))).toMillis() + 999) / 1000);
        throw new LhdnException(429, new ApiError("TooManyRequests", "The " + api.key() + " budget of " + api.perMinute()
                + " calls a minute is spent", null, null, null), Map.of("Retry-After", String.valueOf(retryAfter),
                "X-Rate-Limit-Limit", String.valueOf(api.perMinute()), "X-Rate-Limit-Remaining", "0",
                "X-Rate-Limit-Reset", minute.plus(Duration.ofMinutes(1)).toString()));
    }

    /** Minutes that ended and were not logged yet, marked logged. */
    List<Minute> closedMinutes() {
        Instant current = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return jdbi.withHandle(handle -> handle.createQuery("UPDATE myinvois_sim.calls SET logged = true"
                        + " WHERE minute < :current AND NOT logged RETURNING client_id, api, minute, calls, refused")
                .bind("current", current).map((row, ctx) -> minute(row)).list());
    }

    List<Minute> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT client_id, api, minute, calls, refused FROM myinvois_sim.calls"
                + " ORDER BY minute, client_id, api").map((row, ctx) -> minute(row)).list());
    }

    private static Minute minute(ResultSet row) throws SQLException {
        String api = row.getString("api");
        return new Minute(row.getString("client_id"), api, Summaries.time(DocumentRepository.instant(row, "minute").orElseThrow()),
                row.getInt("calls"), row.getInt("refused"), Api.budgetOf(api));
    }
}
