package my.invois.organizations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import my.invois.db.Columns;
import my.invois.http.QueryParams;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The organizations table and the members[] of the full form. Every method runs on the caller's
 * handle, so the service owns the transaction; the public reads are for memberships, which
 * renders organizations and members the same way inside its own transactions.
 */
public final class OrganizationRepository {

    static final String SLUG_CONSTRAINT = "organizations_slug_key";
    static final String PREMIUM_TIER_CONSTRAINT = "organizations_premium_tier_id_fkey";
    private static final String COLUMNS = "id, name, slug, logo, premium_tier_id, member_count, created_at, updated_at";
    private static final String COLUMNS_OF_O = Columns.qualified("o", COLUMNS);
    /** Named apart from the organization's columns for SUMMARY; null when the organization has no tier. */
    private static final String TIER_COLUMNS = "t.id AS tier_id, t.name AS tier_name, t.features AS tier_features, "
            + "t.max_users AS tier_max_users, t.max_storage AS tier_max_storage, t.api_calls_per_month AS tier_api_calls_per_month";
    private static final String SELECT_SUMMARIES = "SELECT " + COLUMNS_OF_O + ", " + TIER_COLUMNS + " FROM organizations o";
    private static final String TIER_JOIN = " LEFT JOIN premium_tiers t ON t.id = o.premium_tier_id";
    private static final String MEMBERS = "SELECT m.id, m.user_id, m.role, u.name AS user_name, u.email AS user_email, m.created_at "
            + "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = :organizationId";

    private static final RowMapper<Organization> ORGANIZATION = (row, context) -> new Organization(
            row.getString("id"),
            row.getString("name"),
            row.getString("slug"),
            Columns.optionalText(row, "logo"),
            Columns.optionalText(row, "premium_tier_id"),
            row.getInt("member_count"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "updated_at"));
    private static final RowMapper<PremiumTier> TIER = PremiumTierRepository.mapper("tier_");
    private static final RowMapper<OrganizationSummary> SUMMARY = (row, context) -> new OrganizationSummary(
            ORGANIZATION.map(row, context),
            row.getString("tier_id") == null ? Optional.empty() : Optional.of(TIER.map(row, context)));
    private static final RowMapper<OrganizationMember> MEMBER = (row, context) -> new OrganizationMember(
            row.getString("id"),
            row.getString("user_id"),
            row.getString("role"),
            row.getString("user_name"),
            row.getString("user_email"),
            Columns.instant(row, "created_at"));

    void insert(Handle handle, Organization organization) {
        handle.createUpdate("INSERT INTO organizations (id, name, slug, logo, premium_tier_id, created_at, updated_at) "
                        + "VALUES (:id, :name, :slug, :logo, :premiumTierId, :createdAt, :updatedAt)")
                .bindMethods(organization)
                .execute();
    }

