package my.invois.memberships;

import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The memberships table. Every method runs on the caller's handle, so the service owns the
 * transaction. A membership is always looked up by organization and id together, so one of
 * another organization is never found.
 */
final class MembershipRepository {

    static final String ORGANIZATION_CONSTRAINT = "memberships_organization_fkey";
    static final String USER_CONSTRAINT = "memberships_user_fkey";
    static final String MEMBER_CONSTRAINT = "memberships_organization_user_key";
    private static final String COLUMNS = "id, organization_id, user_id, role, created_at, updated_at";
    /** Both read the index memberships_user_order (user_id, created_at, id): the page in its order, no sort. */
    static final String OF_USER_SQL = "SELECT " + COLUMNS + " FROM memberships WHERE user_id = :userId ORDER BY created_at, id "
            + "LIMIT :limit OFFSET :offset";
    static final String COUNT_OF_USER_SQL = "SELECT count(*) FROM memberships WHERE user_id = :userId";

    private static final RowMapper<Membership> MEMBERSHIP = (row, context) -> new Membership(
            row.getString("id"),
            row.getString("organization_id"),
            row.getString("user_id"),
            row.getString("role"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "updated_at"));

    void insert(Handle handle, Membership membership) {
        handle.createUpdate("INSERT INTO memberships (" + COLUMNS + ") VALUES "
                        + "(:id, :organizationId, :userId, :role, :createdAt, :updatedAt)")
                .bindMethods(membership)
                .execute();
    }

    /**
     * Takes the lock the foreign key check would take on the user, but before the organization's
     * (lock order: MembershipService). A missing user is left to the foreign key to report.
     */
    void lockUser(Handle handle, String userId) {
        handle.createQuery("SELECT id FROM users WHERE id = :userId FOR KEY SHARE")
                .bind("userId", userId)
                .mapTo(String.class)
                .list();
    }

    /** Locks the row until the transaction ends. */
    Optional<Membership> findForUpdate(Handle handle, String organizationId, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM memberships "
                        + "WHERE id = :id AND organization_id = :organizationId FOR UPDATE")
                .bind("id", id)
                .bind("organizationId", organizationId)
                .map(MEMBERSHIP)
                .findOne();
    }

    void update(Handle handle, Membership membership) {
        handle.createUpdate("UPDATE memberships SET role = :role, updated_at = :updatedAt WHERE id = :id")
                .bindMethods(membership)
                .execute();
    }

    boolean delete(Handle handle, String organizationId, String id) {
        return handle.createUpdate("DELETE FROM memberships WHERE id = :id AND organization_id = :organizationId")
                .bind("id", id)
                .bind("organizationId", organizationId)
                .execute() == 1;
    }

    List<Membership> ofUser(Handle handle, String userId, long offset, int limit) {
        return handle.createQuery(OF_USER_SQL)
                .bind("userId", userId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(MEMBERSHIP)
                .list();
    }

    long countOfUser(Handle handle, String userId) {
        return handle.createQuery(COUNT_OF_USER_SQL)
                .bind("userId", userId)
                .mapTo(Long.class)
                .one();
    }

    boolean userExists(Handle handle, String userId) {
        return handle.createQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :userId)")
                .bind("userId", userId)
                .mapTo(Boolean.class)
                .one();
    }
}
