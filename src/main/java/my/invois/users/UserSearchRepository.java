package my.invois.users;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import my.invois.http.Text;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The SQL of user search (migration V18): totals, pages, and the fold, verify and rebuild
 * functions. What a search matches is {@code user_matches(search_text, term)}, written once in
 * V18; every statement here tests it, with the lower-cased term bound as {@code :term} (a plain
 * parameter, so that PostgreSQL inlines the function). The lower-casing is PostgreSQL's, done once
 * by {@link #known}: the filters of the page statements hold its result as their search.
 */
final class UserSearchRepository {

    private static final String COLUMNS = UserRepository.COLUMNS;
    private static final String COLUMNS_OF_USERS = Columns.qualified("users", COLUMNS);
    /** About five million log rows of one transaction at a million users and 2,000 kept terms. */
    private static final Duration FOLD_TIMEOUT = Duration.ofMinutes(10);
    private static final String UNFILTERED_PAGE_SQL = "SELECT " + COLUMNS + " FROM users JOIN (SELECT id FROM users "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset) AS page USING (id) ORDER BY created_at, id";

    /** The log rows a read adds to the base: those not folded yet (V18), found by the xid index. */
    private static final String PENDING = "SELECT delta, search_text, created_at, id FROM user_search_changes "
            + "WHERE xid >= (SELECT folded_below FROM user_search_watermark)";
    private static final String POPULATION = "(SELECT total FROM user_search_totals WHERE term = '') "
            + "+ (SELECT coalesce(sum(delta), 0) FROM pending)";
    /** Every gram is in the base (absent: no user holds it); a long term only when kept, else NULL. */
    private static final String KEPT_TOTAL = "(coalesce((SELECT total FROM user_search_totals t WHERE t.term = asked.term), "
            + "CASE WHEN length(asked.term) <= 3 THEN 0 END) "
            + "+ (SELECT coalesce(sum(delta), 0) FROM pending WHERE user_matches(pending.search_text, asked.term)))";
    /** At most one user holds an email: counted through the unique index. */
    private static final String EMAIL_TOTAL = "(SELECT count(*) FROM users WHERE lower(email) = :email "
            + "AND (asked.term IS NULL OR user_matches(search_text, asked.term)))";

    /**
     * Pages from this offset on start at the range of the list order that holds the offset (V18:
     * base counts of ranges of 10,000 to 19,999 users, plus the log rows not folded yet), so they
     * skip fewer than 20,000 index entries however deep they are; page 5,000 of 100 skipped
     * 499,900 (60-100 ms at a million users).
     */
    static final long RANGED_FROM_OFFSET = 10_000;
    private static final String RANGED_PAGE_SQL = "WITH pending AS MATERIALIZED (" + PENDING + "), "
            + "moved AS (SELECT held.start_at, held.start_id, sum(p.delta) AS delta FROM pending p CROSS JOIN LATERAL "
            + "(SELECT start_at, start_id FROM user_search_ranges WHERE (start_at, start_id) <= (p.created_at, p.id) "
            + "ORDER BY start_at DESC, start_id DESC LIMIT 1) AS held GROUP BY held.start_at, held.start_id), "
            + "ranges AS (SELECT r.start_at, r.start_id, r.users + coalesce(m.delta, 0) AS users "
            + "FROM user_search_ranges r LEFT JOIN moved m ON (m.start_at, m.start_id) = (r.start_at, r.start_id)) "
            + "SELECT " + COLUMNS + " FROM users JOIN (SELECT u.id FROM "
            + "(SELECT start_at, start_id, before FROM (SELECT start_at, start_id, sum(users) OVER (ORDER BY start_at, start_id) - users AS before "
            + "FROM ranges) AS placed WHERE before <= :offset ORDER BY start_at DESC, start_id DESC LIMIT 1) AS r "
            + "CROSS JOIN LATERAL (SELECT id FROM users WHERE (created_at, id) >= (r.start_at, r.start_id) "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset - r.before) AS u) AS page USING (id) ORDER BY created_at, id";

    /**
     * Testing a user met on the walk, from the index alone (V22), costs about a fifteenth of
     * fetching a match through the index of grams and sorting it. Measured at a million users
     * on the 3,075 benchmark terms with a kept total, each paged both ways: with this ratio the
     * chosen plans' p99 was 5.6 ms, against 11.4 ms with 6 and 5.8 ms with 10 or 30.
     */
    private static final int WALK_COST_RATIO = 15;

    /** What a search is known to match before its page is read; filter's search is lower-cased. */
    record Known(UserFilter filter, Optional<Matches> matches) {
    }

    /**
     * The lower-cased term, and the exact number of matches and of all users when the base holds
     * the term (V18: every user, every gram, the kept long terms) or one index probe finds it (the
     * email filter): base plus the log rows this statement sees. Empty matches for a long search
     * whose total is not kept: {@link #countedPage} counts it with its page.
     */
    Known known(Handle handle, UserFilter filter) {
        String total = filter.email().isPresent() ? EMAIL_TOTAL : filter.search().isPresent() ? KEPT_TOTAL : POPULATION;
        return handle.createQuery("WITH asked AS MATERIALIZED (SELECT lower(CAST(:search AS text)) AS term), pending AS MATERIALIZED ("
                        + PENDING + ") SELECT asked.term, " + total + " AS total, " + POPULATION + " AS population FROM asked")
                .bind("search", filter.search().orElse(null))
                .bind("email", filter.email().map(UserRules::normaliseEmail).orElse(null))
                .map((row, context) -> new Known(new UserFilter(Optional.ofNullable(row.getString("term")), filter.email()),
                        row.getObject("total") == null
                                ? Optional.empty()
                                : Optional.of(new Matches(row.getLong("total"), row.getLong("population")))))
                .one();
    }

    /**
     * One page in list order; the matches' count picks the plan. Unfiltered pages find their
     * ids in the (created_at, id) index alone, then fetch just those rows, so a deep OFFSET
     * skips index entries rather than rows. A filtered page either walks the order index,
     * testing each user until it has found the page, or fetches every match through the
     * filter's index and sorts them, whichever costs less ({@link #walksOrderIndex}). Both
     * shapes leave PostgreSQL no choice: left to itself it misjudges how many users a
     * substring matches, and either walks for rare matches (visiting every user) or fetches
     * and sorts a third of a million common ones.
     */
    List<User> page(Handle handle, UserFilter filter, Matches matches, long offset, int limit) {
        if (filter.isEmpty()) {
            String sql = offset >= RANGED_FROM_OFFSET ? RANGED_PAGE_SQL : UNFILTERED_PAGE_SQL;
            return pageQuery(handle, sql, filter, offset, limit).map(UserRepository.USER).list();
        }
        long wanted = offset + limit;
        if (walksOrderIndex(matches, wanted)) {
            List<User> walked = pageQuery(handle, walkSql(filter), filter, offset, limit)
                    .bind("walk", walkBound(matches, wanted))
                    .map(UserRepository.USER)
                    .list();
            if (walked.size() >= Math.min(limit, matches.total() - offset)) {
                return walked;
            }
            // The matches sit later in the list order than an even spread would put them.
        }
        return pageQuery(handle, sortedMatchesSql(filter), filter, offset, limit).map(UserRepository.USER).list();
    }

    private static Query pageQuery(Handle handle, String sql, UserFilter filter, long offset, int limit) {
        return bindFilter(handle.createQuery(sql), filter)
                .bind("limit", limit)
                .bind("offset", offset);
    }

    /**
     * The page among the first {@code :walk} users in list order. The LIMIT keeps the filter
     * out of the subquery, so only the order index can serve it, and bounds the walk when the
     * matches are not spread as evenly as {@link #walkBound} assumes. The walk reads the index
     * alone (it carries search_text, V22); only the page's rows are read from the table.
     */
    static String walkSql(UserFilter filter) {
        String walked = filter.email().isPresent() ? "id, created_at, search_text, email" : "id, created_at, search_text";
        return "SELECT " + COLUMNS_OF_USERS + " FROM (SELECT id, created_at FROM (SELECT " + walked
                + " FROM users ORDER BY created_at, id LIMIT :walk) AS walked" + where(filter, Test.EACH_ROW)
                + " ORDER BY created_at, id LIMIT :limit OFFSET :offset) AS page JOIN users USING (id) ORDER BY page.created_at, page.id";
    }

    static String sortedMatchesSql(UserFilter filter) {
        return matchesFirst(filter) + "SELECT * FROM matches ORDER BY created_at, id LIMIT :limit OFFSET :offset";
    }

    /** Every match found through the filter's index, once, then read by the statement that follows. */
    private static String matchesFirst(UserFilter filter) {
        return "WITH matches AS MATERIALIZED (SELECT " + COLUMNS + " FROM users" + where(filter, Test.INDEXED) + ") ";
    }

    /**
     * Matches spread through the list order, so walking visits about wanted × population /
     * matches users, while the filter's index visits every match: walk when that costs less.
     */
    static boolean walksOrderIndex(Matches matches, long wanted) {
        return WALK_COST_RATIO * (double) matches.total() * matches.total() > (double) wanted * matches.population();
    }

    /**
     * How far a walk goes before the page is fetched the other way: three times the users an
     * even spread of the matches needs (for a page of ten or more, an even spread puts the
     * last match of the page further than that less than once in ten thousand), so matches
     * bunched late in the list order cost a bounded detour, not a walk past every user.
     */
    static long walkBound(Matches matches, long wanted) {
        return (long) Math.ceil(3.0 * wanted * matches.population() / Math.max(1, matches.total()));
    }

    /** A page and the exact total of all matches. */
    record CountedPage(long total, List<User> items) {
    }

    /**
     * A page of a search whose total is not kept, with that total: one statement finds the
     * matches through the index of grams once, then counts them and sorts them (counting first
     * and fetching the page apart found them twice). Such a search usually matches fewer than
     * {@link UserSearch#KEEP_FROM_MATCHES} users, so sorting them all costs less than walking
     * the list order.
     */
    CountedPage countedPage(Handle handle, UserFilter filter, long offset, int limit) {
        List<CountedRow> rows = pageQuery(handle, countedPageSql(filter), filter, offset, limit)
                .map((row, context) -> new CountedRow(row.getLong("total"),
                        row.getString("id") == null ? Optional.empty() : Optional.of(UserRepository.USER.map(row, context))))
                .list();
        return new CountedPage(rows.get(0).total(), rows.stream().flatMap(row -> row.user().stream()).toList());
    }

    /** One row per user of the page, or a single row without a user when the page is empty. */
    private record CountedRow(long total, Optional<User> user) {
    }

    static String countedPageSql(UserFilter filter) {
        return matchesFirst(filter) + "SELECT counted.total, page.* FROM (SELECT count(*) AS total FROM matches) AS counted "
                + "LEFT JOIN LATERAL (SELECT * FROM matches ORDER BY created_at, id LIMIT :limit OFFSET :offset) AS page ON true "
                + "ORDER BY page.created_at, page.id";
    }

    /**
     * One fold step (V21, user_search_fold): the log rows folded, or -1 when another instance is
     * folding. REPEATABLE READ, so one snapshot; users is held in ACCESS SHARE mode before the
     * snapshot is taken, so that a TRUNCATE waits for the fold instead of the fold counting users
     * a TRUNCATE removed.
     */
    long fold(Handle handle, List<String> adopt, int step) {
        handle.execute("LOCK TABLE users IN ACCESS SHARE MODE");
        // Background work, not a request: one transaction of many users (a bulk delete) is folded whole,
        // and a fold that the request timeouts cut off would leave every later fold more to do.
        handle.execute("SET LOCAL statement_timeout = '" + FOLD_TIMEOUT.toSeconds() + "s'");
        try {
            handle.getConnection().setNetworkTimeout(Runnable::run, (int) FOLD_TIMEOUT.plusSeconds(10).toMillis());
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        return handle.createQuery("SELECT coalesce(user_search_fold(:adopt, :step), -1)")
                .bindArray("adopt", String.class, adopt)
                .bind("step", step)
                .mapTo(Long.class)
                .one();
    }

    /** Each kept number that is not a plain recount, with both figures; empty when all are right. */
    List<String> verify(Handle handle) {
        return handle.createQuery("SELECT key || ': kept ' || kept || ', counted ' || counted FROM user_search_verify() ORDER BY key")
                .mapTo(String.class)
                .list();
    }

    void rebuild(Handle handle) {
        handle.execute("SELECT user_search_rebuild()");
    }

    /** How a filter is written: for an index to find the matches, or to test users one by one. */
    private enum Test { INDEXED, EACH_ROW }

    /**
     * Name OR email contains the search text, case-insensitively (SPEC A5): user_matches (V18),
     * the filter's search being the lower-cased term ({@link #known}). To find the matches through the index of grams (V4), a term of up to three characters is
     * one of the user's grams; a longer one needs its three-character pieces among them, but only
     * those held by at most a fifth of all users (V6: common pieces barely narrow and cost the
     * most to read). The pieces are a subquery so that the planner does not run
     * search_index_pieces to estimate the index scan (half a millisecond of a two-millisecond
     * search); the plan's shape is fixed by the caller anyway. The email filter is exact.
     */
    private static String where(UserFilter filter, Test test) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(term -> {
            if (test == Test.INDEXED) {
                conditions.add(Text.length(term) <= 3 ? "grams @> ARRAY[CAST(:term AS text)]" : "grams @> (SELECT search_index_pieces(:term))");
            }
            conditions.add("user_matches(search_text, :term)");
        });
        filter.email().ifPresent(email -> conditions.add("lower(email) = :email"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds every parameter a filter may use; which of them a statement uses depends on its plan. */
    private static Query bindFilter(Query query, UserFilter filter) {
        query.configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true));
        filter.search().ifPresent(term -> query.bind("term", term));
        filter.email().ifPresent(email -> query.bind("email", UserRules.normaliseEmail(email)));
        return query;
    }
}
