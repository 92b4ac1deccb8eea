package my.invois.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.http.QueryParams;
import my.invois.http.Text;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** The users table. Every method runs on the caller's handle, so the service owns the transaction. */
final class UserRepository {

    static final String EMAIL_CONSTRAINT = "users_email_key";
    /** Below this many matches a filtered page is fetched through the filter's index and sorted. */
    static final long FEW_MATCHES = 20_000;
    private static final String COLUMNS = "id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at";

    static void registerMappers(Jdbi jdbi) {
        jdbi.registerRowMapper(ConstructorMapper.factory(User.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(UserMembership.class));
    }

    void insert(Handle handle, User user) {
        handle.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES "
                        + "(:id, :name, :firstName, :lastName, :email, :phone, :dob, :role, :createdAt, :updatedAt)")
                .bindMethods(user)
                .execute();
    }

    Optional<User> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .mapTo(User.class)
                .findOne();
    }

    /** Locks the row until the transaction ends, so concurrent partial updates both land. */
    Optional<User> findForUpdate(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .mapTo(User.class)
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
     */
    void lockOrganizationsOf(Handle handle, String userId) {
        handle.createQuery("SELECT id FROM organizations WHERE id IN (SELECT organization_id FROM memberships WHERE user_id = :userId) "
                        + "ORDER BY id FOR NO KEY UPDATE")
                .bind("userId", userId)
                .mapTo(String.class)
                .list();
    }

    boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute() == 1;
    }

    List<UserMembership> memberships(Handle handle, String userId) {
        return handle.createQuery("SELECT id, organization_id, role, created_at FROM memberships "
                        + "WHERE user_id = :userId ORDER BY created_at, id")
                .bind("userId", userId)
                .mapTo(UserMembership.class)
                .list();
    }

    /** One page in list order; {@code total} is the exact count of matches, which picks the plan. */
    List<User> page(Handle handle, UserFilter filter, long total, long offset, int limit) {
        return bindFilter(handle.createQuery(pageSql(filter, total)), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .mapTo(User.class)
                .list();
    }

    /**
     * Unfiltered pages find their ids in the (created_at, id) index alone, then fetch just
     * those rows, so a deep OFFSET skips index entries rather than rows. A filter with few
     * matches fetches them all through its index and sorts them: walking the order index
     * instead, which PostgreSQL prefers under a LIMIT, would visit every user when matches are
     * rare. Many matches are dense enough that walking the order index finds a page quickly.
     */
    static String pageSql(UserFilter filter, long total) {
        if (filter.isEmpty()) {
            return "SELECT " + COLUMNS + " FROM users JOIN (SELECT id FROM users ORDER BY created_at, id "
                    + "LIMIT :limit OFFSET :offset) AS page USING (id) ORDER BY created_at, id";
        }
        if (total <= FEW_MATCHES) {
            return "WITH matches AS MATERIALIZED (SELECT " + COLUMNS + " FROM users" + where(filter) + ") "
                    + "SELECT * FROM matches ORDER BY created_at, id LIMIT :limit OFFSET :offset";
        }
        return "SELECT " + COLUMNS + " FROM users" + where(filter) + " ORDER BY created_at, id LIMIT :limit OFFSET :offset";
    }

    /**
     * Totals the database keeps (migrations V2, V3) answer the unfiltered list and one- or
     * two-character searches, exact and one row away; other filters are selective enough to count.
     */
    long count(Handle handle, UserFilter filter) {
        String sql;
        if (filter.isEmpty()) {
            sql = "SELECT total FROM row_counts WHERE table_name = 'users'";
        } else if (filter.email().isEmpty() && filter.search().filter(UserRepository::isShort).isPresent()) {
            sql = "SELECT coalesce((SELECT total FROM short_gram_counts WHERE gram = lower(:search)), 0)";
        } else {
            sql = "SELECT count(*) FROM users" + where(filter);
        }
        return bindFilter(handle.createQuery(sql), filter)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Name OR email contains the search text: trigram indexes from three characters on, the
     * short-substring index below that; the email filter is exact.
     */
    private static String where(UserFilter filter) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(text -> conditions.add(isShort(text)
                ? "short_grams @> ARRAY[lower(:search)]"
                : "(name ILIKE :pattern OR email ILIKE :pattern)"));
        filter.email().ifPresent(email -> conditions.add("lower(email) = :email"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, UserFilter filter) {
        filter.search().ifPresent(text -> {
            if (isShort(text)) {
                query.bind("search", text);
            } else {
                query.bind("pattern", QueryParams.containsPattern(text));
            }
        });
        filter.email().ifPresent(email -> query.bind("email", UserRules.normaliseEmail(email)));
        return query;
    }

    /** Too short for trigrams: one or two characters. */
    private static boolean isShort(String search) {
        return Text.length(search) <= 2;
    }
}
