package my.invois.users;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import my.invois.http.Text;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/** The users table. Every method runs on the caller's handle, so the service owns the transaction. */
final class UserRepository {

    static final String EMAIL_CONSTRAINT = "users_email_key";
    /**
     * members[] of the full form lists the first 100 memberships, as an organization's does (SPEC
     * B4); GET /users/{id}/organizations pages through them all with the true total.
     */
    static final int MEMBERS_SHOWN = 100;
    private static final String COLUMNS = "id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at";
    private static final String COLUMNS_OF_U = Columns.qualified("u", COLUMNS);
    private static final String UNFILTERED_PAGE_SQL = "SELECT " + COLUMNS + " FROM users JOIN (SELECT id FROM users "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset) AS page USING (id) ORDER BY created_at, id";

    /**
     * Pages from this offset on start at the range of the list order that holds the offset
     * (user_ranges, V8: exact counts of ranges of 10,000 to 19,999 users), so they skip fewer than
     * 20,000 index entries however deep they are; page 5,000 of 100 skipped 499,900 (60-100 ms
     * at a million users).
     */
    static final long RANGED_FROM_OFFSET = 10_000;
    private static final String RANGED_PAGE_SQL = "SELECT " + COLUMNS + " FROM users JOIN (SELECT u.id FROM "
            + "(SELECT start_at, start_id, before FROM (SELECT start_at, start_id, sum(users) OVER (ORDER BY start_at, start_id) - users AS before "
            + "FROM user_ranges) AS ranges WHERE before <= :offset ORDER BY start_at DESC, start_id DESC LIMIT 1) AS r "
            + "CROSS JOIN LATERAL (SELECT id FROM users WHERE (created_at, id) >= (r.start_at, r.start_id) "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset - r.before) AS u) AS page USING (id) ORDER BY created_at, id";

    /**
     * Testing a user met on the walk costs about a sixth of fetching a match through the index
     * of grams and sorting it (measured at a million users: 0.4 to 0.5 µs against 2.8 to 3.7 µs).
     */
    private static final int WALK_COST_RATIO = 6;

    /**
     * The search text lower-cased once per statement: in the generic plan PostgreSQL keeps for a
     * statement the driver prepares, lower(:search) ran again for every user tested (a walk of
     * 300,000 users took 232 ms instead of 199 ms).
     */
    private static final String TERM = "(SELECT lower(:search))";

    private static final RowMapper<User> USER = (row, context) -> new User(
            row.getString("id"),
            row.getString("name"),
            Columns.optionalText(row, "first_name"),
            Columns.optionalText(row, "last_name"),
            row.getString("email"),
            Columns.optionalText(row, "phone"),
            Columns.optionalDate(row, "dob"),
            row.getString("role"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "updated_at"));
    private static final RowMapper<UserMembership> MEMBERSHIP = (row, context) -> new UserMembership(
            row.getString("membership_id"),
            row.getString("organization_id"),
            row.getString("membership_role"),
            Columns.instant(row, "membership_created_at"));
    private static final String MEMBERSHIP_COLUMNS =
            "m.id AS membership_id, m.organization_id, m.role AS membership_role, m.created_at AS membership_created_at";
    /** A user's memberships, here and in the delete's cascade, are read through memberships_user_order (user_id, created_at, id). */
    static final String DETAILS_SQL = "SELECT " + COLUMNS_OF_U + ", " + MEMBERSHIP_COLUMNS
            + " FROM users u LEFT JOIN LATERAL (SELECT * FROM memberships WHERE user_id = u.id ORDER BY created_at, id LIMIT "
            + MEMBERS_SHOWN + ") AS m ON true WHERE u.id = :id ORDER BY m.created_at, m.id";
    static final String LOCK_ORGANIZATIONS_OF_SQL = "SELECT id FROM organizations WHERE id IN "
            + "(SELECT organization_id FROM memberships WHERE user_id = :userId) ORDER BY id FOR NO KEY UPDATE";

    void insert(Handle handle, User user) {
        handle.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES "
                        + "(:id, :name, :firstName, :lastName, :email, :phone, :dob, :role, :createdAt, :updatedAt)")
                .bindMethods(user)
                .execute();
    }

    /** Locks the row until the transaction ends, so concurrent partial updates both land. */
    Optional<User> findForUpdate(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(USER)
                .findOne();
    }

    void update(Handle handle, User user) {
        handle.createUpdate("UPDATE users SET name = :name, first_name = :firstName, last_name = :lastName, email = :email, "
                        + "phone = :phone, dob = :dob, role = :role, updated_at = :updatedAt WHERE id = :id")
                .bindMethods(user)
                .execute();
    }

    /**
     * Locks the user's organizations in id order. Deleting the user cascades to their
     * memberships, and the count trigger then locks each organization in join order: two users
     * who joined two organizations in opposite orders, deleted at once, deadlocked (a 500).
     * The caller holds the user's row, so no membership of theirs can be added meanwhile.
     */
    void lockOrganizationsOf(Handle handle, String userId) {
        handle.createQuery(LOCK_ORGANIZATIONS_OF_SQL)
                .bind("userId", userId)
                .mapTo(String.class)
                .list();
    }

    boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() == 1;
    }

    List<UserMembership> memberships(Handle handle, String userId) {
        return handle.createQuery("SELECT " + MEMBERSHIP_COLUMNS + " FROM memberships m "
                        + "WHERE m.user_id = :userId ORDER BY m.created_at, m.id LIMIT " + MEMBERS_SHOWN)
                .bind("userId", userId)
                .map(MEMBERSHIP)
                .list();
    }

    /**
     * A user with their memberships in one statement, so one round trip and one snapshot: a row
     * per membership, or a single row without one.
     */
    Optional<UserDetails> findDetails(Handle handle, String id) {
        return handle.createQuery(DETAILS_SQL)
                .bind("id", id)
                .scanResultSet((results, context) -> {
                    ResultSet row = results.get();
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    User user = USER.map(row, context);
                    var memberships = new ArrayList<UserMembership>();
                    do {
                        if (row.getString("membership_id") != null) {
                            memberships.add(MEMBERSHIP.map(row, context));
                        }
                    } while (row.next());
                    return Optional.of(new UserDetails(user, List.copyOf(memberships)));
                });
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
            return pageQuery(handle, sql, filter, offset, limit).map(USER).list();
        }
        long wanted = offset + limit;
        if (walksOrderIndex(matches, wanted)) {
            List<User> walked = pageQuery(handle, walkSql(filter), filter, offset, limit)
                    .bind("walk", walkBound(matches, wanted))
                    .map(USER)
                    .list();
            if (walked.size() >= Math.min(limit, matches.total() - offset)) {
                return walked;
            }
            // The matches sit later in the list order than an even spread would put them.
        }
        return pageQuery(handle, sortedMatchesSql(filter), filter, offset, limit).map(USER).list();
    }

    private static Query pageQuery(Handle handle, String sql, UserFilter filter, long offset, int limit) {
        return bindFilter(handle.createQuery(sql), filter)
                .bind("limit", limit)
                .bind("offset", offset);
    }

    /**
     * The page among the first {@code :walk} users in list order. The LIMIT keeps the filter
     * out of the subquery, so only the order index can serve it, and bounds the walk when the
     * matches are not spread as evenly as {@link #walkBound} assumes.
     */
    static String walkSql(UserFilter filter) {
        return "SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + ", search_text FROM users ORDER BY created_at, id LIMIT :walk) AS users"
                + where(filter, Test.EACH_ROW) + " LIMIT :limit OFFSET :offset";
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

    /**
     * The exact number of matches, and of all users, when the database keeps it (migrations V2,
     * V4, V5) or one index probe finds it: the unfiltered list, the email filter, searches of up
     * to three characters and kept longer searches. Empty for a longer search whose total is not
     * kept: its matches must be counted, which {@link #countedPage} does with the page.
     */
    Optional<Matches> knownCount(Handle handle, UserFilter filter) {
        String population = "(SELECT total FROM row_counts WHERE table_name = 'users')";
        String sql;
        if (filter.isEmpty()) {
            sql = "SELECT total, total AS population FROM row_counts WHERE table_name = 'users'";
        } else if (filter.email().isPresent()) {
            sql = "SELECT count(*) AS total, " + population + " AS population FROM users" + where(filter, Test.INDEXED);
        } else if (isGram(filter.search().orElseThrow())) {
            sql = "SELECT coalesce((SELECT total FROM gram_counts WHERE gram = lower(:search)), 0) AS total, " + population + " AS population";
        } else {
            sql = "SELECT (SELECT total FROM search_counts WHERE term = lower(:search) AND NOT pending) AS total, " + population + " AS population";
        }
        return bindFilter(handle.createQuery(sql), filter)
                .map((row, context) -> row.getObject("total") == null
                        ? Optional.<Matches>empty()
                        : Optional.of(new Matches(row.getLong("total"), row.getLong("population"))))
                .one();
    }

    /** A page and the exact total of all matches. */
    record CountedPage(long total, List<User> items) {
    }

    /**
     * A page of a search whose total is not kept, with that total: one statement finds the
     * matches through the index of grams once, then counts them and sorts them (counting first
     * and fetching the page apart found them twice). Such a search usually matches fewer than
     * {@link SearchCounts#KEEP_FROM_MATCHES} users, so sorting them all costs less than walking
     * the list order.
     */
    CountedPage countedPage(Handle handle, UserFilter filter, long offset, int limit) {
        List<CountedRow> rows = bindFilter(handle.createQuery(countedPageSql(filter)), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((row, context) -> new CountedRow(row.getLong("total"),
                        row.getString("id") == null ? Optional.empty() : Optional.of(USER.map(row, context))))
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

    /** Counts a search's matches through the index of grams, as a list would; binds :search. */
    static String countSearchSql(String search) {
        return "SELECT count(*) FROM users" + where(new UserFilter(Optional.of(search), Optional.empty()), Test.INDEXED);
    }

    /** How a filter is written: for an index to find the matches, or to test users one by one. */
    private enum Test { INDEXED, EACH_ROW }

    /**
     * Name OR email contains the search text, case-insensitively (SPEC A5): the lower-cased text
     * is a substring of the lower-cased name or email. That is what ILIKE '%text%' does on a
     * UTF-8 database (it folds both sides with lower(), then matches), at a quarter of the cost:
     * ILIKE folds its pattern again for every user. The lower-cased name and email are stored
     * as search_text, apart by a newline (migration V7), so a text without a newline is found
     * there exactly and nothing is folded per user. To find the matches through the index of
     * grams (migration V4), a text of up to three characters is one of the user's grams (which
     * is exact on its own); a longer one needs its three-character pieces among them, but only
     * those held by at most a fifth of all users (migration V6: common pieces barely narrow and
     * cost the most to read), and the substring test decides. The pieces are a subquery so
     * that the planner does not run search_index_pieces to estimate the index scan (half a
     * millisecond of a two-millisecond search); the plan's shape is fixed by the caller anyway.
     * The email filter is exact.
     */
    private static String where(UserFilter filter, Test test) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(text -> {
            String contains = text.contains("\n")
                    ? "(strpos(lower(name), " + TERM + ") > 0 OR strpos(lower(email), " + TERM + ") > 0)"
                    : "strpos(search_text, " + TERM + ") > 0";
            if (test == Test.EACH_ROW) {
                conditions.add(contains);
            } else if (isGram(text)) {
                conditions.add("grams @> ARRAY[lower(:search)]");
            } else {
                conditions.add("grams @> (SELECT search_index_pieces(:search)) AND " + contains);
            }
        });
        filter.email().ifPresent(email -> conditions.add("lower(email) = :email"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds every parameter a filter may use; which of them a statement uses depends on its plan. */
    private static Query bindFilter(Query query, UserFilter filter) {
        query.configure(SqlStatements.class, statements -> statements.setUnusedBindingAllowed(true));
        filter.search().ifPresent(text -> query.bind("search", text));
        filter.email().ifPresent(email -> query.bind("email", UserRules.normaliseEmail(email)));
        return query;
    }

    /** Short enough to be a gram itself: up to three characters. */
    private static boolean isGram(String search) {
        return Text.length(search) <= 3;
    }
}
