package my.invois.users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import my.invois.db.SqlErrors;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User search and its exact totals (SPEC A5's meta.total), migration V18. Where each thing lives:
 * what a search matches is {@code user_matches} (V18); how a total is kept is this comment; how it
 * is checked is {@link #verify} ({@code user_search_verify}, which DatabaseChecks runs after every
 * race, fuzz and crash test); {@link #rebuild} recomputes every kept number (restores, bulk loads).
 *
 * <p>No writer updates a shared row. A trigger appends one row per user entering (+1) or leaving
 * (-1) the search to a log, stamped with its transaction's id (xid). A fold, every second, moves
 * the log, in steps of at most {@link #FOLD_STEP} rows (V21), into base totals (all users, every
 * gram, ranges of the list order, at most 2,000 popular long terms) and sets the watermark
 * {@code folded_below}; the base then holds exactly the
 * changes of the transactions below it. A read adds to the base the log rows from the watermark
 * on that it can see: total = base + those rows' deltas.
 *
 * <p>Why that is exact: the fold takes {@code folded_below} = the oldest transaction still
 * running at its snapshot, so every transaction below it had ended and the fold saw exactly the
 * committed ones; they are in the base, and their log rows leave with the same commit. A reader
 * whose snapshot sees that commit sees that base and the rest of the log, whose rows are those of
 * transactions from the watermark on, each visible exactly when its user change is (same
 * transaction). A reader whose snapshot predates the commit sees the previous base, watermark and
 * log, which agree in the same way. A term adopted by a fold, or a range it splits, gets as base
 * the count of its users at the fold's snapshot less the log rows from the watermark on that the
 * snapshot sees: those rows are added back by every read. A long read-only snapshot (pg_dump) has
 * no xid, so it does not hold the watermark back; an open write does, for as long as it is open.
 *
 * <p>A GET never writes: a long search counted at read that matched many users is only
 * remembered here, in memory (bounded), and the fold adopts it. The fold runs on one thread of
 * each instance (its own remembered terms), one instance at a time (an advisory lock).
 */
public final class UserSearch {

    /** A count from this many matches on is worth keeping: counting visits every match. */
    static final long KEEP_FROM_MATCHES = 1_000;
    /** Terms waiting for the fold; the oldest are forgotten first (a later search remembers them again). */
    private static final int MAX_REMEMBERED = 1_000;
    /** Adopting a term counts its matches (up to a second for a third of a million): a few per fold. */
    private static final int ADOPTED_PER_FOLD = 8;
    /** Log rows a fold takes at most (one transaction's whole, however many): about a second at a million users. */
    static final int FOLD_STEP = 10_000;
    private static final Logger log = LoggerFactory.getLogger(UserSearch.class);

    private final Jdbi jdbi;
    private final UserSearchRepository search = new UserSearchRepository();
    private final Set<String> remembered = new LinkedHashSet<>();

    public UserSearch(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Page<User> list(UserFilter filter, PageRequest page) {
        return jdbi.withHandle(handle -> {
            UserSearchRepository.Known known = search.known(handle, filter);
            return known.matches()
                    .map(matches -> Page.of(page.offset() < matches.total()
                            ? search.page(handle, known.filter(), matches, page.offset(), page.perPage())
                            : List.of(), matches.total(), page))
                    .orElseGet(() -> countedPage(handle, known.filter(), page));
        });
    }

    /** A long search without a kept total: counted with its page, and remembered if it matched many. */
    private Page<User> countedPage(Handle handle, UserFilter filter, PageRequest page) {
        UserSearchRepository.CountedPage counted = search.countedPage(handle, filter, page.offset(), page.perPage());
        if (counted.total() >= KEEP_FROM_MATCHES) {
            remember(filter.search().orElseThrow());
        }
        return Page.of(counted.items(), counted.total(), page);
    }

    private synchronized void remember(String term) {
        if (remembered.add(term) && remembered.size() > MAX_REMEMBERED) {
            remembered.remove(remembered.iterator().next());
        }
    }

    private synchronized List<String> takeRemembered() {
        var taken = new ArrayList<String>();
        var terms = remembered.iterator();
        while (terms.hasNext() && taken.size() < ADOPTED_PER_FOLD) {
            taken.add(terms.next());
            terms.remove();
        }
        return taken;
    }

    private synchronized void rememberAgain(List<String> terms) {
        terms.forEach(this::remember);
    }

    /**
     * One fold step now, adopting some of the remembered terms: the log rows folded, or -1 when
     * another instance was folding (the terms are then remembered for the next).
     */
    public long fold() {
        return fold(FOLD_STEP);
    }

    /** Fold steps until one is not full: a backlog is worked off at once, not a step a second. The log rows folded. */
    public long foldBacklog() {
        long total = 0;
        long folded;
        do {
            folded = fold();
            total += Math.max(0, folded);
        } while (folded >= FOLD_STEP);
        return total;
    }

    /** The same with steps of another size (tests: steps that end within a backlog). */
    long fold(int step) {
        List<String> adopt = takeRemembered();
        try {
            long folded = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> search.fold(handle, adopt, step));
            if (folded < 0) {
                rememberAgain(adopt);
            }
            return folded;
        } catch (RuntimeException e) {
            rememberAgain(adopt);
            throw e;
        }
    }

    /** Every kept number that differs from a plain recount at one snapshot; empty when all are right. */
    public List<String> verify() {
        return jdbi.withHandle(search::verify);
    }

    /** Recomputes every kept number, exactly, while users are written (REPEATABLE READ). */
    public void rebuild() {
        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            handle.execute("SET LOCAL statement_timeout = 0");
            search.rebuild(handle);
        });
    }

    /** Folds every {@code every} on a thread of its own until closed (Main closes it before the database). */
    public AutoCloseable startFolding(Duration every) {
        ScheduledExecutorService folding = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "invois-user-search-fold");
            thread.setDaemon(true);
            return thread;
        });
        folding.scheduleWithFixedDelay(this::foldLogged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            folding.shutdown();
            if (!folding.awaitTermination(10, TimeUnit.SECONDS)) {
                folding.shutdownNow();
            }
        };
    }

    /** A failed fold changes nothing (one transaction): the next one folds what it left. */
    private void foldLogged() {
        try {
            foldBacklog();
        } catch (RuntimeException e) {
            if (SqlErrors.isTransactionConflict(e)) {
                log.debug("A fold met a concurrent one or a TRUNCATE ({}); the next fold goes on", SqlErrors.describe(e));
            } else {
                log.warn("Could not fold the user search log ({}); the next fold tries again", SqlErrors.describe(e));
            }
        }
    }
}
