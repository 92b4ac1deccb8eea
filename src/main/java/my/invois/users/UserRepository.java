package my.invois.users;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The users table. Every method runs on the caller's handle, so the service owns the transaction. */
final class UserRepository {

    static final String EMAIL_CONSTRAINT = "users_email_key";
    /**
     * members[] of the full form lists the first 100 memberships, as an organization's does (SPEC
     * B4); GET /users/{id}/organizations pages through them all with the true total.
     */
    static final int MEMBERS_SHOWN = 100;
    static final String COLUMNS = "id, name, first_name, last_name, email, phone, dob, role, created_at, updated_at";
    private static final String COLUMNS_OF_U = Columns.qualified("u", COLUMNS);
    static final RowMapper<User> USER = (row, context) -> new User(
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
}
