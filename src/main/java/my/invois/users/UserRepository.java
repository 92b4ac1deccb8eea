package my.invois.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.http.QueryParams;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.Query;

/** The users table. Every method runs on the caller's handle, so the service owns the transaction. */
final class UserRepository {

    static final String EMAIL_CONSTRAINT = "users_email_key";
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

    List<User> page(Handle handle, UserFilter filter, long offset, int limit) {
        return bindFilter(handle.createQuery(pageSql(filter)), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .mapTo(User.class)
                .list();
    }

    static String pageSql(UserFilter filter) {
        return "SELECT " + COLUMNS + " FROM users" + where(filter) + " ORDER BY created_at, id LIMIT :limit OFFSET :offset";
    }

    long count(Handle handle, UserFilter filter) {
        return bindFilter(handle.createQuery("SELECT count(*) FROM users" + where(filter)), filter)
                .mapTo(Long.class)
                .one();
    }

    /** Name OR email contains the search text (trigram indexes); email filter is exact. */
    private static String where(UserFilter filter) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(text -> conditions.add("(name ILIKE :pattern OR email ILIKE :pattern)"));
        filter.email().ifPresent(email -> conditions.add("lower(email) = :email"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, UserFilter filter) {
        filter.search().ifPresent(text -> query.bind("pattern", QueryParams.containsPattern(text)));
        filter.email().ifPresent(email -> query.bind("email", UserRules.normaliseEmail(email)));
        return query;
    }
}