    public Optional<Organization> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM organizations WHERE id = :id")
                .bind("id", id)
                .map(ORGANIZATION)
                .findOne();
    }

    /** The organization with its tier, in one statement. */
    Optional<OrganizationSummary> findSummary(Handle handle, String id) {
        return handle.createQuery(SELECT_SUMMARIES + TIER_JOIN + " WHERE o.id = :id")
                .bind("id", id)
                .map(SUMMARY)
                .findOne();
    }

    /**
     * Locks the row as the member count trigger's UPDATE would, before a membership is written,
     * so that the organization is locked before the membership (lock order: MembershipService).
     * A missing organization is left to the caller's next statement to find.
     */
    public void lockForMembers(Handle handle, String id) {
        handle.createQuery("SELECT id FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id)
                .mapTo(String.class)
                .list();
    }

    /** Locks the row until the transaction ends, so concurrent partial updates both land. */
    Optional<Organization> findForUpdate(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM organizations WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(ORGANIZATION)
                .findOne();
    }

    /** member_count is left to the trigger on memberships. */
    void update(Handle handle, Organization organization) {
        handle.createUpdate("UPDATE organizations SET name = :name, slug = :slug, logo = :logo, "
                        + "premium_tier_id = :premiumTierId, updated_at = :updatedAt WHERE id = :id")
                .bindMethods(organization)
                .execute();
    }

    /**
     * An e-invoice ever sent to LHDN (submitted_at set), whatever its status now, or one in a
     * submission (E6): its bytes may have reached LHDN although no answer said so yet.
     */
    boolean hasSubmittedEinvoices(Handle handle, String id) {
        return handle.createQuery("SELECT 1 FROM einvoices WHERE organization_id = :id "
                        + "AND (submitted_at IS NOT NULL OR submission_id IS NOT NULL) LIMIT 1")
                .bind("id", id).mapTo(Integer.class).findOne().isPresent();
    }

    /** Memberships go with it (ON DELETE CASCADE), locked after the organization, as the lock order wants (MembershipService). */
    boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM organizations WHERE id = :id").bind("id", id).execute() == 1;
    }

    /** Each with its tier. Unfiltered pages find their ids in the (created_at, id) index alone, as users' do. */
    List<OrganizationSummary> page(Handle handle, OrganizationFilter filter, long offset, int limit) {
        String sql = filter.isEmpty()
                ? SELECT_SUMMARIES + " JOIN (SELECT id FROM organizations ORDER BY created_at, id LIMIT :limit OFFSET :offset) AS page "
                        + "USING (id)" + TIER_JOIN + " ORDER BY o.created_at, o.id"
                : SELECT_SUMMARIES + TIER_JOIN + where(filter) + " ORDER BY o.created_at, o.id LIMIT :limit OFFSET :offset";
        return bindFilter(handle.createQuery(sql), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(SUMMARY)
                .list();
    }

    /**
     * Counted at read, also unfiltered: a kept total was one row every writer of organizations
     * updated (V2, dropped by V18). Counting 100,000 organizations through the primary key index
     * costs a few milliseconds (BENCHMARKS.md, "Counting").
     */
    long count(Handle handle, OrganizationFilter filter) {
        return bindFilter(handle.createQuery("SELECT count(*) FROM organizations o" + where(filter)), filter)
                .mapTo(Long.class)
                .one();
    }

    /** Oldest first, as the full form's members[] and the members list show them. */
    public List<OrganizationMember> members(Handle handle, String organizationId, long offset, int limit) {
        return handle.createQuery(MEMBERS + " ORDER BY m.created_at, m.id LIMIT :limit OFFSET :offset")
                .bind("organizationId", organizationId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(MEMBER)
                .list();
    }

    /** One membership, only if it belongs to this organization. */
    public Optional<OrganizationMember> member(Handle handle, String organizationId, String memberId) {
        return handle.createQuery(MEMBERS + " AND m.id = :memberId")
                .bind("organizationId", organizationId)
                .bind("memberId", memberId)
                .map(MEMBER)
                .findOne();
    }

    /** The organizations with these ids, each with its tier, by id; ids not found are absent. */
    public Map<String, OrganizationSummary> summaries(Handle handle, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return handle.createQuery(SELECT_SUMMARIES + TIER_JOIN + " WHERE o.id = ANY(:ids)")
                .bindArray("ids", String.class, ids)
                .map(SUMMARY)
                .collect(Collectors.toMap(summary -> summary.organization().id(), Function.identity()));
    }

    /** Name contains the search text (trigram index); slug is exact. */
    private static String where(OrganizationFilter filter) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(text -> conditions.add("o.name ILIKE :pattern"));
        filter.slug().ifPresent(slug -> conditions.add("o.slug = :slug"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, OrganizationFilter filter) {
        filter.search().ifPresent(text -> query.bind("pattern", QueryParams.containsPattern(text)));
        filter.slug().ifPresent(slug -> query.bind("slug", slug));
        return query;
    }
}
