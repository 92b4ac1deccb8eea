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
    private static final String MEMBERS = "SELECT m.id, m.user_id, m.role, u.name AS user_name, u.email AS user_email, m.created_at "
            + "FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = :organizationId";

    private final PremiumTierRepository tiers = new PremiumTierRepository();

    private static final RowMapper<Organization> ORGANIZATION = (row, context) -> new Organization(
            row.getString("id"),
            row.getString("name"),
            row.getString("slug"),
            Columns.optionalText(row, "logo"),
            Columns.optionalText(row, "premium_tier_id"),
            row.getInt("member_count"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "updated_at"));
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

    /** Memberships go with it (ON DELETE CASCADE). */
    boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM organizations WHERE id = :id").bind("id", id).execute() == 1;
    }

    /** Unfiltered pages find their ids in the (created_at, id) index alone, as users' do. */
    List<Organization> page(Handle handle, OrganizationFilter filter, long offset, int limit) {
        String sql = filter.isEmpty()
                ? "SELECT " + COLUMNS + " FROM organizations JOIN (SELECT id FROM organizations ORDER BY created_at, id "
                        + "LIMIT :limit OFFSET :offset) AS page USING (id) ORDER BY created_at, id"
                : "SELECT " + COLUMNS + " FROM organizations" + where(filter) + " ORDER BY created_at, id LIMIT :limit OFFSET :offset";
        return bindFilter(handle.createQuery(sql), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(ORGANIZATION)
                .list();
    }

    /** The unfiltered total is kept by the database (migration V2). */
    long count(Handle handle, OrganizationFilter filter) {
        String sql = filter.isEmpty()
                ? "SELECT total FROM row_counts WHERE table_name = 'organizations'"
                : "SELECT count(*) FROM organizations" + where(filter);
        return bindFilter(handle.createQuery(sql), filter)
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
        List<Organization> found = handle.createQuery("SELECT " + COLUMNS + " FROM organizations WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, ids)
                .map(ORGANIZATION)
                .list();
        return summarise(handle, found).stream()
                .collect(Collectors.toMap(summary -> summary.organization().id(), Function.identity()));
    }

    List<OrganizationSummary> summarise(Handle handle, List<Organization> organizations) {
        List<PremiumTier> catalogue = tiers.all(handle);
        return organizations.stream()
                .map(organization -> new OrganizationSummary(organization, organization.premiumTierId()
                        .flatMap(id -> catalogue.stream().filter(tier -> tier.id().equals(id)).findFirst())))
                .toList();
    }

    OrganizationSummary summarise(Handle handle, Organization organization) {
        return summarise(handle, List.of(organization)).get(0);
    }

    /** Name contains the search text (trigram index); slug is exact. */
    private static String where(OrganizationFilter filter) {
        var conditions = new ArrayList<String>();
        filter.search().ifPresent(text -> conditions.add("name ILIKE :pattern"));
        filter.slug().ifPresent(slug -> conditions.add("slug = :slug"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query query, OrganizationFilter filter) {
        filter.search().ifPresent(text -> query.bind("pattern", QueryParams.containsPattern(text)));
        filter.slug().ifPresent(slug -> query.bind("slug", slug));
        return query;
    }
}
