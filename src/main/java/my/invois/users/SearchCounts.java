package my.invois.users;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import my.invois.db.SqlErrors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts keeping the exact total of a search that matched many users (migration V5), one term
 * at a time on a background thread, so that the request which found the term popular does not
 * wait for it.
 *
 * <p>The total must be exact from the moment readers use it, while writers keep changing users.
 * So the term is first recorded as pending, from which point every writer adjusts its total;
 * then the writers that started before (and may have missed the term) are waited for; then one
 * statement, so one snapshot, reads both the kept total and the true count, and the difference
 * is added. Writers that commit after that snapshot are in the kept total, not in the count;
 * those before it are in both and cancel out. Only the first completion of a pending term
 * applies, which makes a repeat (another instance, or a retry after a crash) harmless. The
 * worker is a daemon thread: a stop in the middle leaves a pending term, which the next search
 * of it starts again.
 */
final class SearchCounts {

    /** A count from this many matches on is worth keeping: counting visits every match. */
    static final long KEEP_FROM_MATCHES = 1_000;
    /** Every kept term costs each write of a name or email a substring test; the oldest go first. */
    static final int MAX_KEPT_TERMS = 5_000;
    private static final int MAX_QUEUED = 100;
    private static final Logger log = LoggerFactory.getLogger(SearchCounts.class);

    private final Jdbi jdbi;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_QUEUED), runnable -> {
                var thread = new Thread(runnable, "invois-search-counts");
                thread.setDaemon(true);
                return thread;
            });

    SearchCounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Keeps the total of this search from now on, unless it is already queued here. */
    void keep(String search) {
        String term = search.toLowerCase(Locale.ROOT);
        if (!queued.add(term)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    start(search);
                } catch (RuntimeException e) {
                    log.warn("Could not start keeping a search total ({}); a later search of the term tries again", SqlErrors.describe(e));
                } finally {
                    queued.remove(term);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(term); // busy: a later search of the term asks again
        }
    }

    private void start(String search) {
        OffsetDateTime keptAt = jdbi.inTransaction(handle -> {
            handle.createUpdate("INSERT INTO search_counts (term, total, pending) VALUES (lower(:search), 0, true) "
                            + "ON CONFLICT (term) DO NOTHING")
                    .bind("search", search)
                    .execute();
            handle.createUpdate("DELETE FROM search_counts WHERE term IN "
                            + "(SELECT term FROM search_counts ORDER BY kept_at DESC, term OFFSET :max)")
                    .bind("max", MAX_KEPT_TERMS)
                    .execute();
            return handle.createQuery("SELECT kept_at FROM search_counts WHERE term = lower(:search) AND pending")
                    .bind("search", search)
                    .mapTo(OffsetDateTime.class)
                    .findOne()
                    .orElse(null);
        });
        if (keptAt == null) {
            return; // kept already
        }
        waitForEarlierWriters();
        jdbi.useHandle(handle -> {
            OptionalLong correction = handle.createQuery("SELECT (SELECT total FROM search_counts WHERE term = lower(:search)) AS seen, "
                            + "(" + UserRepository.countSearchSql(search) + ") AS counted")
                    .bind("search", search)
                    .map((row, context) -> row.getObject("seen") == null
                            ? OptionalLong.empty()
                            : OptionalLong.of(row.getLong("counted") - row.getLong("seen")))
                    .one();
            if (correction.isEmpty()) {
                return; // dropped meanwhile
            }
            handle.createUpdate("UPDATE search_counts SET total = total + :correction, pending = false "
                            + "WHERE term = lower(:search) AND pending AND kept_at = :keptAt")
                    .bind("correction", correction.getAsLong())
                    .bind("search", search)
                    .bind("keptAt", keptAt)
                    .execute();
        });
    }

    /**
     * A SHARE lock on users waits for every transaction that is writing users (they hold ROW
     * EXCLUSIVE) and is released at once: new writers are held up only for that moment.
     */
    private void waitForEarlierWriters() {
        jdbi.useTransaction(handle -> {
            handle.execute("SET LOCAL lock_timeout = '5s'");
            handle.execute("LOCK TABLE users IN SHARE MODE");
        });
    }
}
