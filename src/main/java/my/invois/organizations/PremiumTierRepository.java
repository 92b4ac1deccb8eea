package my.invois.organizations;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The premium tier catalogue, a handful of rows seeded by the migrations (SPEC B5). */
final class PremiumTierRepository {

    private static final RowMapper<PremiumTier> TIER = mapper("");

    /** A tier read from columns whose names carry this prefix, as a join names them apart from another table's. */
    static RowMapper<PremiumTier> mapper(String prefix) {
        return (row, context) -> new PremiumTier(
                row.getString(prefix + "id"),
                row.getString(prefix + "name"),
                List.of((String[]) row.getArray(prefix + "features").getArray()),
                row.getInt(prefix + "max_users"),
                row.getLong(prefix + "max_storage"),
                row.getLong(prefix + "api_calls_per_month"));
    }

    List<PremiumTier> all(Handle handle) {
        return handle.createQuery("SELECT id, name, features, max_users, max_storage, api_calls_per_month "
                        + "FROM premium_tiers ORDER BY position")
                .map(TIER)
                .list();
    }
}
